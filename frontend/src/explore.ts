// A link that opens a LogQL query in Grafana's own Loki datasource, in Explore.
import { TimeRange } from '@grafana/data';

export interface LokiTarget {
  uid: string;
  type?: string;
}

function rawTime(value: TimeRange['raw']['from'] | undefined, fallback: string): string {
  if (value === undefined || value === null) {
    return fallback;
  }
  if (typeof value === 'string') {
    return value;
  }
  return String(value.valueOf());
}

/**
 * `/explore?schemaVersion=1&panes=...` with one pane running `logql` on the
 * Loki datasource `loki` over `range` (the last hour when not given).
 */
export function lokiExploreUrl(loki: LokiTarget, logql: string, range?: TimeRange, appSubUrl = ''): string {
  const datasource = { type: loki.type ?? 'loki', uid: loki.uid };
  const pane = {
    datasource: loki.uid,
    queries: [{ refId: 'A', datasource, expr: logql, editorMode: 'code', queryType: 'range' }],
    range: { from: rawTime(range?.raw.from, 'now-1h'), to: rawTime(range?.raw.to, 'now') },
  };
  const panes = encodeURIComponent(JSON.stringify({ askloki: pane }));
  return `${appSubUrl}/explore?schemaVersion=1&panes=${panes}`;
}
