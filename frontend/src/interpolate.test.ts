import { escapeRegex, formatLogqlValue, interpolateQuery } from './interpolate';
import { fakeTemplateSrv } from './test/fakes';

describe('interpolateQuery', () => {
  const templateSrv = fakeTemplateSrv({ service: 'sshd', hosts: ['web-1', 'web.2'], word: 'failed' });

  it('replaces variables in the question as words', () => {
    const q = interpolateQuery(templateSrv, { refId: 'A', question: 'which $word logins on $hosts for $service?' });
    expect(q.question).toBe('which failed logins on web-1, web.2 for sshd?');
  });

  it('replaces variables in pinned LogQL, multi-values as a regex alternation', () => {
    const q = interpolateQuery(templateSrv, { refId: 'A', logql: '{app="$service", host=~"$hosts"}' });
    expect(q.logql).toBe('{app="sshd", host=~"(web-1|web\\.2)"}');
  });

  it('leaves $__range, $__interval and $__auto to the backend, even when Grafana knows them', () => {
    const scoped = { __interval: { text: '1m', value: '1m' }, __range: { text: '1h', value: '1h' } };
    const q = interpolateQuery(
      templateSrv,
      {
        refId: 'A',
        logql: 'sum(rate({app="$service"}[$__interval])) / sum(count_over_time({app="x"}[${__range}])) + $__auto',
      },
      scoped
    );
    expect(q.logql).toBe(
      'sum(rate({app="sshd"}[$__interval])) / sum(count_over_time({app="x"}[${__range}])) + $__auto'
    );
  });

  it('keeps the legend’s {{label}} placeholders', () => {
    expect(interpolateQuery(templateSrv, { refId: 'A', legendFormat: '{{ip}} on $service' }).legendFormat).toBe(
      '{{ip}} on sshd'
    );
  });

  it('leaves other fields alone', () => {
    const query = { refId: 'A', question: 'q', mode: 'metrics' as const, maxLines: 10 };
    expect(interpolateQuery(templateSrv, query)).toEqual(query);
  });
});

describe('LogQL values', () => {
  it('escapes regex characters for multi-value and all-value variables only', () => {
    expect(escapeRegex('a.b|c')).toBe('a\\.b\\|c');
    expect(formatLogqlValue('a.b')).toBe('a.b');
    expect(formatLogqlValue('a.b', { multi: true })).toBe('a\\.b');
    expect(formatLogqlValue(['x'])).toBe('x');
  });
});
