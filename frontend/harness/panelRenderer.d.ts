// Grafana's own setter for @grafana/runtime's PanelRenderer, which Grafana
// calls at start-up; the harness build aliases this name to that module.
declare module 'askloki-harness-panel-renderer' {
  import { PanelRendererType } from '@grafana/runtime';
  export function setPanelRenderer(renderer: PanelRendererType): void;
}
