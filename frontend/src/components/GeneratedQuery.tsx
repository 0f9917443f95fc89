import { Badge, Button, LinkButton, Stack, useStyles2 } from '@grafana/ui';

import { Generated } from '../types';
import { originLabel } from './origin';
import { LogqlPreview } from './LogqlPreview';
import { commonStyles } from './styles';

interface Props {
  generated: Generated;
  onPin: (logql: string) => void;
  exploreUrl?: string;
}

/** The LogQL a question would run (its reusable form), before it runs. */
export function GeneratedQuery({ generated, onPin, exploreUrl }: Props) {
  const styles = useStyles2(commonStyles);
  const origin = originLabel(generated.origin);
  const logql = generated.reusable || generated.logql;
  return (
    <div className={styles.stack} data-testid="askloki-generated">
      <Stack direction="row" gap={1} alignItems="center">
        <span className={styles.label}>Generated LogQL</span>
        <Badge text={origin.text} color={origin.color} />
      </Stack>
      <LogqlPreview query={logql} showErrors data-testid="askloki-generated-logql" />
      <Stack direction="row" gap={1}>
        <Button size="sm" icon="gf-pin" onClick={() => onPin(logql)}>
          Pin LogQL
        </Button>
        {exploreUrl && (
          <LinkButton size="sm" variant="secondary" icon="compass" href={exploreUrl} target="_blank" rel="noreferrer">
            Open in Loki
          </LinkButton>
        )}
      </Stack>
      {generated.why.length > 0 && (
        <details className={styles.details}>
          <summary>Why this query</summary>
          <ul>
            {generated.why.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
