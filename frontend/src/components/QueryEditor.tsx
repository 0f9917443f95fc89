import { useEffect, useRef, useState } from 'react';

import { CoreApp, QueryEditorProps } from '@grafana/data';
import { Alert, Button, Stack, useStyles2 } from '@grafana/ui';

import { findAnswer } from '../answer';
import type { DataSource } from '../datasource';
import { errorMessage } from '../errors';
import { recentQuestions, rememberQuestion } from '../recent';
import { AskLokiOptions, AskLokiQuery, DEFAULTS, Generated } from '../types';
import { AnswerView } from './AnswerView';
import { GeneratedQuery } from './GeneratedQuery';
import { PinnedQuery } from './PinnedQuery';
import { QueryOptions } from './QueryOptions';
import { QuestionBox } from './QuestionBox';
import { commonStyles } from './styles';

export type Props = QueryEditorProps<DataSource, AskLokiQuery, AskLokiOptions>;

type Preview =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'done'; generated: Generated }
  | { state: 'error'; message: string };

/** The AskLoki query editor: a question, its LogQL (generated or pinned), and the answer. */
export function QueryEditor({ query, onChange, onRunQuery, datasource, data, range, app }: Props) {
  const styles = useStyles2(commonStyles);
  const [question, setQuestion] = useState(query.question ?? '');
  const [recent, setRecent] = useState(() => recentQuestions(datasource.uid));
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  // A preview belongs to the question it was asked for: typing drops it.
  const previewFor = useRef(0);
  useEffect(() => setQuestion(query.question ?? ''), [query.question]);

  const answer = findAnswer(data, query.refId);
  const exploreUrl = (logql: string) => datasource.lokiExploreUrl(logql, range);

  const change = (next: AskLokiQuery, run: boolean) => {
    onChange(next);
    if (run) {
      onRunQuery();
    }
  };
  const commitQuestion = (text: string) => {
    if (text !== (query.question ?? '')) {
      onChange({ ...query, question: text });
    }
  };
  const run = (text: string) => {
    setQuestion(text);
    setRecent(rememberQuestion(datasource.uid, text));
    change({ ...query, question: text }, true);
  };
  const edit = (text: string) => {
    setQuestion(text);
    previewFor.current++;
    setPreview({ state: 'idle' });
  };
  const generate = async () => {
    const asked = ++previewFor.current;
    setPreview({ state: 'loading' });
    commitQuestion(question);
    let next: Preview;
    try {
      next = { state: 'done', generated: await datasource.generate(question, range) };
    } catch (e) {
      next = { state: 'error', message: errorMessage(e) };
    }
    if (asked === previewFor.current) {
      setPreview(next);
    }
  };
  const pin = (logql: string) => {
    setPreview({ state: 'idle' });
    setRecent(rememberQuestion(datasource.uid, question));
    change({ ...query, question, logql }, true);
  };

  return (
    <div className={styles.stack} data-testid="askloki-query-editor">
      <QuestionBox value={question} onChange={edit} onCommit={commitQuestion} onRun={run} recent={recent} />
      <QueryOptions
        query={query}
        onChange={(next) => change(next, true)}
        defaultMaxLines={datasource.jsonData?.maxLines ?? DEFAULTS.maxLines}
      />
      {app === CoreApp.UnifiedAlerting && query.mode !== 'metrics' && !query.logql && (
        <Alert severity="info" title="Alert rules need numbers">
          Choose the Metrics mode, or ask how many or how often, or pin a metric LogQL query.
        </Alert>
      )}
      {query.logql ? (
        <PinnedQuery
          logql={query.logql}
          onSave={(logql) => change({ ...query, logql }, true)}
          onUnpin={() => change({ ...query, logql: undefined }, false)}
          exploreUrl={exploreUrl(query.logql)}
        />
      ) : (
        <>
          <Stack direction="row" gap={1}>
            <Button
              size="sm"
              variant="secondary"
              icon={preview.state === 'loading' ? 'spinner' : 'ai'}
              disabled={!question.trim() || preview.state === 'loading'}
              onClick={generate}
            >
              Preview LogQL
            </Button>
            <Button size="sm" icon="play" disabled={!question.trim()} onClick={() => run(question)}>
              Run
            </Button>
          </Stack>
          {preview.state === 'error' && (
            <Alert severity="error" title="No query for this question">
              {preview.message}
            </Alert>
          )}
          {preview.state === 'done' && (
            <GeneratedQuery
              generated={preview.generated}
              onPin={pin}
              exploreUrl={exploreUrl(preview.generated.reusable || preview.generated.logql)}
            />
          )}
        </>
      )}
      {answer && (
        <AnswerView meta={answer} onPin={query.logql ? undefined : pin} exploreUrl={exploreUrl(answer.logql)} />
      )}
    </div>
  );
}
