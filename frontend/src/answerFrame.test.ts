import { FieldType, toDataFrame } from '@grafana/data';
import { BackendDataSourceResponse, toDataQueryResponse } from '@grafana/runtime';

import answers from '../harness/fixtures/answers.json';
import { citedLines, isAnswerFrame, prose, readAnswers, tokenize } from './answerFrame';
import { AskLokiMeta } from './types';

// The plugin's real responses (tests/it/plugin_answer.rs writes them), read
// as Grafana's frontend reads /api/ds/query.
const response = toDataQueryResponse({ data: answers as unknown as BackendDataSourceResponse });
const framesOf = (refId: string) => response.data.filter((f) => f.refId === refId);

describe('the answer frame', () => {
  it('is read from the one-row frame the backend puts last', () => {
    const [number] = readAnswers(framesOf('number'));
    const a = number.answer!;
    expect(a.question).toBe('how many failed password attempts?');
    expect(a.result).toBe('number');
    expect(a.unit).toBe('lines');
    expect(typeof a.value).toBe('number');
    expect(a.answer).toContain(String(a.value));
    expect(a.logql).toContain('count_over_time');
    expect(a.from).toBeLessThan(a.to!);
    // The evidence is every other frame, the answer frame left out.
    expect(number.evidence.some(isAnswerFrame)).toBe(false);
    expect(number.evidence.length).toBe(framesOf('number').length - 1);
  });

  it('has no value for logs, and the logs are the evidence', () => {
    const [logs] = readAnswers(framesOf('logs'));
    expect(logs.answer!.result).toBe('logs');
    expect(logs.answer!.value).toBeUndefined();
    expect(logs.evidence[0].meta?.preferredVisualisationType).toBe('logs');
    expect(logs.evidence[0].length).toBe(logs.answer!.rows);
  });

  it('finds the cited lines of a written answer in the logs, with times and labels', () => {
    const [long] = readAnswers(framesOf('long'));
    const a = long.answer!;
    expect(a.written).not.toBe('');
    const cited = citedLines(a, long.evidence);
    expect(cited.map((c) => c.ref)).toEqual(['L1', 'L2']);
    expect(cited.length).toBe(a.cited);
    for (const c of cited) {
      expect(typeof c.time).toBe('number');
      expect(c.labels?.filename).toBe('sshd.log');
      expect(c.line).toContain('Failed password');
    }
    // The prose leaves the reference list out.
    expect(prose(a)).not.toMatch(/^\[L1\] `/m);
    expect(prose(a).length).toBeGreaterThan(4000);
  });

  it('carries an error as the response error, with no frames', () => {
    expect(framesOf('error')).toEqual([]);
    expect(response.errors?.find((e) => e.refId === 'error')?.message).toMatch(/scope/);
  });

  it('falls back to meta.custom.askloki where the query did not ask for the frame', () => {
    const meta: AskLokiMeta = {
      answer: '42 failed logins',
      written: null,
      logql: 'sum(count_over_time({app="sshd"}[1h]))',
      reusable: 'sum(count_over_time({app="sshd"}[$__range]))',
      origin: 'template',
    };
    const frame = toDataFrame({
      refId: 'A',
      meta: { type: 'numeric-multi', custom: { askloki: meta } },
      fields: [
        { name: 'Time', type: FieldType.time, values: [1] },
        { name: 'Value', type: FieldType.number, values: [42] },
      ],
    });
    const [a] = readAnswers([frame]);
    expect(a.answer).toMatchObject({ answer: '42 failed logins', value: 42, result: 'number', origin: 'template' });
  });

  it('reads an analysis from its info notices, its findings as a table', () => {
    const findings = toDataFrame({
      refId: 'A',
      name: 'templates',
      meta: {
        notices: [
          { severity: 'info', text: '3 templates cover 98% of the lines' },
          { severity: 'warning', text: 'sampled' },
        ],
        executedQueryString: 'Expr: {app="sshd"}',
      },
      fields: [{ name: 'template', type: FieldType.string, values: ['Failed password for <_>'] }],
    });
    const [a] = readAnswers([findings]);
    expect(a.answer).toMatchObject({
      answer: '3 templates cover 98% of the lines',
      result: 'table',
      logql: '{app="sshd"}',
    });
    expect(a.evidence).toEqual([findings]);
  });

  it('does not take a series that a legend named "answer" for the answer frame', () => {
    const series = toDataFrame({
      name: 'answer',
      refId: 'A',
      fields: [{ name: 'Value', type: FieldType.number, values: [1] }],
    });
    expect(isAnswerFrame(series)).toBe(false);
    expect(readAnswers([series])[0].answer).toBeUndefined();
  });
});

describe('tokenize', () => {
  it('keeps times whole and does not read IPs or versions as numbers', () => {
    expect(tokenize('216 lines between 2026-03-03T10:00:21Z and 2026-03-03T12:22:39.001Z from 203.0.113.7')).toEqual([
      { kind: 'number', text: '216' },
      { kind: 'text', text: ' lines between ' },
      { kind: 'time', text: '2026-03-03T10:00:21Z' },
      { kind: 'text', text: ' and ' },
      { kind: 'time', text: '2026-03-03T12:22:39.001Z' },
      { kind: 'text', text: ' from 203.0.113.7' },
    ]);
    expect(tokenize('the busiest step had 4.')).toEqual([
      { kind: 'text', text: 'the busiest step had ' },
      { kind: 'number', text: '4' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('marks numbers, code, bold and citations', () => {
    expect(tokenize('41 of 57 (72%) from `10.0.0.1` **root** [L2], not v2')).toEqual([
      { kind: 'number', text: '41' },
      { kind: 'text', text: ' of ' },
      { kind: 'number', text: '57' },
      { kind: 'text', text: ' (' },
      { kind: 'number', text: '72%' },
      { kind: 'text', text: ') from ' },
      { kind: 'code', text: '10.0.0.1' },
      { kind: 'text', text: ' ' },
      { kind: 'strong', text: 'root' },
      { kind: 'text', text: ' ' },
      { kind: 'ref', text: '[L2]' },
      { kind: 'text', text: ', not v2' },
    ]);
  });
});
