import { useEffect, useState } from 'react';

import { InlineField, InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';

import { AskLokiQuery, AskMode } from '../types';

interface Props {
  query: AskLokiQuery;
  onChange: (query: AskLokiQuery) => void;
  /** The datasource's own line limit, shown as the default. */
  defaultMaxLines: number;
}

const MODES: Array<{ label: string; value: AskMode; description: string }> = [
  { label: 'Auto', value: 'auto', description: 'The question decides: lines or numbers' },
  { label: 'Logs', value: 'logs', description: 'Always a log query' },
  { label: 'Metrics', value: 'metrics', description: 'Always numbers over time (what alert rules need)' },
];

/** Mode, max lines and legend: the options row under the question. */
export function QueryOptions({ query, onChange, defaultMaxLines }: Props) {
  const [maxLines, setMaxLines] = useState(query.maxLines?.toString() ?? '');
  const [legend, setLegend] = useState(query.legendFormat ?? '');
  useEffect(() => setMaxLines(query.maxLines?.toString() ?? ''), [query.maxLines]);
  useEffect(() => setLegend(query.legendFormat ?? ''), [query.legendFormat]);

  const commitMaxLines = () => {
    const n = parseInt(maxLines, 10);
    const value = Number.isFinite(n) && n > 0 ? n : undefined;
    if (value !== query.maxLines) {
      onChange({ ...query, maxLines: value });
    }
    setMaxLines(value?.toString() ?? '');
  };
  const commitLegend = () => {
    const value = legend.trim() || undefined;
    if (value !== query.legendFormat) {
      onChange({ ...query, legendFormat: value });
    }
  };
  return (
    <InlineFieldRow>
      <InlineField label="Mode" tooltip="What kind of result the query gives">
        <RadioButtonGroup<AskMode>
          options={MODES}
          value={query.mode ?? 'auto'}
          onChange={(mode) => onChange({ ...query, mode })}
          size="sm"
        />
      </InlineField>
      <InlineField label="Max lines" tooltip="Most log lines the query returns" htmlFor="askloki-max-lines">
        <Input
          id="askloki-max-lines"
          type="number"
          min={1}
          width={12}
          placeholder={String(defaultMaxLines)}
          value={maxLines}
          onChange={(e) => setMaxLines(e.currentTarget.value)}
          onBlur={commitMaxLines}
        />
      </InlineField>
      <InlineField label="Legend" tooltip="Series names for graphs, like {{host}}" htmlFor="askloki-legend">
        <Input
          id="askloki-legend"
          width={20}
          placeholder="{{label}}"
          value={legend}
          onChange={(e) => setLegend(e.currentTarget.value)}
          onBlur={commitLegend}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
