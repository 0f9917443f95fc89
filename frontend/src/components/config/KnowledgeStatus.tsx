import { css } from '@emotion/css';
import { useCallback, useEffect, useMemo, useState } from 'react';

import { dateTimeFormat, GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, BadgeColor, Button, FieldSet, Stack, useStyles2 } from '@grafana/ui';

import { errorMessage } from '../../errors';
import { knowledgeClient, KnowledgeClient } from '../../resources';
import { AskLokiStatus, KnowledgeState } from '../../types';

interface Props {
  /** The saved datasource's uid; none before the first save. */
  uid?: string;
  /** Grafana's settings version: the status is read again after each save. */
  version?: number;
  /** For tests; default: the backend's resources through Grafana. */
  client?: KnowledgeClient;
  /** How often the status is read while the knowledge base builds. */
  pollMs?: number;
}

const STATES: Record<KnowledgeState, { text: string; color: BadgeColor }> = {
  empty: { text: 'empty', color: 'darkgrey' },
  building: { text: 'building', color: 'blue' },
  ready: { text: 'ready', color: 'green' },
  failed: { text: 'failed', color: 'red' },
};

type Loaded = { state: 'loading' } | { state: 'done'; status: AskLokiStatus } | { state: 'error'; message: string };

/** The knowledge base's state as the backend reports it, with a rebuild button. */
export function KnowledgeStatus({ uid, version, client, pollMs = 3000 }: Props) {
  const styles = useStyles2(getStyles);
  const api = useMemo(() => client ?? (uid ? knowledgeClient(uid) : undefined), [client, uid]);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [rebuilding, setRebuilding] = useState(false);

  const refresh = useCallback(async () => {
    if (!api) {
      return;
    }
    try {
      setLoaded({ state: 'done', status: await api.status() });
    } catch (e) {
      setLoaded({ state: 'error', message: errorMessage(e) });
    }
  }, [api]);

  useEffect(() => {
    refresh();
  }, [refresh, version]);

  const building = loaded.state === 'done' && loaded.status.knowledge.state === 'building';
  useEffect(() => {
    if (!building) {
      return;
    }
    const timer = setTimeout(refresh, pollMs);
    return () => clearTimeout(timer);
  }, [building, loaded, refresh, pollMs]);

  const rebuild = async () => {
    if (!api) {
      return;
    }
    setRebuilding(true);
    try {
      await api.rebuild();
      await refresh();
    } catch (e) {
      setLoaded({ state: 'error', message: errorMessage(e) });
    } finally {
      setRebuilding(false);
    }
  };

  if (!api) {
    return (
      <FieldSet label="Knowledge base">
        <p className={styles.muted}>Save the datasource to build its knowledge base.</p>
      </FieldSet>
    );
  }
  return (
    <FieldSet label="Knowledge base">
      <div data-testid="askloki-knowledge">
        {loaded.state === 'loading' && <p className={styles.muted}>Reading the status…</p>}
        {loaded.state === 'error' && (
          <Alert severity="warning" title="The status could not be read">
            {loaded.message}. Save &amp; test shows what the backend needs.
          </Alert>
        )}
        {loaded.state === 'done' && <StatusTable status={loaded.status} />}
        <Stack direction="row" gap={1}>
          <Button icon="sync" variant="secondary" disabled={rebuilding || building} onClick={rebuild}>
            {rebuilding || building ? 'Rebuilding…' : 'Rebuild knowledge base'}
          </Button>
          <Button icon="history" variant="secondary" fill="text" onClick={refresh}>
            Refresh
          </Button>
        </Stack>
      </div>
    </FieldSet>
  );
}

function StatusTable({ status }: { status: AskLokiStatus }) {
  const styles = useStyles2(getStyles);
  const k = status.knowledge;
  const state = STATES[k.state] ?? { text: k.state, color: 'darkgrey' };
  return (
    <table className={styles.table}>
      <tbody>
        <tr>
          <th>Knowledge base</th>
          <td>
            <Badge text={state.text} color={state.color} /> {k.templates} templates over {k.lines} lines
            {k.builtAt ? `, built ${dateTimeFormat(k.builtAt)}` : ''}
          </td>
        </tr>
        {k.error && (
          <tr>
            <th>Last error</th>
            <td className={styles.error}>{k.error}</td>
          </tr>
        )}
        <tr>
          <th>Log source</th>
          <td>{status.source === 'embedded' ? 'local data (embedded engine)' : 'Loki'}</td>
        </tr>
        <tr>
          <th>Scope</th>
          <td>{status.scope ? <code>{status.scope}</code> : 'all streams'}</td>
        </tr>
        <tr>
          <th>LLM</th>
          <td>
            {status.llm.configured
              ? (status.llm.model ?? 'configured')
              : 'not configured: the LLM-free planner answers'}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  muted: css({ color: theme.colors.text.secondary }),
  error: css({ color: theme.colors.error.text }),
  table: css({
    marginBottom: theme.spacing(2),
    th: {
      textAlign: 'left',
      fontWeight: theme.typography.fontWeightMedium,
      paddingRight: theme.spacing(2),
      color: theme.colors.text.secondary,
      verticalAlign: 'top',
    },
    td: { paddingBottom: theme.spacing(0.5) },
  }),
});
