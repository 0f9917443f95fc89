// The answer panel's options, and its link to Explore.
import { DataSourceRef, TimeRange } from '@grafana/data';
import { config } from '@grafana/runtime';

import { AnswerRecord } from '../answerFrame';
import { AskLokiQuery } from '../types';

export const ANSWER_PANEL_ID = 'askloki-answer-panel';

export interface AnswerPanelOptions {
  /** The LogQL that ran, with copy, copy-to-pin and Open in Explore. */
  showLogql: boolean;
  /** The lines a written answer cites, with their times and labels. */
  showCitations: boolean;
  /** The logs or series the answer rests on, below it. */
  showEvidence: boolean;
}

export const defaultOptions: AnswerPanelOptions = { showLogql: true, showCitations: true, showEvidence: true };

function rawTime(value: TimeRange['raw']['from'] | undefined, fallback: string): string {
  if (value === undefined || value === null) {
    return fallback;
  }
  return typeof value === 'string' ? value : String(value.valueOf());
}

/**
 * Explore on the same AskLoki datasource, with the question and the query
 * that answered it pinned (its reusable form), over the panel's range: the
 * same answer, with Explore's logs and graph views.
 */
export function askLokiExploreUrl(
  datasource: DataSourceRef | undefined,
  answer: AnswerRecord,
  range?: TimeRange,
  appSubUrl: string = config.appSubUrl ?? ''
): string | undefined {
  if (!datasource?.uid || !(answer.reusable || answer.logql)) {
    return undefined;
  }
  const query: AskLokiQuery = {
    refId: 'A',
    datasource,
    question: answer.question,
    logql: answer.reusable || answer.logql,
    mode: 'auto',
  };
  const pane = {
    datasource: datasource.uid,
    queries: [query],
    range: { from: rawTime(range?.raw.from, 'now-1h'), to: rawTime(range?.raw.to, 'now') },
  };
  return `${appSubUrl}/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify({ askloki: pane }))}`;
}
