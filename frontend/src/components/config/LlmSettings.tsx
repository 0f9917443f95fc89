import { FieldSet } from '@grafana/ui';

import { DEFAULTS } from '../../types';
import { SecretField } from './SecretField';
import { EditorProps, withJson } from './settings';
import { TextField } from './TextField';

/** The OpenAI-compatible LLM that writes queries and answers; without it the LLM-free planner answers. */
export function LlmSettings(props: EditorProps) {
  const { options, onOptionsChange } = props;
  const json = options.jsonData;
  return (
    <FieldSet label="LLM">
      <TextField
        id="askloki-llm-url"
        label="Endpoint"
        description="OpenAI-compatible base URL; empty: the LLM-free planner answers"
        placeholder="https://api.openai.com/v1"
        value={json.llmUrl}
        onChange={(value) => onOptionsChange(withJson(options, 'llmUrl', value.trim()))}
      />
      <TextField
        id="askloki-llm-model"
        label="Model"
        placeholder={DEFAULTS.llmModel}
        value={json.llmModel}
        onChange={(value) => onOptionsChange(withJson(options, 'llmModel', value.trim()))}
      />
      <SecretField {...props} secret="llmApiKey" label="API key" placeholder="sk-…" />
      <TextField
        id="askloki-llm-embedding-model"
        label="Embedding model"
        description="For hybrid retrieval over the knowledge base; empty: keyword retrieval only"
        placeholder="none"
        value={json.llmEmbeddingModel}
        onChange={(value) => onOptionsChange(withJson(options, 'llmEmbeddingModel', value.trim()))}
      />
      <TextField
        id="askloki-llm-azure"
        label="Azure OpenAI api-version"
        description="Only for Azure OpenAI: the key is then sent as api-key"
        placeholder="none"
        value={json.llmAzureApiVersion}
        onChange={(value) => onOptionsChange(withJson(options, 'llmAzureApiVersion', value.trim()))}
      />
    </FieldSet>
  );
}
