import { css } from '@emotion/css';

import { GrafanaTheme2 } from '@grafana/data';

/** Styles the editors share: small captions and fold-out explanations. */
export const commonStyles = (theme: GrafanaTheme2) => ({
  label: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
  }),
  details: css({
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    summary: { cursor: 'pointer' },
    ul: { margin: theme.spacing(0.5, 0, 0, 2) },
  }),
  stack: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  }),
});
