// The answer as the backend returns it in the frames (docs/plugin-api.md,
// "The answer frame"): the one-row `answer` frame when the query asked for
// it, else `meta.custom.askloki` of the query's first frame. And what the
// answer rests on: the other frames (logs or series), and the lines the
// written answer cites, found in the logs with their times and labels.
import { DataFrame, Field, FieldType } from '@grafana/data';

import { readAnswer } from './answer';
import { AskLokiMeta, Origin } from './types';

export const ANSWER_FRAME_NAME = 'answer';
export const ANSWER_FRAME_TYPE = 'AskLokiAnswer';

/** What the evidence frames hold (`table`: an analysis's findings, read from its notices). */
export type ResultKind = 'logs' | 'series' | 'number' | 'empty' | 'table';

/** One answer, as the panel shows it. */
export interface AnswerRecord {
  refId?: string;
  question: string;
  /** The answer to show: the written one when an LLM wrote it, else the computed one. */
  answer: string;
  computed: string;
  written: string;
  logql: string;
  /** The query to pin (`$__range` unexpanded). */
  reusable: string;
  origin: Origin | string;
  result: ResultKind;
  /** The answer's number, when it is one. */
  value?: number;
  /** What the number counts, in words (`lines`, `bytes/s`), or ''. */
  unit: string;
  /** The window the query covered, epoch ms. */
  from?: number;
  to?: number;
  /** Lines or series the answer rests on. */
  rows?: number;
  /** Distinct lines the written answer cites. */
  cited: number;
}

export function isAnswerFrame(frame: DataFrame): boolean {
  return frame.name === ANSWER_FRAME_NAME && frame.meta?.custom?.frameType === ANSWER_FRAME_TYPE;
}

