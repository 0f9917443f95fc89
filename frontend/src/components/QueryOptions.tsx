import { useEffect, useState } from 'react';

import { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, InlineSwitch, Input, RadioButtonGroup, Select } from '@grafana/ui';

import { AskMode, modeInfo, QUERY_MODES } from '../modes';
import { AskLokiQuery } from '../types';

interface Props {
  query: AskLokiQuery;
  onChange: (query: AskLokiQuery) => void;
  /** The datasource's own line limit, shown as the default. */
  defaultMaxLines: number;
}

// Answers are a few buttons; the analyses, a list beside them.
const ANSWERS: Array<SelectableValue<AskMode>> = QUERY_MODES.filter((m) => m.group === 'answer');
const ANALYSES: Array<SelectableValue<AskMode>> = QUERY_MODES.filter((m) => m.group === 'analysis');

/** Mode, max lines, legend and the answer frame: the options row under the question. */
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
  const mode = modeInfo(query.mode);
  return (
    <InlineFieldRow>
      <InlineField label="Mode" tooltip="What kind of result the query gives">
        <RadioButtonGroup<AskMode>
          options={ANSWERS}
          value={mode.group === 'answer' ? mode.value : undefined}
          onChange={(next) => onChange({ ...query, mode: next })}
          size="sm"
        />
      </InlineField>
      <InlineField
        label="Analysis"
        tooltip="Analyse the lines of the datasource's scope instead"
        htmlFor="askloki-analysis"
      >
        <Select<AskMode>
          inputId="askloki-analysis"
          width={20}
          isClearable
          placeholder="none"
          options={ANALYSES}
          value={mode.group === 'analysis' ? mode.value : null}
          onChange={(next) => onChange({ ...query, mode: next?.value ?? 'auto' })}
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
      <InlineField
        label="Answer frame"
        tooltip="Add a one-row frame with the answer, its number and unit, for Stat and Table panels (the answer panel gets it anyway)"
        htmlFor="askloki-answer-frame"
      >
        <InlineSwitch
          id="askloki-answer-frame"
          value={query.answerFrame ?? false}
          onChange={(e) => onChange({ ...query, answerFrame: e.currentTarget.checked || undefined })}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
