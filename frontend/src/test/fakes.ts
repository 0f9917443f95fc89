// Grafana's services for tests: a backend answering resource paths from a
// table, a template service with fixed variables, one Loki datasource.
import { Observable, of, throwError } from 'rxjs';

import { DataSourceInstanceSettings, PluginType, ScopedVars } from '@grafana/data';
import {
  BackendSrv,
  BackendSrvRequest,
  DataSourceSrv,
  FetchResponse,
  setBackendSrv,
  setDataSourceSrv,
  setTemplateSrv,
  TemplateSrv,
} from '@grafana/runtime';

import { DataSource } from '../datasource';
import { AskLokiOptions, PLUGIN_ID } from '../types';

export interface Request {
  method: string;
  url: string;
  params?: Record<string, unknown>;
  data?: unknown;
}

/** `"METHOD path"` → a body (status 200), or `[status, body]`. */
export type Routes = Record<string, unknown | [number, unknown]>;

export function fakeBackend(routes: Routes): { srv: BackendSrv; requests: Request[] } {
  const requests: Request[] = [];
  const fetch = (options: BackendSrvRequest): Observable<FetchResponse<unknown>> => {
    const method = options.method ?? 'GET';
    const path = options.url.replace(/^\/api\/datasources\/uid\/[^/]+\/(resources\/)?/, '');
    requests.push({ method, url: options.url, params: options.params, data: options.data });
    const route = routes[`${method} ${path}`];
    const [status, data] =
      Array.isArray(route) && typeof route[0] === 'number' ? route : [route === undefined ? 404 : 200, route];
    const response = { data, status, ok: status < 400, statusText: String(status) } as FetchResponse<unknown>;
    return status < 400 ? of(response) : throwError(() => response);
  };
  return { srv: { fetch } as unknown as BackendSrv, requests };
}

/** A template service knowing `vars`: arrays are multi-value variables. */
export function fakeTemplateSrv(vars: Record<string, string | string[]>): TemplateSrv {
  return {
    getVariables: () => [],
    containsTemplate: () => false,
    updateTimeRange: () => undefined,
    replace: (text = '', scopedVars?: ScopedVars, format?: unknown) =>
      text.replace(/\$\{?(\w+)\}?/g, (all: string, name: string) => {
        const scoped = scopedVars?.[name]?.value;
        const value = scoped !== undefined ? scoped : vars[name];
        if (value === undefined) {
          return all;
        }
        const variable = { multi: Array.isArray(value), includeAll: false };
        return typeof format === 'function' ? format(value, variable) : String(value);
      }),
  } as unknown as TemplateSrv;
}

export const LOKI = { uid: 'loki-uid', name: 'Loki', type: 'loki' } as DataSourceInstanceSettings;

export function fakeDataSourceSrv(list: DataSourceInstanceSettings[] = [LOKI]): DataSourceSrv {
  return {
    getList: (filters?: { type?: string }) => list.filter((d) => !filters?.type || d.type === filters.type),
    getInstanceSettings: () => undefined,
    get: () => Promise.reject(new Error('no datasource')),
    reload: () => undefined,
  } as unknown as DataSourceSrv;
}

/** Install the fakes; returns the requests the backend saw. */
export function installGrafana(routes: Routes = {}, vars: Record<string, string | string[]> = {}): Request[] {
  const backend = fakeBackend(routes);
  setBackendSrv(backend.srv);
  setTemplateSrv(fakeTemplateSrv(vars));
  setDataSourceSrv(fakeDataSourceSrv());
  return backend.requests;
}

export function makeDataSource(jsonData: AskLokiOptions = {}): DataSource {
  return new DataSource({
    id: 1,
    uid: 'askloki',
    type: PLUGIN_ID,
    name: 'AskLoki',
    access: 'proxy',
    readOnly: false,
    jsonData,
    meta: { id: PLUGIN_ID, name: 'AskLoki', type: PluginType.datasource, info: {} },
  } as unknown as DataSourceInstanceSettings<AskLokiOptions>);
}
