import { BadgeColor } from '@grafana/ui';

import { Origin } from '../types';

const ORIGINS: Record<Origin, { text: string; color: BadgeColor }> = {
  pinned: { text: 'pinned query', color: 'blue' },
  cache: { text: 'from the query cache', color: 'green' },
  llm: { text: 'written by the LLM', color: 'purple' },
  template: { text: 'planned from a log template', color: 'orange' },
  keywords: { text: 'planned from keywords', color: 'orange' },
};

/** How a query's origin reads on a badge. */
export function originLabel(origin: Origin): { text: string; color: BadgeColor } {
  return ORIGINS[origin] ?? { text: String(origin), color: 'blue' };
}
