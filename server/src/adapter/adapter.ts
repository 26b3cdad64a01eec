// The seam for state across nodes. The local adapter (the default) keeps everything in
// this process; the cluster adapter fans publishes out to every node (through Redis, or
// through the primary process when `--workers N` runs without Redis) and answers for the cluster.
import type { ChannelCounts } from '../channels/app-channels.js';
import type { ChannelMessage } from '../protocol/messages.js';

export interface ChannelSummary extends ChannelCounts {
  name: string;
}

export interface Adapter {
  /**
   * Deliver a channel message to its subscribers on every node. `seq` (events published
   * through the API on channels with recovery) records it in recovery history.
   */
  publish(appId: string, channel: string, message: ChannelMessage, exceptSocketId?: string, seq?: number): void | Promise<void>;
  /** Occupied channels of an app across the cluster. */
  channels(appId: string, prefix: string): Promise<ChannelSummary[]>;
  channel(appId: string, name: string): Promise<ChannelCounts>;
  presenceUsers(appId: string, name: string): Promise<string[]>;
  /** Close every connection of a user, on every node. */
  terminateUser(appId: string, userId: string): Promise<void>;
  /**
   * Asks every node, this one included, to restart: each reports `restartRequested` to its hub's
   * sink. Rejects (BrokerError) when the other nodes could not be told; this node then stays up.
   */
  restartAll(appId: string, reason: string | undefined): Promise<void>;
  /** Connects to the other nodes (the local adapter has none). */
  start(): Promise<void>;
  close(): Promise<void>;
  /**
   * Cluster-wide membership. The local adapter answers at once (this node is the whole cluster);
   * the cluster adapter asks the broker's store. The hub never knows which.
   */
  readonly membership: ClusterMembership;
  /** Several nodes share state (webhook re-checks and shutdown wait for the store's answers). */
  readonly shared: boolean;
  /** Notes between the observers of every node (the dashboard's node list); absent when this node is alone. */
  readonly notes?: NodeNotes;
}

/** Best-effort notes to every other node over the broker's bus (never back to the sender, never queued while it is away). */
export interface NodeNotes {
  /** This node's id on the bus. */
  readonly nodeId: string;
  readonly via: 'redis' | 'workers';
  send(note: string): void;
  /** Every note another node sends arrives here (one listener; a later call replaces it). */
  listen(receive: (note: string) => void): void;
}

/** An answer now (this node alone) or later (the cluster's store). */
export type Answer<T> = T | Promise<T>;

/** Runs `ok` with the answer: at once when there is one, else when it comes; `failed` if it fails. */
export function whenAnswered<T>(answer: Answer<T>, ok: (value: T) => void, failed: (error: unknown) => void): void {
  if (answer instanceof Promise) answer.then(ok, failed);
  else ok(answer);
}

/** A presence member as the hub admits it. */
export interface MemberEntry {
  userId: string;
  info: unknown;
}

export interface EnterResult {
  /** The channel had no subscriber anywhere in the cluster before (fire channel_occupied). */
  occupied: boolean;
  /** The user had no connection to the channel anywhere before (send member_added). */
  memberAdded: boolean;
  /** Presence: every member in the cluster, user id → user_info (when asked for; absent: this node's are all). */
  members?: Map<string, unknown>;
}

export interface ExitResult {
  vacated: boolean;
  memberRemoved: boolean;
}

/**
 * What the hub tells the cluster when this node's state flips: a channel became occupied or
 * vacated here, or a user's first/last connection to a presence channel on this node came or
 * went. The answer says whether the flip was also cluster-wide, so events fire exactly once.
 */
export interface ClusterMembership {
  enter(appId: string, channel: string, occupied: boolean, member: MemberEntry | undefined, wantMembers: boolean): Answer<EnterResult>;
  exit(appId: string, channel: string, vacated: boolean, userId: string | undefined): Answer<ExitResult>;
  /** Cache channels: the last message published anywhere, while its TTL runs (none kept elsewhere: undefined). */
  cachedMessage(appId: string, channel: string): Answer<string | undefined>;
  /** Records this node's subscriber count of a channel; answers the cluster's total. */
  countSubscriptions(appId: string, channel: string, localCount: number): Answer<number>;
  /** The watchlist: of these user ids, those signed in anywhere in the cluster (or in their grace period). */
  onlineUsers(appId: string, userIds: string[]): Answer<string[]>;
}
