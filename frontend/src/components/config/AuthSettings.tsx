import { Field, FieldSet, RadioButtonGroup, Switch } from '@grafana/ui';

import { SecretField } from './SecretField';
import { EditorProps, withJson } from './settings';
import { TextField } from './TextField';

type AuthMode = 'none' | 'basic' | 'bearer';

const AUTH_MODES: Array<{ label: string; value: AuthMode }> = [
  { label: 'No authentication', value: 'none' },
  { label: 'Basic auth', value: 'basic' },
  { label: 'Bearer token', value: 'bearer' },
];

function authMode(props: EditorProps): AuthMode {
  if (props.options.basicAuth) {
    return 'basic';
  }
  return props.options.jsonData.bearerAuth ? 'bearer' : 'none';
}

/** How AskLoki logs in to Loki, and how it trusts Loki's certificate. */
export function AuthSettings(props: EditorProps) {
  const { options, onOptionsChange } = props;
  const mode = authMode(props);
  const setMode = (next: AuthMode) =>
    onOptionsChange(
      withJson({ ...options, basicAuth: next === 'basic' }, 'bearerAuth', next === 'bearer' ? true : undefined)
    );
  return (
    <FieldSet label="Authentication and TLS">
      <Field label="Authentication">
        <RadioButtonGroup<AuthMode> options={AUTH_MODES} value={mode} onChange={setMode} />
      </Field>
      {mode === 'basic' && (
        <>
          <TextField
            id="askloki-basic-user"
            label="User"
            value={options.basicAuthUser}
            onChange={(value) => onOptionsChange({ ...options, basicAuthUser: value })}
          />
          <SecretField {...props} secret="basicAuthPassword" label="Password" />
        </>
      )}
      {mode === 'bearer' && (
        <SecretField {...props} secret="lokiToken" label="Token" description="Sent as Authorization: Bearer" />
      )}
      <Field label="Skip TLS verification" description="Do not verify Loki's certificate: for testing only">
        <Switch
          id="askloki-tls-skip"
          value={Boolean(options.jsonData.tlsSkipVerify)}
          onChange={(e) => onOptionsChange(withJson(options, 'tlsSkipVerify', e.currentTarget.checked || undefined))}
        />
      </Field>
      <SecretField
        {...props}
        secret="tlsCACert"
        label="CA certificate"
        description="An extra certificate authority for Loki, in PEM"
        placeholder="-----BEGIN CERTIFICATE-----"
        multiline
      />
    </FieldSet>
  );
}
