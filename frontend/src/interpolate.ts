// Template variables, interpolated before a query goes to the backend.
// `$__range`, `$__interval` and `$__auto` are left for the backend, which
// expands them over the query's own window (docs/plugin-api.md).
import { ScopedVars } from '@grafana/data';
import { TemplateSrv } from '@grafana/runtime';

import { AskLokiQuery } from './types';

const BACKEND_MACROS =
  /\$\{(__range_ms|__range_s|__range|__interval_ms|__interval|__rate_interval|__auto)\}|\$(__range_ms|__range_s|__range|__interval_ms|__interval|__rate_interval|__auto)\b/g;

interface VariableLike {
  multi?: boolean;
  includeAll?: boolean;
}

/** Escape a value for a LogQL regex matcher (`=~`, `|~`). */
export function escapeRegex(value: string): string {
  return value.replace(/[\\^$*+?.()|{}[\]]/g, '\\$&');
}

/** Values in LogQL: multi-value variables become a regex alternation, as Grafana's Loki datasource does. */
export function formatLogqlValue(value: unknown, variable?: VariableLike): string {
  if (Array.isArray(value)) {
    const parts = value.map((v) => escapeRegex(String(v)));
    return parts.length === 1 ? parts[0] : `(${parts.join('|')})`;
  }
  const text = String(value ?? '');
  return variable?.multi || variable?.includeAll ? escapeRegex(text) : text;
}

/** Values in a question: plain words, several joined by commas. */
export function formatQuestionValue(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(', ') : String(value ?? '');
}

/** Replace variables, keeping the macros the backend expands. */
export function replaceKeepingMacros(
  templateSrv: TemplateSrv,
  text: string,
  scopedVars: ScopedVars | undefined,
  format: (value: unknown, variable?: VariableLike) => string
): string {
  const kept: string[] = [];
  const masked = text.replace(BACKEND_MACROS, (macro) => {
    kept.push(macro);
    return `\u0000${kept.length - 1}\u0000`;
  });
  const replaced = templateSrv.replace(masked, scopedVars, format as (v: unknown) => string);
  return replaced.replace(/\u0000(\d+)\u0000/g, (_, i: string) => kept[Number(i)]);
}

export function interpolateQuery(templateSrv: TemplateSrv, query: AskLokiQuery, scopedVars?: ScopedVars): AskLokiQuery {
  const out: AskLokiQuery = { ...query };
  if (query.question) {
    out.question = replaceKeepingMacros(templateSrv, query.question, scopedVars, formatQuestionValue);
  }
  if (query.logql) {
    out.logql = replaceKeepingMacros(templateSrv, query.logql, scopedVars, formatLogqlValue);
  }
  if (query.legendFormat) {
    // `{{label}}` placeholders are the backend's; only `$var` is replaced here.
    out.legendFormat = replaceKeepingMacros(templateSrv, query.legendFormat, scopedVars, formatQuestionValue);
  }
  return out;
}
