// The answer panel's harness page: the panel rendered from real backend
// responses. fixtures/answers.json is what the plugin answered over gRPC
// (tests/it/plugin_answer.rs writes it), as Grafana's /api/ds/query hands it
// to the browser; @grafana/runtime's own toDataQueryResponse turns it into
// frames and errors, as in Grafana. Grafana's panels (logs, time series)
// are not here: a stand-in PanelRenderer draws the evidence's first frame
// as a plain table and says which panel Grafana would use.
import { css } from '@emotion/css';
import { createRoot } from 'react-dom/client';

import {
  createTheme,
  DataFrame,
  DataQueryError,
  dateTime,
  EventBusSrv,
  FieldConfigSource,
  LoadingState,
  PanelData,
  TimeRange,
} from '@grafana/data';
import { initPluginTranslations } from '@grafana/i18n';
import { BackendDataSourceResponse, PanelRendererProps, toDataQueryResponse } from '@grafana/runtime';
import { GlobalStyles, ThemeContext } from '@grafana/ui';
import { setPanelRenderer } from 'askloki-harness-panel-renderer';

import { AnswerPanel } from '../src/panel/AnswerPanel';
import { defaultOptions } from '../src/panel/options';
import { PLUGIN_ID } from '../src/types';
import answers from './fixtures/answers.json';

const theme = createTheme({ colors: { mode: 'dark' } });

function StandInRenderer({ pluginId, data, width, height }: PanelRendererProps) {
  const frames = data?.series ?? [];
  const frame = frames[0];
  const rows = frame ? Math.min(frame.length, 12) : 0;
  const show = (v: unknown) => (typeof v === 'object' ? JSON.stringify(v) : String(v));
  return (
    <div
      data-testid="askloki-evidence-renderer"
      data-plugin-id={pluginId}
      style={{ width, maxHeight: height, overflow: 'auto', fontSize: 12 }}
    >
      <div style={{ opacity: 0.7 }}>
        Grafana draws this with its {pluginId} panel ({frames.length} frame{frames.length === 1 ? '' : 's'})
      </div>
      {frame && (
        <table role="table" className={styles.table}>
          <thead>
            <tr>
              {frame.fields.map((f) => (
                <th key={f.name}>{f.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                {frame.fields.map((f) => (
                  <td key={f.name}>{show(f.values[r])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
setPanelRenderer(StandInRenderer);

const CASES: Array<{ refId: string; title: string }> = [
  { refId: 'number', title: 'How many failed password attempts?' },
  { refId: 'series', title: 'Failed password attempts over time' },
  { refId: 'logs', title: 'Failed password logs' },
  { refId: 'long', title: 'Why do logins fail? (a long written answer)' },
  { refId: 'error', title: 'A query outside the scope (an error)' },
];

const response = toDataQueryResponse(
  { data: answers as unknown as BackendDataSourceResponse },
  CASES.map((c) => ({ refId: c.refId }))
);

function dataFor(refId: string, range: TimeRange): PanelData {
  const errors = (response.errors ?? []).filter((e: DataQueryError) => e.refId === refId);
  return {
    state: errors.length > 0 ? LoadingState.Error : LoadingState.Done,
    series: response.data.filter((f: DataFrame) => f.refId === refId),
    errors,
    timeRange: range,
    request: {
      requestId: refId,
      interval: '1m',
      intervalMs: 60_000,
      range,
      scopedVars: {},
      targets: [{ refId, datasource: { uid: 'askloki', type: PLUGIN_ID } }],
      timezone: 'utc',
      app: 'dashboard',
      startTime: 0,
      panelPluginId: 'askloki-answer-panel',
    },
  };
}

const fieldConfig: FieldConfigSource = { defaults: {}, overrides: [] };
const WIDTH = 900;
const HEIGHT = 460;

function Harness() {
  // The panel's range: the window the backend answered over.
  const answerFrame: DataFrame | undefined = response.data.find((f: DataFrame) => f.name === 'answer');
  const from: number = answerFrame?.fields.find((f) => f.name === 'from')?.values[0] ?? Date.now() - 3600_000;
  const to: number = answerFrame?.fields.find((f) => f.name === 'to')?.values[0] ?? Date.now();
  const range: TimeRange = { from: dateTime(from), to: dateTime(to), raw: { from: dateTime(from), to: dateTime(to) } };
  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <main className={styles.page}>
        <h2>AskLoki answer panel</h2>
        {CASES.map((c) => (
          <section key={c.refId} className={styles.panel} aria-label={c.title} data-testid={`case-${c.refId}`}>
            <h4>{c.title}</h4>
            <AnswerPanel
              id={1}
              data={dataFor(c.refId, range)}
              timeRange={range}
              timeZone="utc"
              options={defaultOptions}
              transparent={false}
              width={WIDTH}
              height={HEIGHT}
              fieldConfig={fieldConfig}
              renderCounter={0}
              title={c.title}
              eventBus={new EventBusSrv()}
              onOptionsChange={() => {}}
              onFieldConfigChange={() => {}}
              replaceVariables={(s) => s}
              onChangeTimeRange={() => {}}
            />
          </section>
        ))}
      </main>
    </ThemeContext.Provider>
  );
}

const styles = {
  page: css({ padding: 24, maxWidth: WIDTH + 80 }),
  table: css({ 'th, td': { paddingRight: 16, verticalAlign: 'top', textAlign: 'left' } }),
  panel: css({
    padding: 16,
    marginBottom: 16,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: 4,
    background: theme.colors.background.primary,
  }),
};

initPluginTranslations(PLUGIN_ID).finally(() => {
  createRoot(document.getElementById('root')!).render(<Harness />);
});
