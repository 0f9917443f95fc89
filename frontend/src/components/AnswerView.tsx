import { css } from '@emotion/css';
import { Fragment } from 'react';

import { GrafanaTheme2 } from '@grafana/data';
import { Badge, Button, LinkButton, Stack, useStyles2 } from '@grafana/ui';

import { readAnswer, splitCitations } from '../answer';
import { AskLokiMeta } from '../types';
import { LogqlPreview } from './LogqlPreview';
import { originLabel } from './origin';
import { commonStyles } from './styles';

interface Props {
  meta: AskLokiMeta;
  /** Pin the query that answered (its reusable form). Not shown when absent. */
  onPin?: (logql: string) => void;
  /** Where "Open in Loki" goes, if a Loki datasource exists. */
  exploreUrl?: string;
}

/** The answer to a question: its text, the LogQL that ran, and the lines it cites. */
export function AnswerView({ meta, onPin, exploreUrl }: Props) {
  const styles = useStyles2(getStyles);
  const common = useStyles2(commonStyles);
  const { text, citations, written } = readAnswer(meta);
  const origin = originLabel(meta.origin);
  const lines = citations.filter((c) => c.ref !== 'Q');
  const failed = (meta.attempts ?? []).filter((a) => !a.ok);
  return (
    <section className={styles.answer} aria-label="Answer" data-testid="askloki-answer">
      <div className={styles.text}>
        {splitCitations(text).map((part, i) =>
          part.ref ? (
            <span
              key={i}
              className={styles.ref}
              title={part.ref === 'Q' ? 'the query below' : `cited line ${part.ref}`}
            >
              {part.text}
            </span>
          ) : (
            <Fragment key={i}>{part.text}</Fragment>
          )
        )}
      </div>
      <Stack direction="row" gap={1} alignItems="center" wrap="wrap">
        <span className={common.label}>LogQL that ran</span>
        <Badge text={origin.text} color={origin.color} />
        {!written && <Badge text="computed answer" color="darkgrey" />}
      </Stack>
      <LogqlPreview query={meta.logql} data-testid="askloki-answer-logql" />
      {lines.length > 0 && (
        <div>
          <span className={common.label}>Cited lines</span>
          <ol className={styles.lines} aria-label="Cited lines">
            {lines.map((c) => (
              <li key={c.ref} className={styles.line}>
                <span className={styles.ref}>[{c.ref}]</span> <code>{c.text}</code>
              </li>
            ))}
          </ol>
        </div>
      )}
      <Stack direction="row" gap={1}>
        {onPin && meta.origin !== 'pinned' && meta.reusable && (
          <Button size="sm" variant="secondary" icon="gf-pin" onClick={() => onPin(meta.reusable)}>
            Pin this query
          </Button>
        )}
        {exploreUrl && (
          <LinkButton size="sm" variant="secondary" icon="compass" href={exploreUrl} target="_blank" rel="noreferrer">
            Open in Loki
          </LinkButton>
        )}
      </Stack>
      {((meta.why?.length ?? 0) > 0 || failed.length > 0) && (
        <details className={common.details}>
          <summary>How the query was chosen</summary>
          <ul>
            {(meta.why ?? []).map((w, i) => (
              <li key={`why-${i}`}>{w}</li>
            ))}
            {failed.map((a, i) => (
              <li key={`failed-${i}`}>
                tried <code>{a.logql || '(no query)'}</code>: {a.error ?? 'failed'}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  answer: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    padding: theme.spacing(1.5),
    marginTop: theme.spacing(1),
    borderLeft: `3px solid ${theme.colors.primary.main}`,
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
  }),
  text: css({
    whiteSpace: 'pre-wrap',
    fontSize: theme.typography.body.fontSize,
    lineHeight: theme.typography.body.lineHeight,
  }),
  ref: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.primary.text,
  }),
  lines: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
  }),
  line: css({
    fontSize: theme.typography.bodySmall.fontSize,
    wordBreak: 'break-word',
    code: { fontFamily: theme.typography.fontFamilyMonospace, background: 'none', padding: 0 },
  }),
});
