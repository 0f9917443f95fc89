import { FieldSet } from '@grafana/ui';

import { AskLokiOptions, DEFAULTS } from '../../types';
import { EditorProps, parseCount, withJson } from './settings';
import { TextField } from './TextField';

type LimitKey = 'maxLines' | 'maxRangeHours' | 'timeoutSeconds' | 'knowledgeRefreshMinutes' | 'knowledgeSampleLines';

const LIMITS: Array<{ key: LimitKey; label: string; description: string }> = [
  { key: 'maxLines', label: 'Max lines', description: 'Most log lines a query returns' },
  { key: 'maxRangeHours', label: 'Max range (hours)', description: 'Longest range or window a query may cover' },
  { key: 'timeoutSeconds', label: 'Timeout (seconds)', description: 'For Loki and LLM requests' },
  {
    key: 'knowledgeRefreshMinutes',
    label: 'Knowledge refresh (minutes)',
    description: 'How often the knowledge base is rebuilt from Loki; 0: never',
  },
  { key: 'knowledgeSampleLines', label: 'Knowledge sample lines', description: 'Lines sampled per stream to build it' },
];

/** What one query may cost, and how the knowledge base is kept. */
export function LimitsSettings({ options, onOptionsChange }: EditorProps) {
  return (
    <FieldSet label="Limits">
      {LIMITS.map(({ key, label, description }) => (
        <TextField
          key={key}
          id={`askloki-${key}`}
          type="number"
          width={20}
          label={label}
          description={description}
          placeholder={String(DEFAULTS[key])}
          value={(options.jsonData as AskLokiOptions)[key]?.toString()}
          onChange={(value) => onOptionsChange(withJson(options, key, parseCount(value)))}
        />
      ))}
    </FieldSet>
  );
}
