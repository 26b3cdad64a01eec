// What the dashboard's server sends its page: the one definition both sides compile against
// (server/dashboard-ui imports it). Type-only imports, so the browser bundle takes nothing else along.
import type { RefusalKind } from '../observe/refusal.js';

export const seriesNames = [
  'connections',
  'channels',
  'presenceMembers',
  'watchlistWatchers',
  'messagesIn',
  'messagesOut',
  'httpPublishes',
  'clientEvents',
  'errors',
] as const;

export type SeriesName = (typeof seriesNames)[number];
export type Sample = Record<SeriesName, number>;

/** What the page gets: the time of the newest sample and each series, oldest first. */
export interface SeriesHistory {
  /** ms since the epoch of the newest sample; 0 when there is none yet. */
  last: number;
  series: Record<SeriesName, number[]>;
}

export interface ErrorCount {
  kind: RefusalKind;
  code: number;
  name: string;
  message: string;
  count: number;
  lastAt: number;
}

export interface NodeSnapshot {
  id: string;
  host: string;
  pid: number;
  startedAt: number;
  /** When this snapshot was taken (ms since the epoch). */
  at: number;
  /** A console is streaming on this node (the others then forward their console events). */
  watching: boolean;
  total: Sample;
  apps: Record<string, Sample>;
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
  /** ms since the epoch */
  at: number;
  type: ConsoleEventType;
  app?: string;
  channel?: string;
  /** Several channels: an HTTP publish to more than one. */
  channels?: string[];
  event?: string;
  data?: string;
  socketId?: string;
  userId?: string;
  code?: number;
  name?: string;
  reason?: string;
  ip?: string;
}
