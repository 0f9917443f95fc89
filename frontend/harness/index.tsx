// The standalone harness page: QueryEditor and ConfigEditor with real React,
// @grafana/ui, @grafana/runtime and the real DataSource class, over fake
// Grafana services (fakeGrafana.ts). It runs without Grafana.
import { css } from '@emotion/css';
import { useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

import {
  CoreApp,
  createTheme,
  DataSourceInstanceSettings,
  dateTime,
  LoadingState,
  PanelData,
  TimeRange,
  toDataFrame,
} from '@grafana/data';
import { initPluginTranslations } from '@grafana/i18n';
import { setBackendSrv, setDataSourceSrv, setTemplateSrv } from '@grafana/runtime';
import { GlobalStyles, ThemeContext } from '@grafana/ui';

import { ConfigEditor } from '../src/components/ConfigEditor';
import { Settings } from '../src/components/config/settings';
import { QueryEditor } from '../src/components/QueryEditor';
import { DataSource } from '../src/datasource';
import { AskLokiMeta, AskLokiOptions, AskLokiQuery, PLUGIN_ID } from '../src/types';
import { backendSrv, calls, dataSourceSrv, GENERATED, templateSrv } from './fakeGrafana';

declare global {
  interface Window {
    /** What the browser test reads: the query models onChange gave, runs, requests. */
    askloki: { queries: AskLokiQuery[]; runs: number; calls: typeof calls; settings?: Settings };
  }
}

setBackendSrv(backendSrv);
setTemplateSrv(templateSrv);
setDataSourceSrv(dataSourceSrv);

const theme = createTheme({ colors: { mode: 'dark' } });
window.askloki = { queries: [], runs: 0, calls };

const instance = {
  id: 1,
  uid: 'askloki',
  type: PLUGIN_ID,
  name: 'AskLoki',
  access: 'proxy',
  readOnly: false,
  jsonData: { maxLines: 1000, lokiDatasourceUid: 'loki-1' },
  meta: { id: PLUGIN_ID, name: 'AskLoki', type: 'datasource', info: { version: 'harness' } },
} as unknown as DataSourceInstanceSettings<AskLokiOptions>;
const datasource = new DataSource(instance);

const now = dateTime(Date.UTC(2026, 0, 5, 12, 0));
const range: TimeRange = { from: dateTime(now).subtract(1, 'hour'), to: now, raw: { from: 'now-1h', to: 'now' } };

/** What a run of the query would return: one frame carrying the answer's meta. */
function answerFor(query: AskLokiQuery): PanelData {
  const pinned = Boolean(query.logql);
  const meta: AskLokiMeta = {
    answer: '203.0.113.7 failed most often: 41 of 57 failed logins.',
    written:
      'The IP 203.0.113.7 failed SSH logins most often, 41 times [Q], e.g. [L1].\n\n' +
      `[Q] \`${GENERATED.logql}\`\n` +
      '[L1] `Failed password for root from 203.0.113.7 port 52113 ssh2`',
    logql: pinned ? query.logql!.replace('$__range', '1h') : GENERATED.logql,
    reusable: pinned ? query.logql! : GENERATED.reusable,
    origin: pinned ? 'pinned' : 'llm',
    attempts: [],
    why: GENERATED.why,
  };
  const frame = toDataFrame({
    refId: query.refId,
    fields: [
      { name: 'Time', values: [range.from.valueOf(), range.to.valueOf()] },
      { name: 'Value', values: [12, 41], labels: { ip: '203.0.113.7' } },
    ],
    meta: { custom: { askloki: meta }, executedQueryString: `Expr: ${meta.logql}` },
  });
  return { state: LoadingState.Done, series: [frame], timeRange: range };
}

const initialSettings = {
  id: 1,
  uid: 'askloki',
  orgId: 1,
  name: 'AskLoki',
  type: PLUGIN_ID,
  typeName: 'AskLoki',
  typeLogoUrl: '',
  access: 'proxy',
  url: 'http://loki:3100',
  user: '',
  database: '',
  basicAuth: false,
  basicAuthUser: '',
  isDefault: false,
  withCredentials: false,
  readOnly: false,
  version: 1,
  jsonData: { scope: '{namespace="prod"}', llmUrl: 'https://api.openai.com/v1', llmModel: 'gpt-4o-mini' },
  secureJsonFields: { llmApiKey: true },
  secureJsonData: {},
} as unknown as Settings;

function Harness() {
  const [query, setQuery] = useState<AskLokiQuery>({ refId: 'A', question: '', mode: 'auto' });
  const [data, setData] = useState<PanelData | undefined>(undefined);
  const [settings, setSettings] = useState<Settings>(initialSettings);
  const latest = useRef(query);
  const onChange = (next: AskLokiQuery) => {
    latest.current = next;
    window.askloki.queries.push(next);
    setQuery(next);
  };
  const onRunQuery = () => {
    window.askloki.runs++;
    setData(answerFor(latest.current));
  };
  const onOptionsChange = (next: Settings) => {
    window.askloki.settings = next;
    setSettings(next);
  };
  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <main className={styles.page}>
        <h2>AskLoki: query editor (Explore)</h2>
        <section className={styles.panel} aria-label="Query editor">
          <QueryEditor
            datasource={datasource}
            query={query}
            onChange={onChange}
            onRunQuery={onRunQuery}
            data={data}
            range={range}
            app={CoreApp.Explore}
          />
        </section>
        <h4>Query model</h4>
        <pre className={styles.model} data-testid="harness-query-model">
          {JSON.stringify(query, null, 2)}
        </pre>
        <h2>AskLoki: datasource settings</h2>
        <section className={styles.panel} aria-label="Config editor">
          <ConfigEditor options={settings} onOptionsChange={onOptionsChange} />
        </section>
      </main>
    </ThemeContext.Provider>
  );
}

const styles = {
  page: css({ padding: 24, maxWidth: 1000 }),
  panel: css({
    padding: 16,
    marginBottom: 16,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: 4,
    background: theme.colors.background.primary,
  }),
  model: css({ fontSize: 12 }),
};

initPluginTranslations(PLUGIN_ID).finally(() => {
  createRoot(document.getElementById('root')!).render(<Harness />);
});
