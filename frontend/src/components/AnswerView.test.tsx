import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { AskLokiMeta } from '../types';
import { AnswerView } from './AnswerView';

const meta: AskLokiMeta = {
  answer: '203.0.113.7: 41 failed logins',
  written:
    'The IP 203.0.113.7 failed most often, 41 times [Q], for example [L1].\n\n' +
    '[Q] `sum by (ip) (count_over_time({app="sshd"} |= "Failed" [1h]))`\n' +
    '[L1] `Failed password for root from 203.0.113.7 port 52113 ssh2`',
  logql: 'sum by (ip) (count_over_time({app="sshd"} |= "Failed" [1h]))',
  reusable: 'sum by (ip) (count_over_time({app="sshd"} |= "Failed" [$__range]))',
  origin: 'llm',
  attempts: [{ logql: '{app="sshd"', planner: 'llm', ok: false, error: 'unclosed selector', returned: 0 }],
  why: ['matched the template "Failed password for <user> from <ip>"'],
};

describe('AnswerView', () => {
  it('shows the answer, the LogQL it ran and the lines it cites', () => {
    render(<AnswerView meta={meta} />);
    const answer = screen.getByTestId('askloki-answer');
    expect(answer).toHaveTextContent('The IP 203.0.113.7 failed most often, 41 times [Q], for example [L1].');
    expect(screen.getByTestId('askloki-answer-logql')).toHaveTextContent(meta.logql);
    expect(screen.getByText('written by the LLM')).toBeInTheDocument();
    const cited = screen.getByRole('list', { name: 'Cited lines' });
    expect(cited).toHaveTextContent('[L1] Failed password for root from 203.0.113.7 port 52113 ssh2');
    expect(screen.getByText('How the query was chosen')).toBeInTheDocument();
    expect(answer).toHaveTextContent('unclosed selector');
  });

  it('shows the computed answer when no LLM wrote one', () => {
    render(<AnswerView meta={{ ...meta, written: null, origin: 'template' }} />);
    expect(screen.getByTestId('askloki-answer')).toHaveTextContent('203.0.113.7: 41 failed logins');
    expect(screen.getByText('computed answer')).toBeInTheDocument();
    expect(screen.getByText('planned from a log template')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Cited lines' })).not.toBeInTheDocument();
  });

  it('pins the reusable query and links to Loki', async () => {
    const onPin = jest.fn();
    render(<AnswerView meta={meta} onPin={onPin} exploreUrl="/explore?x" />);
    await userEvent.click(screen.getByRole('button', { name: /Pin this query/ }));
    expect(onPin).toHaveBeenCalledWith(meta.reusable);
    expect(screen.getByRole('link', { name: /Open in Loki/ })).toHaveAttribute('href', '/explore?x');
  });

  it('offers no pin for a query that is already pinned', () => {
    render(<AnswerView meta={{ ...meta, origin: 'pinned' }} onPin={jest.fn()} />);
    expect(screen.queryByRole('button', { name: /Pin this query/ })).not.toBeInTheDocument();
  });
});
