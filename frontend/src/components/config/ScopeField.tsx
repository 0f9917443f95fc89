import { Field } from '@grafana/ui';

import { isStreamSelector } from '../../logql/highlight';
import { LogqlPreview } from '../LogqlPreview';
import { EditorProps, withJson } from './settings';
import { TextField } from './TextField';

/** The stream selector every query is held to. */
export function ScopeField({ options, onOptionsChange }: EditorProps) {
  const scope = options.jsonData.scope ?? '';
  const invalid = scope.trim() !== '' && !isStreamSelector(scope);
  return (
    <>
      <TextField
        id="askloki-scope"
        label="Scope"
        description="A stream selector every query is held to; empty: all streams"
        placeholder='{namespace="prod"}'
        value={scope}
        invalid={invalid}
        error='Write a stream selector, like {namespace="prod", app=~"api|web"}'
        onChange={(value) => onOptionsChange(withJson(options, 'scope', value))}
      />
      {scope.trim() !== '' && (
        <Field label="Scope as LogQL">
          <LogqlPreview query={scope.trim()} data-testid="askloki-scope-preview" />
        </Field>
      )}
    </>
  );
}
