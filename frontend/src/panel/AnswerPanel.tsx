// The answer panel: what AskLoki answered, where a dashboard reader looks.
// The answer, the LogQL that ran (copy, copy to pin, open in Explore), the
// lines the answer cites, and the evidence below it drawn by Grafana's own
// logs and time series panels. Everything is read from the frames
// (src/answerFrame.ts): the one-row answer frame, or the first frame's meta.
import { css } from '@emotion/css';
import { Fragment } from 'react';

import { DataFrame, dateTimeFormat, GrafanaTheme2, LoadingState, PanelData, PanelProps } from '@grafana/data';
import { PanelRenderer } from '@grafana/runtime';
import { Alert, Badge, ClipboardButton, LinkButton, Stack, useStyles2 } from '@grafana/ui';

import { AnswerRecord, citedLines, prose, QueryAnswer, readAnswers, tokenize } from '../answerFrame';
import { LogqlPreview } from '../components/LogqlPreview';
import { originLabel } from '../components/origin';
import { Origin } from '../types';
import { AnswerPanelOptions, askLokiExploreUrl } from './options';

const EVIDENCE_HEIGHT = 260;
const EVIDENCE_CAPTION: Record<string, string> = { logs: 'The lines', table: 'The findings' };

export function AnswerPanel({ data, options, width, height, timeZone }: PanelProps<AnswerPanelOptions>) {
  const styles = useStyles2(getStyles);
  const answers = readAnswers(data.series);
  const errors = (data.errors ?? (data.error ? [data.error] : [])).filter((e) => e.message);
  const answered = answers.filter((a) => a.answer);
  return (
    <div className={styles.scroll} style={{ width, height }} data-testid="askloki-answer-panel" tabIndex={0}>
      {errors.map((e, i) => (
        <Alert
          key={i}
          severity="error"
          title={`No answer${e.refId ? ` for ${e.refId}` : ''}`}
          data-testid="askloki-answer-error"
        >
          {e.message}
        </Alert>
      ))}
      {answered.length === 0 && errors.length === 0 && (
        <div className={styles.empty}>
          {data.state === LoadingState.Loading
            ? 'Asking…'
            : 'No answer yet: ask a question of an AskLoki datasource in this panel’s query.'}
        </div>
      )}
      {answered.map((a) => (
        <OneAnswer key={a.refId ?? ''} query={a} data={data} options={options} width={width} timeZone={timeZone} />
      ))}
    </div>
  );
}

interface OneProps {
  query: QueryAnswer;
  data: PanelData;
  options: AnswerPanelOptions;
  width: number;
  timeZone: string;
}

function OneAnswer({ query, data, options, width, timeZone }: OneProps) {
  const styles = useStyles2(getStyles);
  const answer = query.answer!;
  const origin = originLabel(answer.origin as Origin);
  const cited = options.showCitations ? citedLines(answer, query.evidence) : [];
  const target = data.request?.targets.find((t) => t.refId === query.refId);
  const explore = askLokiExploreUrl(target?.datasource ?? undefined, answer, data.timeRange);
  const evidence = options.showEvidence ? evidenceOf(answer, query.evidence) : undefined;
  return (
    <section className={styles.answer} aria-label="Answer" data-testid="askloki-panel-answer">
      {answer.value !== undefined && (
        <div className={styles.value} data-testid="askloki-answer-value">
          {formatValue(answer.value)}
          {answer.unit && <span className={styles.unit}> {answer.unit}</span>}
        </div>
      )}
      <AnswerText answer={answer} />
      <Stack direction="row" gap={1} alignItems="center" wrap="wrap">
        {answer.origin && <Badge text={origin.text} color={origin.color} />}
        {!answer.written && <Badge text="computed answer" color="darkgrey" />}
        {answer.from !== undefined && answer.to !== undefined && (
          <span className={styles.caption}>
            {dateTimeFormat(answer.from, { timeZone })} – {dateTimeFormat(answer.to, { timeZone })}
          </span>
        )}
        {answer.rows !== undefined && (
          <span className={styles.caption}>
            {answer.rows} {answer.result === 'logs' ? 'lines' : answer.result === 'table' ? 'rows' : 'series'}
          </span>
        )}
      </Stack>
      {options.showLogql && answer.logql && (
        <div>
          <LogqlPreview query={answer.logql} data-testid="askloki-panel-logql" />
          <Stack direction="row" gap={1} wrap="wrap">
            <ClipboardButton size="sm" variant="secondary" icon="copy" getText={() => answer.logql}>
              Copy LogQL
            </ClipboardButton>
            {answer.reusable && answer.origin !== 'pinned' && (
              <ClipboardButton
                size="sm"
                variant="secondary"
                icon="gf-pin"
                getText={() => answer.reusable}
                tooltip="The query with $__range unexpanded: paste it as the panel query's pinned LogQL to keep it"
              >
                Copy to pin
              </ClipboardButton>
            )}
            {explore && (
              <LinkButton size="sm" variant="secondary" icon="compass" href={explore} target="_blank" rel="noreferrer">
                Open in Explore
              </LinkButton>
            )}
          </Stack>
        </div>
      )}
      {cited.length > 0 && (
        <div>
          <span className={styles.caption}>Cited lines</span>
          <ol className={styles.cited} aria-label="Cited lines" data-testid="askloki-cited-lines">
            {cited.map((c) => (
              <li key={c.ref}>
                <span className={styles.ref}>[{c.ref}]</span>{' '}
                {c.time !== undefined && <span className={styles.time}>{dateTimeFormat(c.time, { timeZone })} </span>}
                {c.labels &&
                  Object.entries(c.labels).map(([k, v]) => (
                    <span key={k} className={styles.label}>
                      {k}={v}
                    </span>
                  ))}{' '}
                <code>{c.line}</code>
              </li>
            ))}
          </ol>
        </div>
      )}
      {evidence && (
        <div data-testid="askloki-evidence" aria-label="Evidence">
          <span className={styles.caption}>{EVIDENCE_CAPTION[evidence.pluginId] ?? 'The series'}</span>
          <PanelRenderer
            title=""
            pluginId={evidence.pluginId}
            width={Math.max(width - 24, 100)}
            height={EVIDENCE_HEIGHT}
            data={{ ...data, series: evidence.frames }}
            timeZone={timeZone}
            options={evidence.pluginId === 'logs' ? { showTime: true, wrapLogMessage: true, showLabels: false } : {}}
          />
        </div>
      )}
    </section>
  );
}

