// Small, typed updates of the datasource settings the config editor edits.
import { DataSourcePluginOptionsEditorProps, DataSourceSettings } from '@grafana/data';

import { AskLokiOptions, AskLokiSecureOptions, SecureKey } from '../../types';

export type Settings = DataSourceSettings<AskLokiOptions, AskLokiSecureOptions>;
export type EditorProps = DataSourcePluginOptionsEditorProps<AskLokiOptions, AskLokiSecureOptions>;

/** Set one `jsonData` key; an empty value removes it, so the backend's default applies. */
export function withJson<K extends keyof AskLokiOptions>(
  options: Settings,
  key: K,
  value: AskLokiOptions[K] | undefined
): Settings {
  const jsonData = { ...options.jsonData };
  if (value === undefined || value === '') {
    delete jsonData[key];
  } else {
    jsonData[key] = value;
  }
  return { ...options, jsonData };
}

export function withSecret(options: Settings, key: SecureKey, value: string): Settings {
  return { ...options, secureJsonData: { ...options.secureJsonData, [key]: value } };
}

/** Forget a stored secret: Grafana deletes it on save. */
export function withoutSecret(options: Settings, key: SecureKey): Settings {
  return {
    ...options,
    secureJsonFields: { ...options.secureJsonFields, [key]: false },
    secureJsonData: { ...options.secureJsonData, [key]: '' },
  };
}

/** A whole positive number, or undefined for an empty or invalid field. */
export function parseCount(text: string): number | undefined {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 ? n : undefined;
}
