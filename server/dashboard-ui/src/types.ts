// What the server sends (server/src/dashboard): kept in step by hand, checked by the browser test.

export const seriesNames = ['connections', 'channels', 'presenceMembers', 'messagesIn', 'messagesOut', 'httpPublishes', 'clientEvents', 'errors'] as const;
export type SeriesName = (typeof seriesNames)[number];
export type Sample = Record<SeriesName, number>;

export interface SeriesHistory {
  last: number;
  series: Record<SeriesName, number[]>;
}

export interface ErrorCount {
  kind: 'connection' | 'message' | 'closed' | 'http';
  code: number;
  name: string;
  message: string;
  count: number;
  lastAt: number;
}

export interface Errors {
  total: ErrorCount[];
  apps: Record<string, ErrorCount[]>;
}

export interface NodeSnapshot {
  id: string;
  host: string;
  pid: number;
  startedAt: number;
  at: number;
  watching: boolean;
  total: Sample;
  apps: Record<string, Sample>;
}

export interface AppInfo {
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

export type ConsoleEventType =
  | 'api_message'
  | 'client_event'
  | 'subscribed'
  | 'unsubscribed'
  | 'occupied'
  | 'vacated'
  | 'member_added'
  | 'member_removed'
  | 'connected'
  | 'disconnected'
  | 'auth_failed'
  | 'refused'
  | 'error'
  | 'closed'
  | 'http_error';

export interface ConsoleEvent {
  at: number;
  type: ConsoleEventType;
  app?: string;
  channel?: string;
  channels?: string[];
  event?: string;
  data?: string;
  socketId?: string;
  userId?: string;
  code?: number;
  name?: string;
  reason?: string;
  ip?: string;
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
