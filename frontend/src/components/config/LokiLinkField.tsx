import { useMemo } from 'react';

import { SelectableValue } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { Field, Select } from '@grafana/ui';

import { EditorProps, withJson } from './settings';

/** The Loki datasource that "Open in Loki" links go to. */
export function LokiLinkField({ options, onOptionsChange }: EditorProps) {
  const choices: Array<SelectableValue<string>> = useMemo(
    () =>
      getDataSourceSrv()
        .getList({ type: 'loki' })
        .map((ds) => ({ label: ds.name, value: ds.uid })),
    []
  );
  return (
    <Field
      label="Loki datasource for links"
      description="Where “Open in Loki” opens a query; default: the first Loki datasource"
      htmlFor="askloki-loki-link"
    >
      <Select
        inputId="askloki-loki-link"
        width={40}
        isClearable
        options={choices}
        value={options.jsonData.lokiDatasourceUid ?? null}
        placeholder={choices.length ? 'The first Loki datasource' : 'No Loki datasource in this Grafana'}
        onChange={(choice) => onOptionsChange(withJson(options, 'lokiDatasourceUid', choice?.value))}
      />
    </Field>
  );
}
