import { QueryEditorHelpProps } from '@grafana/data';
import { Button, Stack } from '@grafana/ui';

import { AskLokiQuery } from '../types';

const EXAMPLES = [
  'which IPs failed SSH logins most often?',
  'how many errors per minute in the api service?',
  'show the last 50 timeouts from nginx',
  'what are the most common error messages today?',
];

/** Explore's query help: example questions to start from. */
export function QueryHelp({ query, onClickExample }: QueryEditorHelpProps<AskLokiQuery>) {
  return (
    <div>
      <h3>Ask in plain language</h3>
      <p>
        Write a question; AskLoki turns it into LogQL, runs it on Loki and answers next to the logs or graph. Press
        Shift+Enter to run. Pin the generated LogQL to keep a dashboard or alert rule on exactly that query.
      </p>
      <Stack direction="column" gap={1} alignItems="flex-start">
        {EXAMPLES.map((question) => (
          <Button
            key={question}
            size="sm"
            variant="secondary"
            fill="text"
            onClick={() => onClickExample({ ...query, question, logql: undefined })}
          >
            {question}
          </Button>
        ))}
      </Stack>
    </div>
  );
}
