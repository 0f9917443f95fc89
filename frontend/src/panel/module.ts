import { PanelPlugin } from '@grafana/data';

import { AnswerPanel } from './AnswerPanel';
import { AnswerPanelOptions, defaultOptions } from './options';

export const plugin = new PanelPlugin<AnswerPanelOptions>(AnswerPanel).setPanelOptions((builder) =>
  builder
    .addBooleanSwitch({
      path: 'showLogql',
      name: 'LogQL',
      description: 'The query that ran, with copy and Open in Explore',
      defaultValue: defaultOptions.showLogql,
    })
    .addBooleanSwitch({
      path: 'showCitations',
      name: 'Cited lines',
      description: 'The lines a written answer cites, with their times and labels',
      defaultValue: defaultOptions.showCitations,
    })
    .addBooleanSwitch({
      path: 'showEvidence',
      name: 'Evidence',
      description: 'The logs or series the answer rests on',
      defaultValue: defaultOptions.showEvidence,
    })
);
