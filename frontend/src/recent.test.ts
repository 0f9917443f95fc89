import { recentQuestions, rememberQuestion } from './recent';

describe('recent questions', () => {
  it('keeps the newest first, once, at most ten, per datasource', () => {
    for (let i = 0; i < 12; i++) {
      rememberQuestion('ds1', `question ${i}`);
    }
    rememberQuestion('ds1', 'question 5');
    const list = recentQuestions('ds1');
    expect(list).toHaveLength(10);
    expect(list[0]).toBe('question 5');
    expect(list.filter((q) => q === 'question 5')).toHaveLength(1);
    expect(recentQuestions('ds2')).toEqual([]);
  });

  it('ignores blank questions and broken storage', () => {
    expect(rememberQuestion('ds1', '   ')).toEqual([]);
    window.localStorage.setItem('grafana.askloki.recentQuestions.ds1', '{not json');
    expect(recentQuestions('ds1')).toEqual([]);
  });
});
