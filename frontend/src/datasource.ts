import {
  CoreApp,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceInstanceSettings,
  DataSourceWithSupplementaryQueriesSupport,
  MetricFindValue,
  ScopedVars,
  SupplementaryQueryOptions,
  SupplementaryQueryType,
  TestDataSourceResponse,
  TimeRange,
} from '@grafana/data';
import {
  config,
  DataSourceWithBackend,
  getDataSourceSrv,
  getTemplateSrv,
  HealthCheckError,
  HealthCheckResult,
} from '@grafana/runtime';

import { Observable } from 'rxjs';

import { lokiExploreUrl } from './explore';
import { formatQuestionValue, interpolateQuery } from './interpolate';
import { mayReturnLogs, modeInfo } from './modes';
import { AskLokiVariableSupport, parseVariableQuery } from './variables';
import { AskLokiOptions, AskLokiQuery, AskLokiStatus, AskLokiVariableQuery, Generated } from './types';
import { ANSWER_PANEL_ID } from './panel/options';
import { utcOffsetMinutes } from './zone';

/** Resource calls must not pop up Grafana's global error toasts: the editors show errors. */
const QUIET = { showErrorAlert: false };

/** The refId prefix of a logs-volume query, as Grafana's Loki datasource names it. */
export const LOGS_VOLUME_REF_ID = 'log-volume-';

