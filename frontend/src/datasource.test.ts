import { CoreApp, DataQueryRequest, dateTime, SupplementaryQueryType, TimeRange } from '@grafana/data';

import { lastValueFrom } from 'rxjs';

import { installGrafana, makeDataSource } from './test/fakes';
import { AskLokiQuery } from './types';
import { parseVariableQuery } from './variables';

const range: TimeRange = {
  from: dateTime(1_700_000_000_000),
  to: dateTime(1_700_003_600_000),
  raw: { from: 'now-1h', to: 'now' },
};

describe('DataSource', () => {
  it('starts alert rules in the metrics mode', () => {
    installGrafana();
    const ds = makeDataSource();
    expect(ds.getDefaultQuery(CoreApp.UnifiedAlerting).mode).toBe('metrics');
    expect(ds.getDefaultQuery(CoreApp.Explore).mode).toBe('auto');
  });

  it('sends only queries with a question or a pinned query', () => {
    installGrafana();
    const ds = makeDataSource();
    expect(ds.filterQuery({ refId: 'A', question: '  ' })).toBe(false);
    expect(ds.filterQuery({ refId: 'A', question: 'errors?' })).toBe(true);
    expect(ds.filterQuery({ refId: 'A', logql: '{a="b"}' })).toBe(true);
    expect(ds.filterQuery({ refId: 'A', question: 'errors?', hide: true })).toBe(false);
  });

  it('shows the question, not the JSON, in query history', () => {
    installGrafana();
    const ds = makeDataSource();
    expect(ds.getQueryDisplayText({ refId: 'A', question: ' errors in nginx ' })).toBe('errors in nginx');
    expect(ds.getQueryDisplayText({ refId: 'A', logql: '{app="x"}' })).toBe('{app="x"}');
    expect(ds.getQueryDisplayText({ refId: 'A', question: 'errors', logql: '{app="x"}', mode: 'metrics' })).toBe(
      'Metrics: errors · {app="x"}'
    );
    expect(ds.getQueryDisplayText({ refId: 'A', question: 'why?', mode: 'rootcause' })).toBe('Root cause: why?');
  });

  it('asks for a logs volume beside queries that may return lines', () => {
    installGrafana();
    const ds = makeDataSource();
    expect(ds.getSupportedSupplementaryQueryTypes()).toEqual([SupplementaryQueryType.LogsVolume]);
    const volume = { type: SupplementaryQueryType.LogsVolume } as const;
    expect(ds.getSupplementaryQuery(volume, { refId: 'A', question: 'errors', maxLines: 10 })).toEqual({
      refId: 'log-volume-A',
      question: 'errors',
      maxLines: 10,
      supportingQueryType: 'logsVolume',
    });
    expect(ds.getSupplementaryQuery(volume, { refId: 'A', question: 'errors', mode: 'metrics' })).toBeUndefined();
    expect(ds.getSupplementaryQuery(volume, { refId: 'A', question: 'x', mode: 'parse' })).toBeUndefined();
    expect(ds.getSupplementaryQuery(volume, { refId: 'A', question: ' ' })).toBeUndefined();
    expect(ds.getSupplementaryQuery({ type: SupplementaryQueryType.LogsSample }, { refId: 'A', question: 'x' })).toBe(
      undefined
    );
    const request = {
      targets: [
        { refId: 'A', question: 'errors', mode: 'logs' },
        { refId: 'B', question: 'how many?', mode: 'metrics' },
      ],
      range,
    } as unknown as DataQueryRequest<AskLokiQuery>;
    const supplementary = ds.getSupplementaryRequest(SupplementaryQueryType.LogsVolume, request);
    expect(supplementary?.targets.map((t) => t.refId)).toEqual(['log-volume-A']);
    expect(supplementary?.range).toBe(range);
    const none = { ...request, targets: [request.targets[1]] };
    expect(ds.getSupplementaryRequest(SupplementaryQueryType.LogsVolume, none)).toBeUndefined();
  });

  it('interpolates template variables before the query goes to the backend', () => {
    installGrafana({}, { service: 'nginx' });
    const ds = makeDataSource();
    const q = ds.applyTemplateVariables({ refId: 'A', question: 'errors in $service', logql: '{app="$service"}' }, {});
    expect(q).toMatchObject({ question: 'errors in nginx', logql: '{app="nginx"}' });
    const [moved] = ds.interpolateVariablesInQueries([{ refId: 'A', question: '$service' }], {});
    expect(moved.question).toBe('nginx');
    expect(moved.datasource).toEqual({ type: 'askloki-nlq-datasource', uid: 'askloki' });
  });

  it('asks the generate resource with the question and the range', async () => {
    const generated = { logql: '{a="b"}', reusable: '{a="b"}', origin: 'template', why: [] };
    const requests = installGrafana({ 'POST generate': generated }, { service: 'sshd' });
    const ds = makeDataSource();
    await expect(ds.generate('errors in $service', range)).resolves.toEqual(generated);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: '/api/datasources/uid/askloki/resources/generate',
      data: { question: 'errors in sshd', from: 1_700_000_000_000, to: 1_700_003_600_000 },
    });
  });

  it('asks for the answer frame on the answer panel’s requests only', async () => {
    const sent = async (panelPluginId?: string) => {
      const requests = installGrafana({ 'POST /api/ds/query': { results: { A: { frames: [] } } } });
      const ds = makeDataSource();
      const request = {
        requestId: 'r',
        app: CoreApp.Dashboard,
        interval: '1m',
        intervalMs: 60_000,
        range,
        scopedVars: {},
        timezone: 'utc',
        startTime: 0,
        panelPluginId,
        targets: [{ refId: 'A', question: 'how many errors?' }],
      } as DataQueryRequest<AskLokiQuery>;
      await lastValueFrom(ds.query(request));
      const body = requests.find((r) => r.url.startsWith('/api/ds/query'))!.data as { queries: AskLokiQuery[] };
      return body.queries[0];
    };
    expect((await sent('askloki-answer-panel')).answerFrame).toBe(true);
    expect((await sent('timeseries')).answerFrame).toBeUndefined();
    expect((await sent(undefined)).answerFrame).toBeUndefined();
  });

  it('answers variable queries from the labels and label-values resources', async () => {
    const requests = installGrafana(
      { 'GET labels': ['app', 'host'], 'GET label-values': ['api', 'web'] },
      { label: 'app' }
    );
    const ds = makeDataSource();
    await expect(ds.metricFindQuery({ refId: 'v', type: 'labels' }, { range })).resolves.toEqual([
      { text: 'app' },
      { text: 'host' },
    ]);
    await expect(ds.metricFindQuery('label_values($label)')).resolves.toEqual([{ text: 'api' }, { text: 'web' }]);
    expect(requests[0].params).toEqual({ from: 1_700_000_000_000, to: 1_700_003_600_000 });
    expect(requests[1].params).toEqual({ name: 'app' });
    await expect(ds.metricFindQuery('something else')).resolves.toEqual([]);
  });

  it('runs variable queries through its variable support', async () => {
    installGrafana({ 'GET labels': ['app'] });
    const ds = makeDataSource();
    const support = ds.variables as unknown as { query: (r: unknown) => { toPromise: () => Promise<unknown> } };
    const response = await support
      .query({ targets: [{ refId: 'v', type: 'labels' }], range, scopedVars: {} })
      .toPromise();
    expect(response).toEqual({ data: [{ text: 'app' }] });
  });

  it('links a query to Explore on the configured Loki datasource', () => {
    installGrafana();
    const url = makeDataSource({ lokiDatasourceUid: 'loki-uid' }).lokiExploreUrl('{app="x"} |= "err"', range)!;
    expect(url.startsWith('/explore?schemaVersion=1&panes=')).toBe(true);
    const panes = JSON.parse(decodeURIComponent(url.split('panes=')[1]));
    expect(panes.askloki).toMatchObject({
      datasource: 'loki-uid',
      queries: [{ refId: 'A', expr: '{app="x"} |= "err"', datasource: { type: 'loki', uid: 'loki-uid' } }],
      range: { from: 'now-1h', to: 'now' },
    });
  });

  it('shows each line of the health check (Save & test)', async () => {
    installGrafana({
      'GET health': {
        status: 'OK',
        message:
          'Loki at http://loki:3100: reachable, 12 labels\nLLM: gpt-4o-mini served\nknowledge base: ready (10 templates over 500 lines)',
      },
    });
    await expect(makeDataSource().testDatasource()).resolves.toEqual({
      status: 'success',
      message: 'Loki at http://loki:3100: reachable, 12 labels',
      details: {
        message: 'LLM: gpt-4o-mini served · knowledge base: ready (10 templates over 500 lines)',
        verboseMessage: expect.stringContaining('\nLLM: gpt-4o-mini served\n'),
      },
    });
  });

  it('reports a failed health check with what to fix', async () => {
    installGrafana({
      'GET health': [
        400,
        { status: 'ERROR', message: 'Loki at http://loki:3100: connection refused\nLLM: not configured' },
      ],
    });
    await expect(makeDataSource().testDatasource()).rejects.toMatchObject({
      status: 'error',
      message: 'Loki at http://loki:3100: connection refused',
      error: { message: 'Loki at http://loki:3100: connection refused', details: { message: 'LLM: not configured' } },
    });
  });
});

describe('parseVariableQuery', () => {
  it('reads the structured and the text forms', () => {
    expect(parseVariableQuery({ refId: 'v', type: 'labelValues', label: 'app' })).toEqual({
      refId: 'v',
      type: 'labelValues',
      label: 'app',
    });
    expect(parseVariableQuery('label_names()')).toMatchObject({ type: 'labels' });
    expect(parseVariableQuery(' label_values( host ) ')).toMatchObject({ type: 'labelValues', label: 'host' });
    expect(parseVariableQuery('up')).toBeUndefined();
  });
});
