import { css } from '@emotion/css';
import { KeyboardEvent } from 'react';

import { GrafanaTheme2 } from '@grafana/data';
import { Button, Dropdown, Menu, TextArea, useStyles2 } from '@grafana/ui';

interface Props {
  value: string;
  onChange: (text: string) => void;
  /** The text is final for now (the box lost focus). */
  onCommit: (text: string) => void;
  /** Shift+Enter, or Ctrl/Cmd+Enter: run the query, as in Grafana's own query editors. */
  onRun: (text: string) => void;
  recent: string[];
  placeholder?: string;
}

/** The question: a multi-line box; Enter starts a new line, Shift+Enter runs. */
export function QuestionBox({ value, onChange, onCommit, onRun, recent, placeholder }: Props) {
  const styles = useStyles2(getStyles);
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onRun(e.currentTarget.value);
    }
  };
  const menu = (
    <Menu>
      {recent.map((q) => (
        <Menu.Item key={q} label={q} onClick={() => onRun(q)} />
      ))}
    </Menu>
  );
  return (
    <div className={styles.row}>
      <TextArea
        className={styles.box}
        aria-label="Question"
        data-testid="askloki-question"
        rows={Math.min(6, Math.max(2, value.split('\n').length))}
        value={value}
        placeholder={
          placeholder ?? 'Ask about your logs, e.g. which IPs failed SSH logins most often? (Shift+Enter to run)'
        }
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={(e) => onCommit(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      {recent.length > 0 && (
        <Dropdown overlay={menu} placement="bottom-end">
          <Button variant="secondary" size="md" icon="history" aria-label="Recent questions" tooltip="Recent questions">
            Recent
          </Button>
        </Dropdown>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'flex-start',
  }),
  box: css({
    flex: 1,
    resize: 'vertical',
    minHeight: theme.spacing(6),
  }),
});
