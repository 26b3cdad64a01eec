// Every channel of one app on this node, and the presence bookkeeping across them.
import { Channel, type PresenceMember } from './channel.js';
import type { Subscriber } from './subscriber.js';

export interface JoinResult {
  channel: Channel;
  /** Presence: this is the user's first connection to the channel on this node. */
  firstConnectionOfUser: boolean;
  /** The channel had no subscriber before. */
  occupied: boolean;
}

export interface LeaveResult {
  channel: Channel;
  /** Presence: this was the user's last connection to the channel on this node. */
  lastConnectionOfUser: boolean;
  /** The channel has no subscriber left (and was dropped). */
  vacated: boolean;
}

export interface ChannelCounts {
  subscriptionCount: number;
  userCount?: number;
}

export class AppChannels {
  private readonly channels = new Map<string, Channel>();

  get(name: string): Channel | undefined {
    return this.channels.get(name);
  }

  join(subscriber: Subscriber, name: string, member?: { userId: string; info: unknown }): JoinResult {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = new Channel(name);
      this.channels.set(name, channel);
    }
    const occupied = channel.subscribers.size === 0;
    channel.subscribers.add(subscriber);
    let firstConnectionOfUser = false;
    if (member && channel.members) {
      const existing = channel.members.get(member.userId);
      if (existing) {
        existing.connections++;
        existing.info = member.info;
      } else {
        channel.members.set(member.userId, { info: member.info, connections: 1 });
        firstConnectionOfUser = true;
      }
    }
    return { channel, firstConnectionOfUser, occupied };
  }

  /**
   * With `keepMember`, a presence user's last connection leaves the member in place with no
   * connection (a grace period: a reload neither removes nor re-adds it); `releaseMember` ends it.
   */
  leave(subscriber: Subscriber, name: string, userId?: string, keepMember = false): LeaveResult | undefined {
    const channel = this.channels.get(name);
    if (!channel?.subscribers.delete(subscriber)) return undefined;
    let lastConnectionOfUser = false;
    if (userId !== undefined && channel.members) {
      const member = channel.members.get(userId);
      if (member && --member.connections <= 0) {
        if (!keepMember) channel.members.delete(userId);
        lastConnectionOfUser = true;
      }
    }
    const vacated = channel.subscribers.size === 0;
    this.dropIfEmpty(channel);
    return { channel, lastConnectionOfUser, vacated };
  }

  /** Ends a grace period: true when the member was still without a connection and is now gone. */
  releaseMember(name: string, userId: string): boolean {
    const channel = this.channels.get(name);
    const member = channel?.members?.get(userId);
    if (!channel || !member || member.connections > 0) return false;
    channel.members?.delete(userId);
    this.dropIfEmpty(channel);
    return true;
  }

  /** An empty channel keeps only what outlives subscribers: a cache channel's last event, members in grace. */
  private dropIfEmpty(channel: Channel): void {
    if (channel.subscribers.size === 0 && !channel.lastEvent && !channel.members?.size) this.channels.delete(channel.name);
  }

  counts(channel: Channel): ChannelCounts {
    return channel.members
      ? { subscriptionCount: channel.subscribers.size, userCount: channel.members.size }
      : { subscriptionCount: channel.subscribers.size };
  }

  /** Occupied channels, optionally by prefix. */
  *occupied(prefix = ''): Iterable<Channel> {
    for (const channel of this.channels.values()) {
      if (channel.occupied && channel.name.startsWith(prefix)) yield channel;
    }
  }

  /** Channels held (occupied or caching) and presence members across them. */
  totals(): { channels: number; members: number } {
    let members = 0;
    for (const channel of this.channels.values()) members += channel.members?.size ?? 0;
    return { channels: this.channels.size, members };
  }

  members(name: string): Map<string, PresenceMember> | undefined {
    return this.channels.get(name)?.members;
  }

  /** Keep a cache channel's last event even while nobody listens. */
  remember(name: string, frame: Buffer): void {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = new Channel(name);
      this.channels.set(name, channel);
    }
    channel.lastEvent = frame;
    channel.lastEventAt = Date.now();
  }

  /** Drops cached events older than `ttlMs` from channels nobody listens to. */
  expireCache(ttlMs: number, now = Date.now()): void {
    for (const channel of this.channels.values()) {
      if (channel.lastEvent && now - channel.lastEventAt >= ttlMs) {
        channel.lastEvent = undefined;
        this.dropIfEmpty(channel);
      }
    }
  }
}
