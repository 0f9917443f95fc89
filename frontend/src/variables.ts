// Query variables: label names, or the values of one label, through the
// backend's `labels` and `label-values` resources.
import { CustomVariableSupport, DataQueryRequest, DataQueryResponse } from '@grafana/data';
import { from, map, Observable } from 'rxjs';

import { VariableQueryEditor } from './components/VariableQueryEditor';
import type { DataSource } from './datasource';
import { AskLokiVariableQuery } from './types';

/**
 * The structured query, or the text forms Grafana's Loki datasource uses
 * (`label_names()`, `label_values(app)`), as provisioned dashboards may hold.
 */
export function parseVariableQuery(query: AskLokiVariableQuery | string | undefined): AskLokiVariableQuery | undefined {
  if (query === undefined || query === null) {
    return undefined;
  }
  if (typeof query !== 'string') {
    return query.type === 'labels' || query.type === 'labelValues' ? query : undefined;
  }
  const text = query.trim();
  if (/^label_names\(\s*\)$/.test(text)) {
    return { refId: 'variable', type: 'labels' };
  }
  const values = /^label_values\(\s*([^)]*?)\s*\)$/.exec(text);
  if (values) {
    return { refId: 'variable', type: 'labelValues', label: values[1] };
  }
  return undefined;
}

export class AskLokiVariableSupport extends CustomVariableSupport<DataSource, AskLokiVariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: DataSource) {
    super();
  }

  query(request: DataQueryRequest<AskLokiVariableQuery>): Observable<DataQueryResponse> {
    const found = this.datasource.metricFindQuery(request.targets[0], {
      range: request.range,
      scopedVars: request.scopedVars,
    });
    return from(found).pipe(map((data) => ({ data })));
  }
}
