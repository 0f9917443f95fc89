// The AskLoki app: the package Grafana installs, nesting the datasource
// (with its backend) and the answer panel. It has no pages of its own.
import { AppPlugin } from '@grafana/data';

export const plugin = new AppPlugin<{}>();
