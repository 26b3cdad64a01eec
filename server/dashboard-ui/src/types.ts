// What the server sends. The wire types are the server's own (server/src/dashboard/wire.ts);
// only the shapes this page assembles or extends are declared here.
import type { ConsoleEvent as WireConsoleEvent, ErrorCount, NodeSnapshot, Sample, SeriesHistory } from '../../src/dashboard/wire';

export { seriesNames } from '../../src/dashboard/wire';
export type { ConsoleEventType, ErrorCount, NodeSnapshot, Sample, SeriesHistory, SeriesName } from '../../src/dashboard/wire';

interface Errors {
  total: ErrorCount[];
  apps: Record<string, ErrorCount[]>;
}

interface AppInfo {
  id: string;
  key: string;
  enabled: boolean;
  clientEvents: boolean;
}

export interface Overview {
  node: { id: string; sharing: 'redis' | 'workers' | null };
  apps: AppInfo[];
  ringSeconds: number;
  consoleMaxPerSecond: number;
  history: { total: SeriesHistory; apps: Record<string, SeriesHistory> };
  latest: { total: Sample; apps: Record<string, Sample> };
  errors: Errors;
  nodes: NodeSnapshot[];
}

export interface SampleMessage {
  at: number;
  total: Sample;
  apps: Record<string, Sample>;
  errors: Errors;
  nodes: NodeSnapshot[];
}

export interface ConsoleEvent extends WireConsoleEvent {
  /** Set by the page from the batch: the node it happened on. */
  node?: string;
}

export interface ConsoleBatch {
  /** The node the events happened on. */
  node: string;
  events: ConsoleEvent[];
  dropped: number;
}

export interface ChannelRow {
  name: string;
  subscriptionCount: number;
  userCount?: number;
}
