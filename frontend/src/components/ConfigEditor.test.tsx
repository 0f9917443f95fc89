import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';

import { installGrafana, Routes } from '../test/fakes';
import { AskLokiStatus } from '../types';
import { ConfigEditor } from './ConfigEditor';
import { Settings } from './config/settings';

const status: AskLokiStatus = {
  source: 'loki',
  scope: '{namespace="prod"}',
  llm: { configured: true, model: 'gpt-4o-mini' },
  knowledge: { state: 'ready', templates: 128, lines: 52000, builtAt: 1_767_600_000_000, error: null },
};

const saved = {
  id: 7,
  uid: 'ds-uid',
  orgId: 1,
  name: 'AskLoki',
  type: 'askloki-nlq-datasource',
  access: 'proxy',
  url: 'http://loki:3100',
  basicAuth: false,
  basicAuthUser: '',
  version: 3,
  jsonData: { scope: '{namespace="prod"}' },
  secureJsonFields: { llmApiKey: true },
  secureJsonData: {},
} as unknown as Settings;

async function setup(options: Partial<Settings> = {}, routes: Routes = { 'GET status': status }) {
  const requests = installGrafana(routes);
  const changes: Settings[] = [];
  function Host() {
    const [settings, setSettings] = useState<Settings>({ ...saved, ...options });
    return (
      <ConfigEditor
        options={settings}
        onOptionsChange={(next) => {
          changes.push(next);
          setSettings(next);
        }}
      />
    );
  }
  render(<Host />);
  // The knowledge base panel reads the status once; let it settle.
  await waitFor(() => expect(screen.queryByText('Reading the status…')).not.toBeInTheDocument());
  return { requests, last: () => changes[changes.length - 1], user: userEvent.setup() };
}

describe('ConfigEditor', () => {
  it('edits the Loki URL and tenant', async () => {
    const { last, user } = await setup();
    const url = screen.getByLabelText(/^URL/);
    expect(url).toHaveValue('http://loki:3100');
    await user.clear(url);
    await user.type(url, 'https://logs.example.com/loki');
    expect(last().url).toBe('https://logs.example.com/loki');
    await user.type(screen.getByLabelText(/^Tenant/), 'team-a');
    expect(last().jsonData.tenant).toBe('team-a');
  });

  it('asks for a URL or a local data path', async () => {
    await setup({ url: '' });
    expect(screen.getByText('Give Loki’s URL, or a local data path below')).toBeInTheDocument();
  });

  it('switches between basic auth and a bearer token', async () => {
    const { last, user } = await setup();
    await user.click(screen.getByRole('radio', { name: 'Basic auth' }));
    expect(last()).toMatchObject({ basicAuth: true });
    await user.type(screen.getByLabelText(/^User/), 'reader');
    await user.type(screen.getByLabelText(/^Password/), 'pw');
    expect(last()).toMatchObject({ basicAuthUser: 'reader', secureJsonData: { basicAuthPassword: 'pw' } });

    await user.click(screen.getByRole('radio', { name: 'Bearer token' }));
    expect(last()).toMatchObject({ basicAuth: false, jsonData: { bearerAuth: true } });
    await user.type(screen.getByLabelText(/^Token/), 'tok');
    expect(last().secureJsonData?.lokiToken).toBe('tok');

    await user.click(screen.getByRole('radio', { name: 'No authentication' }));
    expect(last().basicAuth).toBe(false);
    expect(last().jsonData.bearerAuth).toBeUndefined();
  });

  it('sets TLS options', async () => {
    const { last, user } = await setup();
    await user.click(screen.getByLabelText(/Skip TLS verification/));
    expect(last().jsonData.tlsSkipVerify).toBe(true);
    await user.type(screen.getByLabelText(/^CA certificate/), 'PEM');
    expect(last().secureJsonData?.tlsCACert).toBe('PEM');
  });

  it('keeps the LLM key write-only, with a reset', async () => {
    const { last, user } = await setup();
    const key = screen.getByLabelText(/^API key/);
    expect(key).toHaveValue('configured');
    expect(key).toBeDisabled();
    await user.click(screen.getAllByRole('button', { name: 'Reset' })[0]);
    expect(last()).toMatchObject({ secureJsonFields: { llmApiKey: false }, secureJsonData: { llmApiKey: '' } });
    await user.type(screen.getByLabelText(/^API key/), 'sk-1');
    expect(last().secureJsonData?.llmApiKey).toBe('sk-1');
  });

  it('sets the LLM endpoint and model', async () => {
    const { last, user } = await setup();
    await user.type(screen.getByLabelText(/^Endpoint/), 'http://ollama:11434/v1');
    await user.type(screen.getByLabelText(/^Model/), 'llama3');
    expect(last().jsonData).toMatchObject({ llmUrl: 'http://ollama:11434/v1', llmModel: 'llama3' });
    expect(screen.getByLabelText(/^Model/)).toHaveAttribute('placeholder', 'gpt-4o-mini');
  });

  it('checks the scope is a stream selector and shows it as LogQL', async () => {
    const { last, user } = await setup();
    expect(screen.getByTestId('askloki-scope-preview')).toHaveTextContent('{namespace="prod"}');
    const scope = screen.getByRole('textbox', { name: /^Scope/ });
    await user.clear(scope);
    await user.type(scope, 'namespace=prod');
    expect(last().jsonData.scope).toBe('namespace=prod');
    expect(screen.getByText(/Write a stream selector/)).toBeInTheDocument();
  });

  it('sets limits as numbers, empty for the default', async () => {
    const { last, user } = await setup();
    const maxLines = screen.getByLabelText(/^Max lines/);
    expect(maxLines).toHaveAttribute('placeholder', '1000');
    await user.type(maxLines, '250');
    expect(last().jsonData.maxLines).toBe(250);
    await user.clear(maxLines);
    expect(last().jsonData).not.toHaveProperty('maxLines');
    await user.type(screen.getByLabelText(/^Knowledge refresh/), '0');
    expect(last().jsonData.knowledgeRefreshMinutes).toBe(0);
  });

  it('shows the knowledge base status and rebuilds it', async () => {
    const { requests, user } = await setup(
      {},
      { 'GET status': status, 'POST knowledge/rebuild': [202, { state: 'building' }] }
    );
    const panel = await screen.findByTestId('askloki-knowledge');
    await waitFor(() => expect(panel).toHaveTextContent('128 templates over 52000 lines'));
    expect(within(panel).getByText('ready')).toBeInTheDocument();
    expect(panel).toHaveTextContent('gpt-4o-mini');
    expect(panel).toHaveTextContent('{namespace="prod"}');

    await user.click(within(panel).getByRole('button', { name: /Rebuild knowledge base/ }));
    await waitFor(() => expect(requests.filter((r) => r.url.endsWith('/resources/status'))).toHaveLength(2));
    expect(
      requests.some((r) => r.method === 'POST' && r.url === '/api/datasources/uid/ds-uid/resources/knowledge/rebuild')
    ).toBe(true);
  });

  it('says when the status cannot be read', async () => {
    await setup({}, { 'GET status': [500, { error: 'no Loki URL is set' }] });
    expect(await screen.findByText(/no Loki URL is set/)).toBeInTheDocument();
  });

  it('waits for the first save before showing the knowledge base', async () => {
    await setup({ uid: '' });
    expect(screen.getByText('Save the datasource to build its knowledge base.')).toBeInTheDocument();
  });
});
