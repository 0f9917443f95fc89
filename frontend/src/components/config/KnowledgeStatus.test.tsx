import { render, screen, waitFor } from '@testing-library/react';

import { AskLokiStatus, KnowledgeState } from '../../types';
import { KnowledgeStatus } from './KnowledgeStatus';

const status = (state: KnowledgeState, error: string | null = null): AskLokiStatus => ({
  source: 'embedded',
  scope: '',
  llm: { configured: false },
  knowledge: { state, templates: 3, lines: 40, builtAt: null, error },
});

describe('KnowledgeStatus', () => {
  it('reads the status again while the knowledge base builds', async () => {
    const answers = [status('building'), status('building'), status('ready')];
    const client = { status: jest.fn(async () => answers.shift() ?? status('ready')), rebuild: jest.fn() };
    render(<KnowledgeStatus uid="x" client={client} pollMs={10} />);
    expect(await screen.findByRole('button', { name: /Rebuilding/ })).toBeDisabled();
    await waitFor(() => expect(screen.getByText('ready')).toBeInTheDocument());
    expect(client.status).toHaveBeenCalledTimes(3);
    expect(screen.getByRole('button', { name: /Rebuild knowledge base/ })).toBeEnabled();
    expect(screen.getByText('local data (embedded engine)')).toBeInTheDocument();
    expect(screen.getByText('not configured: the LLM-free planner answers')).toBeInTheDocument();
  });

  it('shows why the last build failed', async () => {
    const client = { status: jest.fn(async () => status('failed', 'Loki answered 502')), rebuild: jest.fn() };
    render(<KnowledgeStatus uid="x" client={client} />);
    expect(await screen.findByText('Loki answered 502')).toBeInTheDocument();
    expect(screen.getByText('failed')).toBeInTheDocument();
  });
});
