import { FieldSet } from '@grafana/ui';

import { AuthSettings } from './config/AuthSettings';
import { ConnectionSettings } from './config/ConnectionSettings';
import { KnowledgeStatus } from './config/KnowledgeStatus';
import { LimitsSettings } from './config/LimitsSettings';
import { LlmSettings } from './config/LlmSettings';
import { LokiLinkField } from './config/LokiLinkField';
import { ScopeField } from './config/ScopeField';
import { EditorProps } from './config/settings';

export type Props = EditorProps;

/** The AskLoki datasource settings (docs/plugin-api.md); "Save & test" runs the backend's health check. */
export function ConfigEditor(props: Props) {
  return (
    <div data-testid="askloki-config-editor">
      <ConnectionSettings {...props} />
      <AuthSettings {...props} />
      <FieldSet label="Scope and links">
        <ScopeField {...props} />
        <LokiLinkField {...props} />
      </FieldSet>
      <LlmSettings {...props} />
      <LimitsSettings {...props} />
      <KnowledgeStatus uid={props.options.uid || undefined} version={props.options.version} />
    </div>
  );
}
