// Grafana's services as the editors use them, answered without Grafana: the
// backend's resources give canned answers from the contract (docs/plugin-api.md).
import { Observable, of, throwError } from 'rxjs';

import { DataSourceInstanceSettings } from '@grafana/data';
import { BackendSrv, BackendSrvRequest, DataSourceSrv, FetchResponse, TemplateSrv } from '@grafana/runtime';

import { AskLokiStatus, Generated } from '../src/types';

export const GENERATED: Generated = {
  logql: 'sum by (ip) (count_over_time({app="sshd"} |= "Failed password" | regexp `from (?P<ip>\\S+)` [1h]))',
  reusable: 'sum by (ip) (count_over_time({app="sshd"} |= "Failed password" | regexp `from (?P<ip>\\S+)` [$__range]))',
  origin: 'llm',
  why: [
    'template "Failed password for <user> from <ip> port <port> ssh2" matched 4 words',
    'counted per ip over the range',
  ],
};

export const STATUS: AskLokiStatus = {
  source: 'loki',
  scope: '{namespace="prod"}',
  llm: { configured: true, model: 'gpt-4o-mini' },
  knowledge: { state: 'ready', templates: 128, lines: 52000, builtAt: Date.UTC(2026, 0, 5, 9, 30), error: null },
};

export interface Call {
  method: string;
  url: string;
  data?: unknown;
}

/** Every request the editors made, for the browser test to read. */
export const calls: Call[] = [];

function respond<T>(data: T, status = 200): Observable<FetchResponse<T>> {
  const response = {
    data,
    status,
    ok: status < 400,
    statusText: status < 400 ? 'OK' : 'Error',
    headers: new Headers(),
    redirected: false,
    type: 'basic',
    url: '',
    config: { url: '' },
  } as FetchResponse<T>;
  return status < 400 ? of(response) : throwError(() => response);
}

function route(options: BackendSrvRequest): Observable<FetchResponse<unknown>> {
  const method = options.method ?? 'GET';
  const path = options.url.replace(/^\/api\/datasources\/uid\/[^/]+\/resources\//, '');
  calls.push({ method, url: options.url, data: options.data });
  if (method === 'POST' && path === 'generate') {
    const question = (options.data as { question?: string })?.question ?? '';
    return question.trim() ? respond(GENERATED) : respond({ error: 'ask a question' }, 400);
  }
  if (method === 'GET' && path === 'status') {
    return respond(STATUS);
  }
  if (method === 'POST' && path === 'knowledge/rebuild') {
    return respond({ state: 'building' }, 202);
  }
  if (method === 'GET' && path === 'labels') {
    return respond(['app', 'host', 'namespace']);
  }
  if (method === 'GET' && path === 'label-values') {
    return respond(['sshd', 'nginx', 'api']);
  }
  return respond({ error: `no resource ${method} ${path}` }, 404);
}

export const backendSrv = {
  fetch: route,
  get: (url: string, params?: Record<string, unknown>) =>
    route({ url, params, method: 'GET' })
      .toPromise()
      .then((r) => r!.data),
  post: (url: string, data?: unknown) =>
    route({ url, data, method: 'POST' })
      .toPromise()
      .then((r) => r!.data),
} as unknown as BackendSrv;

const variables: Record<string, string> = { service: 'sshd' };

export const templateSrv = {
  getVariables: () => [],
  containsTemplate: (text?: string) => /\$\w+/.test(text ?? ''),
  updateTimeRange: () => undefined,
  replace: (text?: string) => (text ?? '').replace(/\$(\w+)/g, (all, name: string) => variables[name] ?? all),
} as unknown as TemplateSrv;

const loki = {
  uid: 'loki-1',
  name: 'Loki',
  type: 'loki',
  meta: { id: 'loki' },
} as unknown as DataSourceInstanceSettings;

export const dataSourceSrv = {
  getList: (filters?: { type?: string }) => (!filters?.type || filters.type === 'loki' ? [loki] : []),
  getInstanceSettings: () => loki,
  get: () => Promise.reject(new Error('not in the harness')),
  reload: () => undefined,
} as unknown as DataSourceSrv;