export class DataSource
  extends DataSourceWithBackend<AskLokiQuery, AskLokiOptions>
  implements DataSourceWithSupplementaryQueriesSupport<AskLokiQuery>
{
  readonly jsonData: AskLokiOptions;

  constructor(instanceSettings: DataSourceInstanceSettings<AskLokiOptions>) {
    super(instanceSettings);
    this.jsonData = instanceSettings.jsonData ?? {};
    // Annotation queries use the query editor and the standard frame-to-event mapping.
    this.annotations = {};
    this.variables = new AskLokiVariableSupport(this);
  }

  getDefaultQuery(app: CoreApp): Partial<AskLokiQuery> {
    // Alert rules need numbers.
    return { question: '', mode: app === CoreApp.UnifiedAlerting ? 'metrics' : 'auto' };
  }

  /**
   * Every query carries the dashboard's time zone, so "since 10:00" means
   * 10:00 there; the answer panel's queries ask for the answer frame.
   */
  query(request: DataQueryRequest<AskLokiQuery>): Observable<DataQueryResponse> {
    const offset = utcOffsetMinutes(request.timezone, request.range?.to);
    const answerFrame = request.panelPluginId === ANSWER_PANEL_ID;
    return super.query({
      ...request,
      targets: request.targets.map((t) => ({
        ...t,
        utcOffsetMinutes: offset,
        ...(answerFrame ? { answerFrame: true } : {}),
      })),
    });
  }

  /** Queries with neither a question nor a pinned query are not sent. */
  filterQuery(query: AskLokiQuery): boolean {
    return !query.hide && Boolean(query.question?.trim() || query.logql?.trim());
  }

  /** What query history and the inspector show: the question (or the pinned LogQL), with its mode. */
  getQueryDisplayText(query: AskLokiQuery): string {
    const question = query.question?.trim() ?? '';
    const logql = query.logql?.trim() ?? '';
    const text = question && logql ? `${question} · ${logql}` : question || logql;
    const mode = modeInfo(query.mode);
    return mode.value === 'auto' ? text : `${mode.label}: ${text}`;
  }

  /** Explore's logs volume histogram; the backend counts the lines per level. */
  getSupportedSupplementaryQueryTypes(): SupplementaryQueryType[] {
    return [SupplementaryQueryType.LogsVolume];
  }

  /** The logs-volume twin of a query that may return lines, or undefined. */
  getSupplementaryQuery(options: SupplementaryQueryOptions, query: AskLokiQuery): AskLokiQuery | undefined {
    if (options.type !== SupplementaryQueryType.LogsVolume || !this.filterQuery(query) || !mayReturnLogs(query.mode)) {
      return undefined;
    }
    return { ...query, refId: `${LOGS_VOLUME_REF_ID}${query.refId}`, supportingQueryType: 'logsVolume' };
  }

  getSupplementaryRequest(
    type: SupplementaryQueryType,
    request: DataQueryRequest<AskLokiQuery>,
    options?: SupplementaryQueryOptions
  ): DataQueryRequest<AskLokiQuery> | undefined {
    const targets = request.targets
      .map((q) => this.getSupplementaryQuery(options ?? { type }, q))
      .filter((q): q is AskLokiQuery => q !== undefined);
    return targets.length > 0 ? { ...request, targets } : undefined;
  }

  applyTemplateVariables(query: AskLokiQuery, scopedVars: ScopedVars): AskLokiQuery {
    return interpolateQuery(getTemplateSrv(), query, scopedVars);
  }

  interpolateVariablesInQueries(queries: AskLokiQuery[], scopedVars: ScopedVars): AskLokiQuery[] {
    return queries.map((q) => ({ ...interpolateQuery(getTemplateSrv(), q, scopedVars), datasource: this.getRef() }));
  }

  /** The LogQL a question would run, without running it. */
  generate(question: string, range?: TimeRange): Promise<Generated> {
    const body: { question: string; from?: number; to?: number } = {
      question: getTemplateSrv().replace(question, undefined, formatQuestionValue),
    };
    if (range) {
      body.from = range.from.valueOf();
      body.to = range.to.valueOf();
    }
    return this.postResource<Generated>('generate', body, QUIET);
  }

  status(): Promise<AskLokiStatus> {
    return this.getResource<AskLokiStatus>('status', undefined, QUIET);
  }

  rebuildKnowledge(): Promise<{ state: string }> {
    return this.postResource('knowledge/rebuild', {}, QUIET);
  }

  labelNames(range?: TimeRange): Promise<string[]> {
    return this.getResource<string[]>('labels', rangeParams(range), QUIET);
  }

  labelValues(name: string, range?: TimeRange): Promise<string[]> {
    return this.getResource<string[]>('label-values', { name, ...rangeParams(range) }, QUIET);
  }

  /** Label names, or one label's values, for query variables. */
  async metricFindQuery(
    query: AskLokiVariableQuery | string,
    options?: { range?: TimeRange; scopedVars?: ScopedVars }
  ): Promise<MetricFindValue[]> {
    const parsed = parseVariableQuery(query);
    if (!parsed) {
      return [];
    }
    if (parsed.type === 'labels') {
      return toValues(await this.labelNames(options?.range));
    }
    const label = getTemplateSrv()
      .replace(parsed.label ?? '', options?.scopedVars)
      .trim();
    if (!label) {
      return [];
    }
    return toValues(await this.labelValues(label, options?.range));
  }

  /** Explore on a Loki datasource (the configured one, or the first), or undefined when there is none. */
  lokiExploreUrl(logql: string, range?: TimeRange): string | undefined {
    const lokis = getDataSourceSrv().getList({ type: 'loki' });
    const loki = lokis.find((ds) => ds.uid === this.jsonData.lokiDatasourceUid) ?? lokis[0];
    return loki ? lokiExploreUrl(loki, logql, range, config.appSubUrl ?? '') : undefined;
  }

  /**
   * The health check's message lists the log source, the LLM and the
   * knowledge base one per line: the first line is the title, the others
   * the details Grafana shows under it ("Save & test").
   */
  async testDatasource(): Promise<TestDataSourceResponse> {
    const result: HealthCheckResult | undefined = await this.callHealthCheck();
    const message = result?.message?.trim() || 'the plugin did not answer the health check';
    const [title, ...rest] = message.split('\n').filter((l) => l.trim() !== '');
    const details = rest.length > 0 ? { message: rest.join(' · '), verboseMessage: message } : undefined;
    if (result?.status === 'OK') {
      return { status: 'success', message: title, details };
    }
    return Promise.reject({
      status: 'error',
      message: title,
      error: new HealthCheckError(title, details),
    });
  }
}

function rangeParams(range?: TimeRange): Record<string, number> | undefined {
  return range ? { from: range.from.valueOf(), to: range.to.valueOf() } : undefined;
}

function toValues(items: string[]): MetricFindValue[] {
  return items.map((text) => ({ text }));
}
