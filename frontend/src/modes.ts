// The query modes, as the backend serves them: `queryModes.json` is the one
// list (a Rust test holds the backend to it, `modes.test.ts` holds this file).
import listed from './queryModes.json';

/** Every mode a query may name, in the order the editors offer them. */
export const ASK_MODES = [
  'auto',
  'logs',
  'metrics',
  'annotations',
  'anomalies',
  'parse',
  'explain',
  'rootcause',
  'recommend',
  'instruct',
] as const;

/** What kind of result a query gives; `metrics` is what alert rules use. */
export type AskMode = (typeof ASK_MODES)[number];

export interface ModeInfo {
  value: AskMode;
  label: string;
  description: string;
  /** `answer`: the question is answered with lines or numbers; `analysis`: the lines are analysed. */
  group: 'answer' | 'analysis';
}

export const QUERY_MODES: readonly ModeInfo[] = listed as ModeInfo[];

export function modeInfo(mode: AskMode | undefined): ModeInfo {
  return QUERY_MODES.find((m) => m.value === (mode ?? 'auto')) ?? QUERY_MODES[0];
}

/** Modes whose answer can be log lines: the ones a logs volume histogram fits. */
export function mayReturnLogs(mode: AskMode | undefined): boolean {
  return mode === undefined || mode === 'auto' || mode === 'logs';
}