/** What to draw below the answer: its lines, or its series over time (a single number is its own evidence). */
function evidenceOf(answer: AnswerRecord, frames: DataFrame[]): { pluginId: string; frames: DataFrame[] } | undefined {
  const nonEmpty = frames.filter((f) => f.length > 0);
  if (nonEmpty.length === 0) {
    return undefined;
  }
  if (answer.result === 'logs') {
    return { pluginId: 'logs', frames: nonEmpty };
  }
  if (answer.result === 'table') {
    return { pluginId: 'table', frames: nonEmpty };
  }
  if (answer.result === 'series') {
    return { pluginId: nonEmpty.some((f) => f.length > 1) ? 'timeseries' : 'bargauge', frames: nonEmpty };
  }
  return undefined;
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** The answer's prose: paragraphs, `code`, **bold**, numbers highlighted, citations marked. */
function AnswerText({ answer }: { answer: AnswerRecord }) {
  const styles = useStyles2(getStyles);
  const paragraphs = prose(answer)
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <div className={styles.text} data-testid="askloki-answer-text">
      {paragraphs.map((p, i) => (
        <p key={i}>
          {p.split('\n').map((line, j) => (
            <Fragment key={j}>
              {j > 0 && <br />}
              {tokenize(line.replace(/^[-*] /, '• ')).map((t, k) => {
                switch (t.kind) {
                  case 'number':
                    return (
                      <strong key={k} className={styles.number}>
                        {t.text}
                      </strong>
                    );
                  case 'code':
                    return <code key={k}>{t.text}</code>;
                  case 'time':
                    return (
                      <span key={k} className={styles.time}>
                        {t.text}
                      </span>
                    );
                  case 'strong':
                    return <strong key={k}>{t.text}</strong>;
                  case 'ref':
                    return (
                      <span
                        key={k}
                        className={styles.ref}
                        title={t.text === '[Q]' ? 'the query below' : 'a cited line'}
                      >
                        {t.text}
                      </span>
                    );
                  default:
                    return <Fragment key={k}>{t.text}</Fragment>;
                }
              })}
            </Fragment>
          ))}
        </p>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  scroll: css({
    overflowY: 'auto',
    overflowX: 'hidden',
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  }),
  empty: css({ color: theme.colors.text.secondary, padding: theme.spacing(1) }),
  answer: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    paddingLeft: theme.spacing(1.5),
    borderLeft: `3px solid ${theme.colors.primary.main}`,
  }),
  value: css({
    fontSize: theme.typography.h1.fontSize,
    fontWeight: theme.typography.fontWeightBold,
    color: theme.colors.primary.text,
    lineHeight: 1.1,
  }),
  unit: css({ fontSize: theme.typography.h4.fontSize, color: theme.colors.text.secondary }),
  text: css({
    fontSize: theme.typography.body.fontSize,
    lineHeight: theme.typography.body.lineHeight,
    wordBreak: 'break-word',
    p: { margin: theme.spacing(0, 0, 1, 0) },
    code: { fontFamily: theme.typography.fontFamilyMonospace, fontSize: theme.typography.bodySmall.fontSize },
  }),
  number: css({ color: theme.colors.warning.text, fontWeight: theme.typography.fontWeightBold }),
  ref: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.primary.text,
  }),
  caption: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  cited: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    fontSize: theme.typography.bodySmall.fontSize,
    li: { wordBreak: 'break-word', marginBottom: theme.spacing(0.5) },
    code: { fontFamily: theme.typography.fontFamilyMonospace, background: 'none', padding: 0 },
  }),
  time: css({ color: theme.colors.text.secondary, fontFamily: theme.typography.fontFamilyMonospace }),
  label: css({
    fontSize: theme.typography.bodySmall.fontSize,
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(0, 0.5),
    marginRight: theme.spacing(0.5),
  }),
});
