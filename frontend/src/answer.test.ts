import { LoadingState, PanelData, toDataFrame } from '@grafana/data';

import { findAnswer, readAnswer, splitCitations } from './answer';
import { AskLokiMeta } from './types';

const meta: AskLokiMeta = {
  answer: '3 failed logins',
  written:
    'Three logins failed [Q], the first from 10.0.0.1 [L2].\n\n[Q] `{app="sshd"} |= "Failed"`\n[L2] `Failed password for root from 10.0.0.1`',
  logql: '{app="sshd"} |= "Failed"',
  reusable: '{app="sshd"} |= "Failed"',
  origin: 'llm',
  attempts: [],
  why: [],
};

function data(frames: Array<{ refId: string; custom?: Record<string, unknown> }>): PanelData {
  return {
    state: LoadingState.Done,
    series: frames.map((f) => toDataFrame({ refId: f.refId, fields: [], meta: { custom: f.custom } })),
  } as unknown as PanelData;
}

describe('findAnswer', () => {
  it('reads meta.custom.askloki of the query’s first frame', () => {
    const d = data([
      { refId: 'B', custom: { askloki: { ...meta, answer: 'other' } } },
      { refId: 'A', custom: { askloki: meta } },
    ]);
    expect(findAnswer(d, 'A')?.answer).toBe('3 failed logins');
    expect(findAnswer(d, 'B')?.answer).toBe('other');
  });

  it('is undefined without data or without the meta', () => {
    expect(findAnswer(undefined, 'A')).toBeUndefined();
    expect(findAnswer(data([{ refId: 'A', custom: { frameType: 'LabeledTimeValues' } }]), 'A')).toBeUndefined();
  });
});

describe('readAnswer', () => {
  it('splits the written answer from the query and lines it cites', () => {
    const r = readAnswer(meta);
    expect(r.written).toBe(true);
    expect(r.text).toBe('Three logins failed [Q], the first from 10.0.0.1 [L2].');
    expect(r.citations).toEqual([
      { ref: 'Q', text: '{app="sshd"} |= "Failed"' },
      { ref: 'L2', text: 'Failed password for root from 10.0.0.1' },
    ]);
  });

  it('falls back to the computed answer', () => {
    expect(readAnswer({ ...meta, written: null })).toEqual({ text: '3 failed logins', citations: [], written: false });
  });
});

describe('splitCitations', () => {
  it('cuts markers out of the prose', () => {
    expect(splitCitations('a [L1] b [Q]')).toEqual([
      { text: 'a ' },
      { ref: 'L1', text: '[L1]' },
      { text: ' b ' },
      { ref: 'Q', text: '[Q]' },
    ]);
  });
});
