import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';

import { CoreApp, LoadingState, PanelData, toDataFrame } from '@grafana/data';

import { recentQuestions } from '../recent';
import { installGrafana, makeDataSource, Routes } from '../test/fakes';
import { AskLokiMeta, AskLokiQuery, Generated } from '../types';
import { QueryEditor } from './QueryEditor';

const generated: Generated = {
  logql: 'sum by (ip) (count_over_time({app="sshd"} |= "Failed" [1h]))',
  reusable: 'sum by (ip) (count_over_time({app="sshd"} |= "Failed" [$__range]))',
  origin: 'llm',
  why: ['counted per ip'],
};

/** The editor as Grafana hosts it: the query lives outside and comes back changed. */
function setup(
  initial: Partial<AskLokiQuery> = {},
  routes: Routes = {},
  extra: { data?: PanelData; app?: CoreApp } = {}
) {
  const requests = installGrafana({ 'POST generate': generated, ...routes });
  const datasource = makeDataSource({ maxLines: 500 });
  const changes: AskLokiQuery[] = [];
  const onRunQuery = jest.fn();
  function Host() {
    const [query, setQuery] = useState<AskLokiQuery>({ refId: 'A', ...initial });
    return (
      <QueryEditor
        datasource={datasource}
        query={query}
        onChange={(q) => {
          changes.push(q);
          setQuery(q);
        }}
        onRunQuery={onRunQuery}
        data={extra.data}
        app={extra.app ?? CoreApp.Explore}
      />
    );
  }
  render(<Host />);
  const last = () => changes[changes.length - 1];
  return { requests, changes, last, onRunQuery, user: userEvent.setup() };
}

const question = () => screen.getByRole('textbox', { name: 'Question' });

