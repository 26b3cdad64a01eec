// The single-node adapter: everything is already here, so every membership question is answered
// at once from what this node knows.
import type { ChannelCounts } from '../channels/app-channels.js';
import type { Hub } from '../hub.js';
import type { ChannelMessage } from '../protocol/messages.js';
import type { Adapter, ChannelSummary, ClusterMembership, EnterResult, ExitResult, MemberEntry } from './adapter.js';

export class LocalAdapter implements Adapter, ClusterMembership {
  readonly membership: ClusterMembership = this;
  readonly shared = false;

  constructor(private readonly hub: Hub) {}

  async start(): Promise<void> {}

  publish(appId: string, channel: string, message: ChannelMessage, exceptSocketId?: string, seq?: number): void {
    this.hub.deliver(appId, channel, message, exceptSocketId, seq);
  }

  async channels(appId: string, prefix: string): Promise<ChannelSummary[]> {
    return this.hub.localChannels(appId, prefix);
  }

  async channel(appId: string, name: string): Promise<ChannelCounts> {
    return this.hub.localChannel(appId, name);
  }

  async presenceUsers(appId: string, name: string): Promise<string[]> {
    return this.hub.localPresenceUsers(appId, name);
  }

  async terminateUser(appId: string, userId: string): Promise<void> {
    this.hub.terminateLocalUser(appId, userId);
  }

  async restartAll(appId: string, reason: string | undefined): Promise<void> {
    this.hub.events.emit('restartRequested', appId, reason);
  }

  async close(): Promise<void> {}

  // ── membership: this node's flips are the cluster's ──────────────────────────────────────

  enter(_appId: string, _channel: string, occupied: boolean, member: MemberEntry | undefined): EnterResult {
    // No `members`: the hub's own presence list is the whole list.
    return { occupied, memberAdded: member !== undefined };
  }

  exit(_appId: string, _channel: string, vacated: boolean, userId: string | undefined): ExitResult {
    return { vacated, memberRemoved: userId !== undefined };
  }

  cachedMessage(): undefined {
    // The channel's own last event is the only one; the hub checked it before asking.
    return undefined;
  }

  countSubscriptions(_appId: string, _channel: string, localCount: number): number {
    return localCount;
  }

  onlineUsers(appId: string, userIds: string[]): string[] {
    return this.hub.localOnlineUsers(appId, userIds);
  }
}
