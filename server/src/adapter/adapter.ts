// The seam for state across nodes. The local adapter (the default) keeps everything in
// this process; the cluster adapter fans publishes out to every node (through Redis, or
// through the primary process when `--workers N` runs without Redis) and answers for the cluster.
import type { ChannelCounts } from '../channels/app-channels.js';

export interface ChannelSummary extends ChannelCounts {
  name: string;
}

export interface Adapter {
  /**
   * Deliver a serialised channel message to its subscribers on every node. `seq` (events
   * published through the API on channels with recovery) records it in recovery history.
   */
  publish(appId: string, channel: string, message: string, exceptSocketId?: string, seq?: number): void | Promise<void>;
  /** Occupied channels of an app across the cluster. */
  channels(appId: string, prefix: string): Promise<ChannelSummary[]>;
  channel(appId: string, name: string): Promise<ChannelCounts>;
  presenceUsers(appId: string, name: string): Promise<string[]>;
  /** Close every connection of a user, on every node. */
  terminateUser(appId: string, userId: string): Promise<void>;
  close(): Promise<void>;
  /**
   * Cluster-wide membership. Absent (the local adapter): this node is the whole cluster and
   * the hub decides occupied/vacated and member_added/removed from its own state, synchronously.
   */
  readonly membership?: ClusterMembership;
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
  /** Presence: every member in the cluster, user id → user_info (when asked for). */
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
  enter(appId: string, channel: string, occupied: boolean, member: MemberEntry | undefined, wantMembers: boolean): Promise<EnterResult>;
  exit(appId: string, channel: string, vacated: boolean, userId: string | undefined): Promise<ExitResult>;
  /** Cache channels: the last message published anywhere, while its TTL runs. */
  cachedMessage(appId: string, channel: string): Promise<string | undefined>;
  /** Records this node's subscriber count of a channel; answers the cluster's total. */
  countSubscriptions(appId: string, channel: string, localCount: number): Promise<number>;
}
