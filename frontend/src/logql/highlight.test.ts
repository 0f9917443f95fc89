import { highlightLogql, isStreamSelector } from './highlight';

const kinds = (query: string) =>
  highlightLogql(query)
    .tokens.filter((t) => t.kind !== 'plain')
    .map((t) => `${t.kind}:${t.text}`);

describe('highlightLogql', () => {
  it('colours a log query by the LogQL grammar', () => {
    expect(kinds('{app="sshd"} |= "Failed" | json')).toEqual([
      'label:app',
      'operator:=',
      'string:"sshd"',
      'operator:|=',
      'string:"Failed"',
      'operator:|',
      'keyword:json',
    ]);
  });

  it('colours functions, groupings, durations and numbers of a metric query', () => {
    const k = kinds('topk(5, sum by (ip) (rate({a="b"}[5m])))');
    expect(k).toEqual(
      expect.arrayContaining([
        'keyword:topk',
        'number:5',
        'keyword:sum',
        'keyword:by',
        'label:ip',
        'keyword:rate',
        'number:5m',
      ])
    );
    expect(highlightLogql('topk(5, sum by (ip) (rate({a="b"}[5m])))').errorAt).toBeUndefined();
  });

  it('keeps the text exactly', () => {
    const q = 'sum(count_over_time({app="x"} |~ `a|b` [1h])) > 2';
    expect(
      highlightLogql(q)
        .tokens.map((t) => t.text)
        .join('')
    ).toBe(q);
  });

  it('reads Grafana variables as variables, not errors', () => {
    const h = highlightLogql('count_over_time({app="$service"} [$__range])');
    expect(h.errorAt).toBeUndefined();
    expect(h.tokens.filter((t) => t.kind === 'variable').map((t) => t.text)).toEqual(['$service', '$__range']);
  });

  it('says where a query stops parsing', () => {
    expect(highlightLogql('{app="x" |= ').errorAt).toBe(9);
    expect(highlightLogql('').tokens).toEqual([]);
  });
});

describe('isStreamSelector', () => {
  it('accepts selectors only', () => {
    expect(isStreamSelector('{namespace="prod", app=~"api|web"}')).toBe(true);
    expect(isStreamSelector('namespace=prod')).toBe(false);
    expect(isStreamSelector('{namespace="prod"')).toBe(false);
  });
});
