// The seam for state across nodes. The local adapter (the default) keeps everything in
// this process; a Redis adapter fans publishes out to every node and answers for the cluster.
import type { ChannelCounts } from '../channels/app-channels.js';

export interface ChannelSummary extends ChannelCounts {
  name: string;
}

export interface Adapter {
  /** Deliver a serialised channel message to its subscribers on every node. */
  publish(appId: string, channel: string, message: string, exceptSocketId?: string): void | Promise<void>;
  /** Occupied channels of an app across the cluster. */
  channels(appId: string, prefix: string): Promise<ChannelSummary[]>;
  channel(appId: string, name: string): Promise<ChannelCounts>;
  presenceUsers(appId: string, name: string): Promise<string[]>;
  /** Close every connection of a user, on every node. */
  terminateUser(appId: string, userId: string): Promise<void>;
  close(): Promise<void>;
}
