import { render, screen } from '@testing-library/react';

import { dateTime, EventBusSrv, LoadingState, PanelData, TimeRange } from '@grafana/data';
import { BackendDataSourceResponse, toDataQueryResponse } from '@grafana/runtime';

import answers from '../../harness/fixtures/answers.json';
import { AnswerPanel } from './AnswerPanel';
import { askLokiExploreUrl, defaultOptions } from './options';

const response = toDataQueryResponse({ data: answers as unknown as BackendDataSourceResponse });
const range: TimeRange = { from: dateTime(0), to: dateTime(3600_000), raw: { from: 'now-1h', to: 'now' } };

function renderPanel(refId: string) {
  const data: PanelData = {
    state: LoadingState.Done,
    series: response.data.filter((f) => f.refId === refId),
    errors: (response.errors ?? []).filter((e) => e.refId === refId),
    timeRange: range,
  };
  return render(
    <AnswerPanel
      id={1}
      data={data}
      timeRange={range}
      timeZone="utc"
      options={defaultOptions}
      transparent={false}
      width={600}
      height={400}
      fieldConfig={{ defaults: {}, overrides: [] }}
      renderCounter={0}
      title=""
      eventBus={new EventBusSrv()}
      onOptionsChange={() => {}}
      onFieldConfigChange={() => {}}
      replaceVariables={(s) => s}
      onChangeTimeRange={() => {}}
    />
  );
}

describe('AnswerPanel', () => {
  it('shows the number, the answer and the LogQL', () => {
    renderPanel('number');
    const value = screen.getByTestId('askloki-answer-value');
    expect(value).toHaveTextContent(/\d/);
    expect(value).toHaveTextContent('lines');
    expect(screen.getByTestId('askloki-panel-logql')).toHaveTextContent('count_over_time');
    expect(screen.getByText('Copy LogQL')).toBeInTheDocument();
  });

  it('lists the cited lines of a written answer and draws the logs below', () => {
    renderPanel('long');
    expect(screen.getByTestId('askloki-cited-lines').querySelectorAll('li')).toHaveLength(2);
    expect(screen.getByTestId('askloki-evidence')).toHaveTextContent('The lines');
  });

  it('shows an error, not an empty panel', () => {
    renderPanel('error');
    expect(screen.getByTestId('askloki-answer-error')).toHaveTextContent(/scope/);
    expect(screen.queryByTestId('askloki-panel-answer')).toBeNull();
  });
});

describe('askLokiExploreUrl', () => {
  it('opens the same datasource with the question and the query pinned', () => {
    const url = askLokiExploreUrl(
      { uid: 'ds1', type: 'askloki-nlq-datasource' },
      {
        question: 'how many?',
        answer: '',
        computed: '',
        written: '',
        logql: 'sum(count_over_time({a="b"}[1h]))',
        reusable: 'sum(count_over_time({a="b"}[$__range]))',
        origin: 'llm',
        result: 'number',
        unit: '',
        cited: 0,
      },
      range,
      '/grafana'
    )!;
    expect(url.startsWith('/grafana/explore?schemaVersion=1&panes=')).toBe(true);
    const panes = JSON.parse(decodeURIComponent(url.split('panes=')[1]));
    expect(panes.askloki.datasource).toBe('ds1');
    expect(panes.askloki.queries[0]).toMatchObject({
      question: 'how many?',
      logql: 'sum(count_over_time({a="b"}[$__range]))',
    });
    expect(askLokiExploreUrl(undefined, { reusable: 'x' } as never)).toBeUndefined();
  });
});
