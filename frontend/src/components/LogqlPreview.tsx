import { css } from '@emotion/css';
import { useMemo } from 'react';

import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { highlightLogql, TokenKind } from '../logql/highlight';

interface Props {
  query: string;
  /** Say where the query stops being LogQL. */
  showErrors?: boolean;
  className?: string;
  'data-testid'?: string;
}

/** A LogQL query, highlighted with Grafana's LogQL grammar. */
export function LogqlPreview({ query, showErrors = false, className, ...rest }: Props) {
  const styles = useStyles2(getStyles);
  const { tokens, errorAt } = useMemo(() => highlightLogql(query), [query]);
  return (
    <div className={className}>
      <pre className={styles.code} data-testid={rest['data-testid'] ?? 'askloki-logql'} aria-label="LogQL">
        <code>
          {tokens.map((t, i) => (
            <span key={i} className={styles[t.kind]} data-kind={t.kind}>
              {t.text}
            </span>
          ))}
        </code>
      </pre>
      {showErrors && errorAt !== undefined && (
        <div className={styles.syntaxError} role="alert">
          Not valid LogQL from column {errorAt + 1}
          {errorAt < query.length ? `: ${query.slice(errorAt, errorAt + 24)}` : ' (the query ends too early)'}
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2): Record<TokenKind | 'code' | 'syntaxError', string> => {
  const color = (name: string) => css({ color: theme.visualization.getColorByName(name) });
  return {
    code: css({
      margin: 0,
      padding: theme.spacing(1, 1.5),
      fontFamily: theme.typography.fontFamilyMonospace,
      fontSize: theme.typography.bodySmall.fontSize,
      background: theme.colors.background.canvas,
      border: `1px solid ${theme.colors.border.weak}`,
      borderRadius: theme.shape.radius.default,
      whiteSpace: 'pre-wrap',
      wordBreak: 'break-word',
      color: theme.colors.text.primary,
    }),
    keyword: css({
      color: theme.visualization.getColorByName('purple'),
      fontWeight: theme.typography.fontWeightMedium,
    }),
    label: color('blue'),
    string: color('green'),
    number: color('orange'),
    operator: color('yellow'),
    variable: css({ color: theme.visualization.getColorByName('light-orange'), fontStyle: 'italic' }),
    comment: css({ color: theme.colors.text.secondary, fontStyle: 'italic' }),
    error: css({ textDecoration: `wavy underline ${theme.colors.error.main}` }),
    plain: css({}),
    syntaxError: css({
      color: theme.colors.error.text,
      fontSize: theme.typography.bodySmall.fontSize,
      marginTop: theme.spacing(0.5),
    }),
  };
};