describe('QueryEditor', () => {
  it('runs the question on Shift+Enter; Enter starts a new line', async () => {
    const { last, onRunQuery, user } = setup();
    await user.type(question(), 'failed logins{Enter}by ip');
    expect(onRunQuery).not.toHaveBeenCalled();
    expect(question()).toHaveValue('failed logins\nby ip');
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(last()).toMatchObject({ question: 'failed logins\nby ip' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(recentQuestions('askloki')).toEqual(['failed logins\nby ip']);
  });

  it('keeps the question on blur without running it', async () => {
    const { last, onRunQuery, user } = setup();
    await user.type(question(), 'errors today');
    await user.tab();
    expect(last()).toMatchObject({ question: 'errors today' });
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('offers recent questions', async () => {
    window.localStorage.setItem('grafana.askloki.recentQuestions.askloki', JSON.stringify(['slowest requests?']));
    const { last, onRunQuery, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Recent questions' }));
    await user.click(await screen.findByText('slowest requests?'));
    expect(last()).toMatchObject({ question: 'slowest requests?' });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('previews the generated LogQL and pins it', async () => {
    const { requests, last, onRunQuery, user } = setup({ question: 'which IPs failed most?' });
    await user.click(screen.getByRole('button', { name: /Preview LogQL/ }));
    const preview = await screen.findByTestId('askloki-generated-logql');
    expect(preview).toHaveTextContent(generated.reusable);
    expect(preview.querySelector('[data-kind="variable"]')).toHaveTextContent('$__range');
    expect(screen.getByText('written by the LLM')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Open in Loki/ }).getAttribute('href')).toContain(
      '/explore?schemaVersion=1'
    );
    expect(requests.find((r) => r.url.endsWith('/resources/generate'))?.data).toMatchObject({
      question: 'which IPs failed most?',
    });

    await user.click(screen.getByRole('button', { name: /Pin LogQL/ }));
    expect(last()).toMatchObject({ question: 'which IPs failed most?', logql: generated.reusable });
    expect(onRunQuery).toHaveBeenCalled();
    expect(screen.getByTestId('askloki-pinned-logql')).toHaveTextContent(generated.reusable);
    expect(screen.queryByRole('button', { name: /Preview LogQL/ })).not.toBeInTheDocument();
  });

  it('drops a preview when the question changes', async () => {
    const { user } = setup({ question: 'errors' });
    await user.click(screen.getByRole('button', { name: /Preview LogQL/ }));
    await screen.findByTestId('askloki-generated');
    await user.type(question(), ' today');
    expect(screen.queryByTestId('askloki-generated')).not.toBeInTheDocument();
  });

  it('shows why a question has no query', async () => {
    const { user } = setup(
      { question: 'hello' },
      { 'POST generate': [400, { error: 'no log template matches the question' }] }
    );
    await user.click(screen.getByRole('button', { name: /Preview LogQL/ }));
    expect(await screen.findByText('no log template matches the question')).toBeInTheDocument();
  });

  it('edits and unpins a pinned query', async () => {
    const { last, onRunQuery, user } = setup({ question: 'errors', logql: '{app="api"} |= "error"' });
    await user.click(screen.getByRole('button', { name: /Edit LogQL/ }));
    const editor = screen.getByRole('textbox', { name: 'Pinned LogQL' });
    await user.clear(editor);
    await user.type(editor, '{{app="api"} |= "timeout"');
    await user.click(screen.getByRole('button', { name: /Save and run/ }));
    expect(last()).toMatchObject({ logql: '{app="api"} |= "timeout"' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole('button', { name: /Unpin/ }));
    expect(last().logql).toBeUndefined();
    expect(screen.getByRole('button', { name: /Preview LogQL/ })).toBeInTheDocument();
  });

  it('flags an edited query that is not LogQL', async () => {
    const { user } = setup({ logql: '{app="api"}' });
    await user.click(screen.getByRole('button', { name: /Edit LogQL/ }));
    await user.type(screen.getByRole('textbox', { name: 'Pinned LogQL' }), ' |=');
    expect(screen.getByRole('alert')).toHaveTextContent('Not valid LogQL');
  });

  it('changes the mode and max lines', async () => {
    const { last, onRunQuery, user } = setup({ question: 'errors' });
    await user.click(screen.getByRole('radio', { name: 'Metrics' }));
    expect(last()).toMatchObject({ mode: 'metrics' });
    const maxLines = screen.getByRole('spinbutton', { name: /Max lines/ });
    expect(maxLines).toHaveAttribute('placeholder', '500');
    await user.type(maxLines, '200');
    await user.tab();
    expect(last()).toMatchObject({ mode: 'metrics', maxLines: 200 });
    expect(onRunQuery).toHaveBeenCalledTimes(2);
  });

  it('offers every analysis mode', async () => {
    const { last, user } = setup({ question: 'errors' });
    await user.click(screen.getByLabelText('Analysis'));
    for (const label of ['Anomalies', 'Parse', 'Explain', 'Root cause', 'Recommend', 'Instruct']) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
    await user.click(screen.getByText('Root cause'));
    expect(last()).toMatchObject({ mode: 'rootcause' });
  });

  it('shows the answer under the box when data has one, and pins its query', async () => {
    const meta: AskLokiMeta = {
      answer: '41 failed logins from 203.0.113.7',
      logql: generated.logql,
      reusable: generated.reusable,
      origin: 'template',
    };
    const data = {
      state: LoadingState.Done,
      series: [toDataFrame({ refId: 'A', fields: [], meta: { custom: { askloki: meta } } })],
    } as unknown as PanelData;
    const { last, user } = setup({ question: 'who failed?' }, {}, { data });
    expect(screen.getByTestId('askloki-answer')).toHaveTextContent('41 failed logins from 203.0.113.7');
    expect(screen.getByTestId('askloki-answer-logql')).toHaveTextContent(generated.logql);
    await user.click(screen.getByRole('button', { name: /Pin this query/ }));
    expect(last()).toMatchObject({ logql: generated.reusable });
  });

  it('tells alert rule authors that they need numbers', () => {
    setup({ mode: 'auto' }, {}, { app: CoreApp.UnifiedAlerting });
    expect(screen.getByText('Alert rules need numbers')).toBeInTheDocument();
  });

  it('does not preview without a question', async () => {
    const { requests } = setup();
    expect(screen.getByRole('button', { name: /Preview LogQL/ })).toBeDisabled();
    await waitFor(() => expect(requests).toHaveLength(0));
  });
});
