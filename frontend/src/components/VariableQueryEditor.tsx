import { useEffect, useState } from 'react';

import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, RadioButtonGroup, Select } from '@grafana/ui';

import type { DataSource } from '../datasource';
import { AskLokiOptions, AskLokiQuery, AskLokiVariableQuery } from '../types';

type Props = QueryEditorProps<DataSource, AskLokiQuery, AskLokiOptions, AskLokiVariableQuery>;

const TYPES: Array<{ label: string; value: AskLokiVariableQuery['type'] }> = [
  { label: 'Label names', value: 'labels' },
  { label: 'Label values', value: 'labelValues' },
];

/** A query variable: the label names in scope, or the values of one label. */
export function VariableQueryEditor({ query, onChange, datasource, range }: Props) {
  const type = query.type ?? 'labels';
  const [labels, setLabels] = useState<Array<SelectableValue<string>>>([]);
  useEffect(() => {
    if (type !== 'labelValues') {
      return;
    }
    let live = true;
    datasource
      .labelNames(range)
      .then((names) => live && setLabels(names.map((n) => ({ label: n, value: n }))))
      .catch(() => live && setLabels([]));
    return () => {
      live = false;
    };
  }, [datasource, range, type]);

  return (
    <InlineFieldRow>
      <InlineField label="Query type" labelWidth={14}>
        <RadioButtonGroup
          options={TYPES}
          value={type}
          onChange={(next) => onChange({ ...query, refId: query.refId ?? 'variable', type: next })}
        />
      </InlineField>
      {type === 'labelValues' && (
        <InlineField label="Label" labelWidth={10}>
          <Select
            inputId="askloki-variable-label"
            width={30}
            allowCustomValue
            options={labels}
            value={query.label ?? null}
            placeholder="app, or $variable"
            onChange={(choice) => onChange({ ...query, type, label: choice?.value })}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
