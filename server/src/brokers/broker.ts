// What the cluster adapter needs from whatever connects the nodes: a bus that reaches every
// other node, and a store that decides cluster-wide flips atomically. Two implementations:
// Redis (many machines) and the primary process over IPC (`--workers N` without Redis).
import type { EnterResult, ExitResult, MemberEntry } from '../adapter/adapter.js';
import type { ForeignOrigin } from './wire-format.js';

/** One thing a node holds in the store: a channel it occupies, or a presence user on it. */
export interface NodeEntry {
  appId: string;
  channel: string;
  /** Present: the presence user; absent: the channel's occupancy. */
  userId?: string;
  /** This node's subscriber count of the channel (for `subscription_count`), not a membership. */
  count?: true;
}

/** What removing a dead node's entries changed cluster-wide; announced by one node only. */
export interface ReapedChange {
  appId: string;
  channel: string;
  vacated: boolean;
  removedUserId?: string;
}

export interface CacheWrite {
  appId: string;
  channel: string;
  message: string;
  ttlMs: number;
}

/** A published event with a recovery serial, kept by the broker too (`redis.history`). */
export interface HistoryWrite {
  appId: string;
  channel: string;
  seq: number;
  /** The serialised message, serial included. */
  message: string;
  exceptSocketId: string | undefined;
  /** Entries older than this (ms) may go. */
  windowMs: number;
}

/** What the broker kept of an app's history: every event since `since` (a seq), oldest first. */
export interface StoredHistory {
  since: number;
  entries: Omit<HistoryWrite, 'appId' | 'windowMs'>[];
}

export interface ClusterStore {
  /** Records `node`'s flip; the answer says whether it flipped the cluster-wide state too. */
  enter(node: string, appId: string, channel: string, occupied: boolean, member: MemberEntry | undefined, wantMembers: boolean): Promise<EnterResult>;
  exit(node: string, appId: string, channel: string, vacated: boolean, userId: string | undefined): Promise<ExitResult>;
  /** Presence users in the cluster, user id → user_info. */
  members(appId: string, channel: string): Promise<Map<string, unknown>>;
  userCount(appId: string, channel: string): Promise<number>;
  /** userCount of several channels in one request (the watchlist's online set: up to 100 at a sign-in). */
  userCounts(appId: string, channels: string[]): Promise<number[]>;
  cached(appId: string, channel: string): Promise<string | undefined>;
  /** Sets `node`'s subscriber count of a channel (0 removes it); answers the sum over nodes. */
  setCount(node: string, appId: string, channel: string, count: number): Promise<number>;
  /** What `node` holds in the store (to re-register after an outage). */
  entries(node: string): Promise<NodeEntry[]>;
}

export interface BrokerEvents {
  /** A bus message from another node (never one of this node's own). */
  message(payload: string): void;
  /** A dead node's entries were removed and this node won the right to announce the changes. */
  reaped(changes: ReapedChange[]): void;
  /** The broker is reachable again after an outage; `dataLost`: it restarted empty. */
  resumed(dataLost: boolean): void;
  /** Bus messages accepted by send() that some node will never get (it stopped reading). */
  undelivered(payloads: string[]): void;
  /** Alive nodes registered with another wire format (or none: an older release), at each heartbeat (Redis only). */
  foreignNodes?(origins: ForeignOrigin[]): void;
}

export interface Broker {
  readonly nodeId: string;
  /** What connects the nodes: Redis, or the worker mesh and the primary process (`--workers` without Redis). */
  readonly via: 'redis' | 'workers';
  readonly store: ClusterStore;
  start(events: BrokerEvents): Promise<void>;
  /**
   * Sends a bus message to every other node; `shardKey` spreads load over sharded channels.
   * Rejects (never hangs) when the broker is down or slower than its timeout.
   */
  send(payload: string, shardKey: string, cache?: CacheWrite): Promise<void>;
  /**
   * Recovery history kept by the broker as well (`redis.history`), so a node that starts fresh
   * (after a restart) can replay what a resuming client missed. Absent: history is the nodes' alone.
   */
  remember?(write: HistoryWrite): Promise<void>;
  /** The newest `maxEntries` events the broker kept of an app's history within `windowMs`; undefined when it vouches for nothing. */
  history?(appId: string, windowMs: number, maxEntries: number): Promise<StoredHistory | undefined>;
  /** How many other nodes are alive (request/response waits for that many answers). */
  peers(): Promise<number>;
  /** Connected right now (readiness probes report it). */
  ready(): boolean;
  close(): Promise<void>;
}

export interface BrokerLog {
  info(message: string): void;
  warn(message: string): void;
}

/** Fixed-length node ids keep bus frames parseable by position. */
export const nodeIdLength = 16;

/** The broker is unreachable or too slow; the HTTP API maps this to BROKER_FAILURE (503). */
export class BrokerError extends Error {
  constructor(action: string, cause: unknown) {
    super(`the message broker did not answer (${action}): ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'BrokerError';
  }
}
