// The datasource contract (docs/plugin-api.md) as TypeScript types.
import { DataQuery, DataSourceJsonData } from '@grafana/data';

import type { AskMode } from './modes';

export type { AskMode } from './modes';

export const PLUGIN_ID = 'askloki-nlq-datasource';

/** The query model (`DataQuery.json`). Unknown fields are ignored by the backend. */
export interface AskLokiQuery extends DataQuery {
  /** Plain language; template variables are interpolated before it is sent. */
  question?: string;
  mode?: AskMode;
  /** A pinned LogQL query: when set, the backend runs it instead of generating one. */
  logql?: string;
  maxLines?: number;
  /** `{{label}}` placeholders, as in Grafana's Loki datasource. */
  legendFormat?: string;
  /**
   * Set on the queries Explore runs beside the main one (as Grafana's Loki
   * datasource does): `logsVolume` asks for the lines per level over time.
   */
  supportingQueryType?: 'logsVolume';
  /**
   * Minutes east of UTC of the dashboard's time zone, added to each request
   * (never saved): the backend reads time phrases in it. Alert rules send
   * none and are read in UTC.
   */
  utcOffsetMinutes?: number;
  /**
   * Add the one-row `answer` frame after the logs or series (for Stat and
   * Table panels). The answer panel's requests set it without saving it.
   */
  answerFrame?: boolean;
  /**
   * Annotation queries: one event per incident (a burst, a new kind of line,
   * an error spike), explained, or one per line found. Default: incidents.
   */
  annotationEvents?: 'incidents' | 'lines';
}

/** `jsonData` of the datasource settings. */
export interface AskLokiOptions extends DataSourceJsonData {
  tenant?: string;
  bearerAuth?: boolean;
  tlsSkipVerify?: boolean;
  scope?: string;
  dataPath?: string;
  llmUrl?: string;
  llmModel?: string;
  llmEmbeddingModel?: string;
  llmAzureApiVersion?: string;
  maxLines?: number;
  maxRangeHours?: number;
  timeoutSeconds?: number;
  knowledgeRefreshMinutes?: number;
  knowledgeSampleLines?: number;
  /** Frontend only: the Loki datasource that "Open in Loki" uses (default: the first one). */
  lokiDatasourceUid?: string;
}

/** `secureJsonData`: write-only secrets. */
export interface AskLokiSecureOptions {
  basicAuthPassword?: string;
  lokiToken?: string;
  tlsCACert?: string;
  llmApiKey?: string;
}

export type SecureKey = keyof AskLokiSecureOptions;

/** Where a query came from. */
export type Origin = 'pinned' | 'cache' | 'llm' | 'template' | 'keywords';

/** `POST generate` answer: a query proposed for a question, not run. */
export interface Generated {
  /** As it would run now (variables expanded, scope applied). */
  logql: string;
  /** What to pin: `$__range` and friends unexpanded. */
  reusable: string;
  origin: Origin;
  why: string[];
}

/** One query tried on the way to an answer. */
export interface Attempt {
  logql: string;
  planner: Origin;
  ok: boolean;
  error?: string | null;
  returned: number;
  prompt_tokens?: number;
}

/** `meta.custom.askloki` of a response's first frame. */
export interface AskLokiMeta {
  /** The deterministic answer computed from the result. */
  answer: string;
  /** The LLM's answer citing the query as [Q] and lines as [L1]..., when an LLM is configured. */
  written?: string | null;
  logql: string;
  reusable: string;
  origin: Origin;
  attempts?: Attempt[];
  why?: string[];
}

export type KnowledgeState = 'empty' | 'building' | 'ready' | 'failed';

/** `GET status`. */
export interface AskLokiStatus {
  source: 'loki' | 'embedded';
  scope: string;
  llm: { configured: boolean; model?: string | null };
  knowledge: {
    state: KnowledgeState;
    templates: number;
    lines: number;
    /** Epoch ms of the last build. */
    builtAt?: number | null;
    error?: string | null;
  };
}

/** A variable query: label names, or the values of one label. */
export interface AskLokiVariableQuery extends DataQuery {
  type: 'labels' | 'labelValues';
  label?: string;
}

export const DEFAULTS = {
  maxLines: 1000,
  maxRangeHours: 720,
  timeoutSeconds: 60,
  knowledgeRefreshMinutes: 60,
  knowledgeSampleLines: 5000,
  llmModel: 'gpt-4o-mini',
} as const;
