import { Field, Input } from '@grafana/ui';

interface Props {
  id: string;
  label: string;
  description?: string;
  value: string | undefined;
  placeholder?: string;
  onChange: (value: string) => void;
  invalid?: boolean;
  error?: string;
  type?: 'text' | 'number';
  width?: number;
}

/** A labelled one-line input. */
export function TextField({
  id,
  label,
  description,
  value,
  placeholder,
  onChange,
  invalid,
  error,
  type = 'text',
  width = 40,
}: Props) {
  return (
    <Field label={label} description={description} invalid={invalid} error={error} htmlFor={id}>
      <Input
        id={id}
        type={type}
        width={width}
        value={value ?? ''}
        placeholder={placeholder}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    </Field>
  );
}
