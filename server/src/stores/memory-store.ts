// The cluster store kept in one process: the primary of `--workers N` without Redis holds it
// for its workers. Same semantics as the Redis scripts: a channel is occupied while any node
// holds it, a presence user is a member while any node has a connection of theirs.
import type { EnterResult, ExitResult, MemberEntry } from '../adapter/adapter.js';
import type { NodeEntry, ReapedChange } from '../brokers/broker.js';

interface ChannelRecord {
  nodes: Set<string>;
  /** user id → info, and user id → nodes holding a connection of that user. */
  users: Map<string, { info: unknown; nodes: Set<string> }>;
}

interface CachedMessage {
  message: string;
  expiresAt: number;
}

const channelKey = (appId: string, channel: string) => `${appId}\n${channel}`;

export class MemoryStore {
  private readonly channels = new Map<string, ChannelRecord>();
  private readonly byNode = new Map<string, Map<string, NodeEntry>>();
  private readonly cache = new Map<string, CachedMessage>();
  /** Channel → node → that node's subscriber count. */
  private readonly counts = new Map<string, Map<string, number>>();

  private record(appId: string, channel: string): ChannelRecord {
    const key = channelKey(appId, channel);
    let record = this.channels.get(key);
    if (!record) {
      record = { nodes: new Set(), users: new Map() };
      this.channels.set(key, record);
    }
    return record;
  }

  private register(node: string, entry: NodeEntry, add: boolean): void {
    const key = `${entry.appId}\n${entry.channel}\n${entry.count ? '#' : `=${entry.userId ?? ''}`}`;
    let entries = this.byNode.get(node);
    if (add) {
      if (!entries) {
        entries = new Map();
        this.byNode.set(node, entries);
      }
      entries.set(key, entry);
    } else {
      entries?.delete(key);
    }
  }

  enter(node: string, appId: string, channel: string, occupied: boolean, member: MemberEntry | undefined, wantMembers: boolean): EnterResult {
    const record = this.record(appId, channel);
    const result: EnterResult = { occupied: false, memberAdded: false };
    if (occupied && !record.nodes.has(node)) {
      record.nodes.add(node);
      result.occupied = record.nodes.size === 1;
      this.register(node, { appId, channel }, true);
    }
    if (member) {
      let user = record.users.get(member.userId);
      if (!user) {
        user = { info: member.info, nodes: new Set() };
        record.users.set(member.userId, user);
        result.memberAdded = true;
      }
      user.nodes.add(node);
      this.register(node, { appId, channel, userId: member.userId }, true);
    }
    if (wantMembers) result.members = new Map([...record.users].map(([id, user]) => [id, user.info]));
    return result;
  }

  exit(node: string, appId: string, channel: string, vacated: boolean, userId: string | undefined): ExitResult {
    const key = channelKey(appId, channel);
    const record = this.channels.get(key);
    const result: ExitResult = { vacated: false, memberRemoved: false };
    if (!record) return result;
    if (vacated && record.nodes.delete(node)) {
      result.vacated = record.nodes.size === 0;
      this.register(node, { appId, channel }, false);
    }
    if (userId !== undefined) {
      const user = record.users.get(userId);
      if (user?.nodes.delete(node)) {
        this.register(node, { appId, channel, userId }, false);
        if (user.nodes.size === 0) {
          record.users.delete(userId);
          result.memberRemoved = true;
        }
      }
    }
    if (record.nodes.size === 0 && record.users.size === 0) this.channels.delete(key);
    return result;
  }

  setCount(node: string, appId: string, channel: string, count: number): number {
    const key = channelKey(appId, channel);
    let perNode = this.counts.get(key);
    if (count > 0) {
      if (!perNode) {
        perNode = new Map();
        this.counts.set(key, perNode);
      }
      perNode.set(node, count);
    } else {
      perNode?.delete(node);
      if (perNode?.size === 0) this.counts.delete(key);
    }
    this.register(node, { appId, channel, count: true }, count > 0);
    let total = 0;
    for (const n of perNode?.values() ?? []) total += n;
    return total;
  }

  members(appId: string, channel: string): Map<string, unknown> {
    const record = this.channels.get(channelKey(appId, channel));
    return new Map(record ? [...record.users].map(([id, user]) => [id, user.info]) : []);
  }

  userCount(appId: string, channel: string): number {
    return this.channels.get(channelKey(appId, channel))?.users.size ?? 0;
  }

  userCounts(appId: string, channels: string[]): number[] {
    return channels.map((channel) => this.userCount(appId, channel));
  }

  setCached(appId: string, channel: string, message: string, ttlMs: number): void {
    this.cache.set(channelKey(appId, channel), { message, expiresAt: Date.now() + ttlMs });
  }

  cached(appId: string, channel: string): string | undefined {
    const key = channelKey(appId, channel);
    const entry = this.cache.get(key);
    if (entry && entry.expiresAt > Date.now()) return entry.message;
    this.cache.delete(key);
    return undefined;
  }

  /** Drops expired cache entries (called now and then by the owner). */
  expire(now = Date.now()): void {
    for (const [key, entry] of this.cache) if (entry.expiresAt <= now) this.cache.delete(key);
  }

  entries(node: string): NodeEntry[] {
    return [...(this.byNode.get(node)?.values() ?? [])];
  }

  /** Removes everything a dead node held; returns what that changed cluster-wide. */
  reap(node: string): ReapedChange[] {
    const changes: ReapedChange[] = [];
    for (const entry of this.entries(node)) {
      if (entry.count) {
        this.setCount(node, entry.appId, entry.channel, 0);
        continue;
      }
      const result = this.exit(node, entry.appId, entry.channel, entry.userId === undefined, entry.userId);
      if (result.vacated || result.memberRemoved) {
        changes.push({ appId: entry.appId, channel: entry.channel, vacated: result.vacated, removedUserId: result.memberRemoved ? entry.userId : undefined });
      }
    }
    this.byNode.delete(node);
    return changes;
  }
}
