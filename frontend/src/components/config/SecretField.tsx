import { Field, SecretInput, SecretTextArea } from '@grafana/ui';

import { SecureKey } from '../../types';
import { EditorProps, withoutSecret, withSecret } from './settings';

interface Props extends EditorProps {
  secret: SecureKey;
  label: string;
  description?: string;
  placeholder?: string;
  /** A PEM certificate rather than a one-line key. */
  multiline?: boolean;
}

/** A write-only secret: shows "configured" once saved, with a reset button. */
export function SecretField({ options, onOptionsChange, secret, label, description, placeholder, multiline }: Props) {
  const id = `askloki-secret-${secret}`;
  const common = {
    id,
    isConfigured: Boolean(options.secureJsonFields?.[secret]),
    value: options.secureJsonData?.[secret] ?? '',
    placeholder,
    onReset: () => onOptionsChange(withoutSecret(options, secret)),
  };
  return (
    <Field label={label} description={description} htmlFor={id}>
      {multiline ? (
        <SecretTextArea
          {...common}
          rows={5}
          cols={60}
          onChange={(e) => onOptionsChange(withSecret(options, secret, e.currentTarget.value))}
        />
      ) : (
        <SecretInput
          {...common}
          width={40}
          onChange={(e) => onOptionsChange(withSecret(options, secret, e.currentTarget.value))}
        />
      )}
    </Field>
  );
}
