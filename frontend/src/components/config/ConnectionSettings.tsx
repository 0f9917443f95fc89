import { FieldSet } from '@grafana/ui';

import { EditorProps, withJson } from './settings';
import { TextField } from './TextField';

/** Where the logs are: Loki's URL and tenant, or a local file for the embedded engine. */
export function ConnectionSettings({ options, onOptionsChange }: EditorProps) {
  const url = options.url ?? '';
  const dataPath = options.jsonData.dataPath ?? '';
  const missing = !url.trim() && !dataPath.trim();
  const badUrl = url.trim() !== '' && !/^https?:\/\/\S+$/.test(url.trim());
  return (
    <FieldSet label="Loki">
      <TextField
        id="askloki-url"
        label="URL"
        description="Loki's base URL, with any path prefix"
        placeholder="http://loki:3100"
        value={url}
        invalid={missing || badUrl}
        error={badUrl ? 'Give an http:// or https:// URL' : 'Give Loki’s URL, or a local data path below'}
        onChange={(value) => onOptionsChange({ ...options, url: value.trim() })}
      />
      <TextField
        id="askloki-tenant"
        label="Tenant"
        description="Sent as X-Scope-OrgID (multi-tenant Loki)"
        placeholder="none"
        value={options.jsonData.tenant}
        onChange={(value) => onOptionsChange(withJson(options, 'tenant', value.trim()))}
      />
      <TextField
        id="askloki-data-path"
        label="Local data path"
        description="Query a log file or AskLoki store on the Grafana host with the embedded engine, instead of Loki"
        placeholder="none: use Loki"
        value={dataPath}
        onChange={(value) => onOptionsChange(withJson(options, 'dataPath', value.trim()))}
      />
    </FieldSet>
  );
}