function cell(frame: DataFrame, name: string): unknown {
  const field = frame.fields.find((f) => f.name === name);
  return field && field.values.length > 0 ? field.values[0] : undefined;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function isKind(v: string): v is ResultKind {
  return v === 'logs' || v === 'series' || v === 'number' || v === 'empty';
}

/** The answer frame's one row. */
export function fromAnswerFrame(frame: DataFrame): AnswerRecord {
  const result = text(cell(frame, 'result'));
  return {
    refId: frame.refId,
    question: text(cell(frame, 'question')),
    answer: text(cell(frame, 'answer')),
    computed: text(cell(frame, 'computed')),
    written: text(cell(frame, 'written')),
    logql: text(cell(frame, 'logql')),
    reusable: text(cell(frame, 'reusable')),
    origin: text(cell(frame, 'origin')),
    result: isKind(result) ? result : 'empty',
    value: num(cell(frame, 'value')),
    unit: text(cell(frame, 'unit')),
    from: num(cell(frame, 'from')),
    to: num(cell(frame, 'to')),
    rows: num(cell(frame, 'rows')),
    cited: num(cell(frame, 'cited')) ?? 0,
  };
}

function isLogsFrame(frame: DataFrame): boolean {
  return frame.meta?.preferredVisualisationType === 'logs';
}

/** The same from `meta.custom.askloki` (queries that did not ask for the frame). */
export function fromMeta(meta: AskLokiMeta, frames: DataFrame[], refId?: string): AnswerRecord {
  const evidence = frames.filter((f) => !isAnswerFrame(f));
  const lines = evidence.filter(isLogsFrame).reduce((n, f) => n + f.length, 0);
  const series = evidence.filter((f) => !isLogsFrame(f) && f.length > 0);
  const result: ResultKind =
    lines > 0
      ? 'logs'
      : series.length === 1 && series[0].length === 1
        ? 'number'
        : series.length > 0
          ? 'series'
          : 'empty';
  const valueField = result === 'number' ? series[0].fields.find((f) => f.type === FieldType.number) : undefined;
  const { citations } = readAnswer(meta);
  return {
    refId,
    question: '',
    answer: meta.written?.trim() ? meta.written : meta.answer,
    computed: meta.answer,
    written: meta.written ?? '',
    logql: meta.logql,
    reusable: meta.reusable,
    origin: meta.origin,
    result,
    value: valueField ? num(valueField.values[0]) : undefined,
    unit: '',
    rows: result === 'logs' ? lines : series.length,
    cited: citations.filter((c) => c.ref !== 'Q').length,
  };
}

/**
 * An analysis (anomalies, templates, root cause, …): no AskLoki meta, its
 * text in the first frame's `info` notices, its findings in the frames.
 */
export function fromNotices(frames: DataFrame[], refId?: string): AnswerRecord | undefined {
  const first = frames[0];
  const text = (first?.meta?.notices ?? [])
    .filter((n) => n.severity === 'info' && n.text)
    .map((n) => n.text)
    .join('\n\n');
  if (!text) {
    return undefined;
  }
  const executed = first.meta?.executedQueryString ?? '';
  const logql = executed.startsWith('Expr: ') ? executed.slice('Expr: '.length).split('\nStep: ')[0] : '';
  return {
    refId,
    question: '',
    answer: text,
    computed: text,
    written: '',
    logql,
    reusable: '',
    origin: '',
    result: frames.some((f) => f.length > 0) ? 'table' : 'empty',
    unit: '',
    cited: 0,
  };
}

/** A query's frames: its answer, and the frames it rests on. */
export interface QueryAnswer {
  refId?: string;
  answer?: AnswerRecord;
  evidence: DataFrame[];
}

/**
 * The answers in a panel's frames, one per refId in the order they come:
 * from the answer frame when there is one, else from the first frame's meta.
 */
export function readAnswers(frames: DataFrame[]): QueryAnswer[] {
  const byRef = new Map<string, DataFrame[]>();
  for (const frame of frames) {
    const key = frame.refId ?? '';
    byRef.set(key, [...(byRef.get(key) ?? []), frame]);
  }
  const out: QueryAnswer[] = [];
  for (const [key, group] of byRef) {
    const refId = key || undefined;
    const framed = group.find(isAnswerFrame);
    const evidence = group.filter((f) => !isAnswerFrame(f) && f.fields.length > 0);
    const meta = group.find((f) => typeof f.meta?.custom?.askloki?.logql === 'string')?.meta?.custom?.askloki as
      AskLokiMeta | undefined;
    const answer = framed ? fromAnswerFrame(framed) : meta ? fromMeta(meta, group, refId) : fromNotices(group, refId);
    out.push({ refId, answer, evidence });
  }
  return out;
}

/** A line the written answer cites, found in the logs when it is there. */
export interface CitedLine {
  ref: string;
  line: string;
  time?: number;
  labels?: Record<string, string>;
}

/** The backend quotes a cited line in backticks with its own backticks as `'`. */
const unquote = (line: string) => line.replace(/`/g, "'");

function labelsOf(field: Field | undefined, row: number): Record<string, string> | undefined {
  const raw = field?.values[row];
  if (raw && typeof raw === 'object') {
    return raw as Record<string, string>;
  }
  if (typeof raw === 'string') {
    try {
      return JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The written answer's cited lines, with the time and labels of the log row each one is. */
export function citedLines(answer: AnswerRecord, evidence: DataFrame[]): CitedLine[] {
  if (!answer.written.trim()) {
    return [];
  }
  const { citations } = readAnswer({
    answer: answer.computed,
    written: answer.written,
    logql: answer.logql,
    reusable: answer.reusable,
    origin: answer.origin as Origin,
  });
  const logs = evidence.filter(isLogsFrame);
  return citations
    .filter((c) => c.ref !== 'Q')
    .map((c) => {
      for (const frame of logs) {
        const lineField = frame.fields.find((f) => f.name === 'Line');
        const timeField = frame.fields.find((f) => f.type === FieldType.time);
        const labelsField = frame.fields.find((f) => f.name === 'labels');
        const row = lineField?.values.findIndex((v) => typeof v === 'string' && unquote(v) === c.text) ?? -1;
        if (row >= 0) {
          return {
            ref: c.ref,
            line: String(lineField!.values[row]),
            time: timeField?.values[row],
            labels: labelsOf(labelsField, row),
          };
        }
      }
      return { ref: c.ref, line: c.text };
    });
}

/** The answer text cut into plain text, citations, inline code and numbers, for highlighting. */
export type Token = { kind: 'text' | 'number' | 'code' | 'ref' | 'strong' | 'time'; text: string };

// Citations, `code`, **bold**, times (kept whole, not read as numbers), numbers.
const TOKEN =
  /(\[(?:Q|L\d+)\])|`([^`\n]+)`|\*\*([^*\n]+)\*\*|(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)|((?<![\w.:-])-?\d[\d,]*(?:\.\d+)?%?(?!\w|[.:]\d))/g;

export function tokenize(line: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (let m = TOKEN.exec(line); m; m = TOKEN.exec(line)) {
    if (m.index > last) {
      out.push({ kind: 'text', text: line.slice(last, m.index) });
    }
    if (m[1]) {
      out.push({ kind: 'ref', text: m[1] });
    } else if (m[2] !== undefined) {
      out.push({ kind: 'code', text: m[2] });
    } else if (m[3] !== undefined) {
      out.push({ kind: 'strong', text: m[3] });
    } else if (m[4] !== undefined) {
      out.push({ kind: 'time', text: m[4] });
    } else {
      out.push({ kind: 'number', text: m[5] });
    }
    last = m.index + m[0].length;
  }
  TOKEN.lastIndex = 0;
  if (last < line.length) {
    out.push({ kind: 'text', text: line.slice(last) });
  }
  return out;
}

/** The prose of an answer without the reference list the backend puts under a written one. */
export function prose(answer: AnswerRecord): string {
  if (!answer.written.trim()) {
    return answer.answer;
  }
  return readAnswer({
    answer: answer.computed,
    written: answer.written,
    logql: answer.logql,
    reusable: answer.reusable,
    origin: answer.origin as Origin,
  }).text;
}
