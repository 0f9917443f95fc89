// Reading the answer out of a response: `meta.custom.askloki` of the first
// frame of a query's result, and the citations of the written answer.
import { DataFrame, PanelData } from '@grafana/data';

import { AskLokiMeta } from './types';

/** The AskLoki meta of a query's first frame, if the response has one. */
export function findAnswer(data: PanelData | undefined, refId?: string): AskLokiMeta | undefined {
  const frames: DataFrame[] = data?.series ?? [];
  const frame = frames.find(
    (f) => (refId === undefined || f.refId === undefined || f.refId === refId) && isAnswerFrame(f)
  );
  return frame ? (frame.meta!.custom!.askloki as AskLokiMeta) : undefined;
}

function isAnswerFrame(frame: DataFrame): boolean {
  const meta = frame.meta?.custom?.askloki;
  return typeof meta === 'object' && meta !== null && typeof meta.logql === 'string';
}

export interface Citation {
  /** `Q` for the query, `L2` for the second line given to the LLM. */
  ref: string;
  text: string;
}

export interface ReadableAnswer {
  /** The answer's prose, citations like [L2] left in place. */
  text: string;
  /** The cited query and lines listed under the answer. */
  citations: Citation[];
  /** True when an LLM wrote the text; false for the computed answer. */
  written: boolean;
}

const REFERENCE = /^\[(Q|L\d+)\] `(.*)`$/;

/**
 * Split a written answer into its prose and the references the backend lists
 * under it (`[Q] \`query\``, `[L2] \`line\``, one a line after a blank line).
 */
export function readAnswer(meta: AskLokiMeta): ReadableAnswer {
  const written = meta.written?.trim();
  if (!written) {
    return { text: meta.answer, citations: [], written: false };
  }
  const lines = written.split('\n');
  let start = lines.length;
  while (start > 0 && REFERENCE.test(lines[start - 1])) {
    start--;
  }
  const citations = lines.slice(start).map((line) => {
    const [, ref, text] = REFERENCE.exec(line)!;
    return { ref, text };
  });
  return { text: lines.slice(0, start).join('\n').trim(), citations, written: true };
}

/** The answer text cut into plain text and citation markers, for rendering. */
export function splitCitations(text: string): Array<{ ref?: string; text: string }> {
  const parts: Array<{ ref?: string; text: string }> = [];
  const re = /\[(Q|L\d+)\]/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) {
      parts.push({ text: text.slice(last, m.index) });
    }
    parts.push({ ref: m[1], text: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) {
    parts.push({ text: text.slice(last) });
  }
  return parts;
}
