import { css } from '@emotion/css';
import { KeyboardEvent, useState } from 'react';

import { GrafanaTheme2 } from '@grafana/data';
import { Badge, Button, LinkButton, Stack, TextArea, useStyles2 } from '@grafana/ui';

import { LogqlPreview } from './LogqlPreview';
import { commonStyles } from './styles';

interface Props {
  logql: string;
  /** Save an edited query (and run it). */
  onSave: (logql: string) => void;
  onUnpin: () => void;
  exploreUrl?: string;
}

/** The pinned LogQL: shown highlighted, editable, or unpinned to generate again. */
export function PinnedQuery({ logql, onSave, onUnpin, exploreUrl }: Props) {
  const styles = useStyles2(getStyles);
  const common = useStyles2(commonStyles);
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const editing = draft !== undefined;
  const save = (text: string) => {
    setDraft(undefined);
    if (text.trim() && text !== logql) {
      onSave(text.trim());
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save(e.currentTarget.value);
    } else if (e.key === 'Escape') {
      setDraft(undefined);
    }
  };
  return (
    <div className={common.stack} data-testid="askloki-pinned">
      <Stack direction="row" gap={1} alignItems="center">
        <span className={common.label}>Pinned LogQL</span>
        <Badge text="runs as is; the question is not used" color="blue" icon="gf-pin" />
      </Stack>
      {editing ? (
        <>
          <TextArea
            className={styles.editor}
            aria-label="Pinned LogQL"
            rows={Math.min(8, Math.max(2, draft.split('\n').length))}
            value={draft}
            autoFocus
            onChange={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={onKeyDown}
          />
          <LogqlPreview query={draft} showErrors data-testid="askloki-pinned-draft" />
        </>
      ) : (
        <LogqlPreview query={logql} showErrors data-testid="askloki-pinned-logql" />
      )}
      <Stack direction="row" gap={1}>
        {editing ? (
          <>
            <Button size="sm" icon="check" onClick={() => save(draft)}>
              Save and run
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setDraft(undefined)}>
              Cancel
            </Button>
          </>
        ) : (
          <>
            <Button size="sm" variant="secondary" icon="pen" onClick={() => setDraft(logql)}>
              Edit LogQL
            </Button>
            <Button size="sm" variant="secondary" icon="times" onClick={onUnpin}>
              Unpin
            </Button>
            {exploreUrl && (
              <LinkButton
                size="sm"
                variant="secondary"
                icon="compass"
                href={exploreUrl}
                target="_blank"
                rel="noreferrer"
              >
                Open in Loki
              </LinkButton>
            )}
          </>
        )}
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  editor: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
