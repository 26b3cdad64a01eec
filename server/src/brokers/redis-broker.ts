// The Redis broker: pub/sub as the bus (sharded SPUBLISH/SSUBSCRIBE on a Redis Cluster),
// Lua scripts as the store, and node heartbeats so a dead node's members are removed by the
// others. Commands never queue while Redis is away and time out after `commandTimeoutMs`,
// so a publisher waits at most that long; ioredis reconnects by itself and we re-register.
// Over 300 lines on purpose: bus, store and heartbeats share one pair of connections and one
// reconnect story (re-register, resume, report what was lost); split, each part would re-derive it.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { RedisConfig } from '../config/server-config.js';
import type { EnterResult, ExitResult, MemberEntry } from '../adapter/adapter.js';
import { BrokerError, nodeIdLength, type Broker, type BrokerEvents, type BrokerLog, type CacheWrite, type ClusterStore, type HistoryWrite, type NodeEntry, type ReapedChange, type StoredHistory } from './broker.js';
import { countScript, enterScript, exitScript } from '../stores/redis-scripts.js';
import { RedisHistory } from '../stores/redis-history.js';
import { frameTypeAt, printableNodeId, wireVersion } from './wire-format.js';

type Client = Redis | Cluster;

interface ScriptCommands {
  pogoEnter(k1: string, k2: string, k3: string, k4: string, node: string, occupied: string, userId: string, info: string, want: string): Promise<[number, number, string[]?]>;
  pogoExit(k1: string, k2: string, k3: string, k4: string, node: string, vacated: string, userId: string): Promise<[number, number]>;
  pogoCount(key: string, node: string, count: string): Promise<number>;
}

/** Sharded pub/sub spreads the bus over this many channels (hence over the Cluster's shards). */
const shardCount = 16;

function tlsOptions(tls: RedisConfig['tls']): ConnectionOptions | undefined {
  if (!tls) return undefined;
  if (tls === true) return {};
  return {
    rejectUnauthorized: tls.rejectUnauthorized ?? true,
    ...(tls.ca ? { ca: readFileSync(tls.ca) } : {}),
    ...(tls.servername ? { servername: tls.servername } : {}),
  };
}

function shardOf(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return (hash >>> 0) % shardCount;
}

export class RedisBroker implements Broker, ClusterStore {
  readonly nodeId = randomBytes(nodeIdLength / 2).toString('hex');
  readonly via = 'redis';
  readonly store: ClusterStore = this;
  private readonly commands: Client & ScriptCommands;
  private readonly subscriber: Client;
  private readonly prefix: string;
  private readonly sharded: boolean;
  private readonly busChannels: string[];
  private events!: BrokerEvents;
  private heartbeat: NodeJS.Timeout | undefined;
  private epoch = '';
  private down = false;
  /** Redis's clock minus ours (ms), measured at every heartbeat. */
  private clockOffset = 0;
  /** Our lease has been written once (a lease found missing later means we were reaped). */
  private registered = false;
  private closing = false;
  private lastWarning = new Map<string, number>();

  constructor(
    private readonly config: RedisConfig,
    private readonly log: BrokerLog,
  ) {
    this.prefix = config.prefix;
    this.sharded = (config.cluster?.length ?? 0) > 0;
    const base: RedisOptions = {
      lazyConnect: true,
      connectionName: `pogo-ws:${this.nodeId}`,
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2_000),
      ...(config.username !== undefined ? { username: config.username } : {}),
      ...(config.password !== undefined ? { password: config.password } : {}),
      ...(tlsOptions(config.tls) ? { tls: tlsOptions(config.tls) } : {}),
    };
    // Commands: fail at once while disconnected, time out when Redis hangs.
    const commandOptions: RedisOptions = { ...base, enableOfflineQueue: false, commandTimeout: config.commandTimeoutMs, maxRetriesPerRequest: 0 };
    // The subscriber may queue its (re)subscriptions until the connection is up.
    const subscriberOptions: RedisOptions = { ...base, enableOfflineQueue: true, maxRetriesPerRequest: null };
    if (this.sharded) {
      const seeds = (config.cluster ?? []).map((node) => {
        const [host, port] = node.split(':');
        return { host: host ?? '', port: Number(port) };
      });
      const clusterOptions = {
        lazyConnect: true,
        enableOfflineQueue: false,
        clusterRetryStrategy: (times: number) => Math.min(100 * times, 2_000),
      };
      this.commands = new Cluster(seeds, { ...clusterOptions, redisOptions: commandOptions }) as Client & ScriptCommands;
      this.subscriber = new Cluster(seeds, { ...clusterOptions, enableOfflineQueue: true, shardedSubscribers: true, redisOptions: subscriberOptions });
      this.busChannels = Array.from({ length: shardCount }, (_, i) => `${this.prefix}bus{${i}}`);
    } else {
      this.commands = new Redis(config.url ?? '', commandOptions) as Client & ScriptCommands;
      this.subscriber = new Redis(config.url ?? '', subscriberOptions);
      this.busChannels = [`${this.prefix}bus`];
    }
    this.commands.defineCommand('pogoEnter', { numberOfKeys: 4, lua: enterScript });
    this.commands.defineCommand('pogoExit', { numberOfKeys: 4, lua: exitScript });
    this.commands.defineCommand('pogoCount', { numberOfKeys: 1, lua: countScript });
    if (config.history) {
      const history = new RedisHistory(this.commands, this.prefix);
      this.remember = (write) => history.remember(write);
      this.history = (appId, windowMs, maxEntries) => history.read(appId, windowMs, maxEntries);
    }
  }

  readonly remember?: (write: HistoryWrite) => Promise<void>;
  readonly history?: (appId: string, windowMs: number, maxEntries: number) => Promise<StoredHistory | undefined>;

  private warn(kind: string, message: string): void {
    const now = Date.now();
    if (now - (this.lastWarning.get(kind) ?? 0) < 5_000) return;
    this.lastWarning.set(kind, now);
    this.log.warn(message);
  }

  async start(events: BrokerEvents): Promise<void> {
    this.events = events;
    this.commands.on('error', (error: Error) => this.warn('error', `redis: ${error.message}`));
    this.subscriber.on('error', (error: Error) => this.warn('sub-error', `redis subscriber: ${error.message}`));
    this.commands.on('close', () => {
      if (!this.closing && !this.down) {
        this.down = true;
        this.log.warn('redis: connection lost; local delivery continues, publishes answer 503 until it is back');
      }
    });
    this.commands.on('ready', () => {
      if (!this.down || this.closing) return;
      this.down = false;
      this.log.info('redis: connection back; re-registering this node');
      void this.resume();
    });
    const onMessage = (_channel: string, payload: string) => {
      // Own messages come back too: the node id right after the type byte tells.
      if (!payload.startsWith(this.nodeId, frameTypeAt + 1)) this.events.message(payload);
    };
    if (this.sharded) this.subscriber.on('smessage', onMessage);
    else this.subscriber.on('message', onMessage);

    let lastError: Error | undefined;
    const remember = (error: Error) => (lastError = error);
    this.commands.on('error', remember);
    try {
      await this.commands.connect();
      if (this.sharded) {
        await (this.subscriber as Cluster).connect();
        for (const channel of this.busChannels) await this.subscriber.ssubscribe(channel);
      } else {
        await (this.subscriber as Redis).connect();
        await this.subscriber.subscribe(...this.busChannels);
      }
      await this.readEpoch();
    } catch (error) {
      this.closing = true;
      this.commands.disconnect();
      this.subscriber.disconnect();
      const reason = lastError && lastError.message !== (error as Error).message ? `${(error as Error).message} (${lastError.message})` : (error as Error).message;
      throw new Error(`cannot reach Redis at ${this.target()}: ${reason}`);
    } finally {
      this.commands.off('error', remember);
    }
    await this.beat();
    const every = Math.max(200, Math.floor((this.config.nodeTimeoutSeconds * 1000) / 3));
    this.heartbeat = setInterval(() => void this.beat(), every);
    this.heartbeat.unref();
  }

  /** Where we connect, without credentials (they never reach a log line). */
  private target(): string {
    if (this.sharded) return `cluster ${(this.config.cluster ?? []).join(', ')}`;
    const url = new URL(this.config.url ?? '');
    url.username = '';
    url.password = '';
    return url.toString();
  }

  private get nodesKey(): string {
    return `${this.prefix}nodes`;
  }

  /** Each node's wire format, by node id (a node alive in `nodes` without one runs a release before versions). */
  private get formatsKey(): string {
    return `${this.prefix}node-formats`;
  }

  private nodeKey(node: string): string {
    return `${this.prefix}node:${node}`;
  }

  private channelKeys(appId: string, channel: string): [string, string, string, string] {
    const base = `${this.prefix}ch{${appId}:${channel}}`;
    return [`${base}:nodes`, `${base}:users`, `${base}:ucount`, `${base}:unodes`];
  }

  private cacheKey(appId: string, channel: string): string {
    return `${this.prefix}ch{${appId}:${channel}}:cache`;
  }

  /** The epoch marks this Redis's data set: gone after a restart without persistence. */
  private async readEpoch(): Promise<boolean> {
    const key = `${this.prefix}epoch`;
    const before = this.epoch;
    await this.commands.set(key, randomBytes(8).toString('hex'), 'NX');
    this.epoch = (await this.commands.get(key)) ?? '';
    return before !== '' && before !== this.epoch;
  }

  private async resume(): Promise<void> {
    try {
      const dataLost = await this.readEpoch();
      this.registered = false; // this beat re-creates the lease on purpose
      await this.beat();
      this.events.resumed(dataLost);
    } catch (error) {
      this.warn('resume', `redis: re-registering failed (${(error as Error).message}); retrying`);
      setTimeout(() => void (this.down ? undefined : this.resume()), 500).unref();
    }
  }

  private now(): number {
    return Date.now() + this.clockOffset;
  }

  /** Refresh our lease; claim and clean up nodes whose lease ran out. */
  private async beat(): Promise<void> {
    if (this.closing) return;
    try {
      // Leases are compared in Redis's clock, so nodes with skewed clocks still agree.
      const [seconds, micros] = await this.commands.time();
      this.clockOffset = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000) - Date.now();
      const now = this.now();
      // Written before the lease: a node alive in `nodes` without a format is an older release.
      await this.commands.hset(this.formatsKey, this.nodeId, String(wireVersion));
      const added = await this.commands.zadd(this.nodesKey, now + this.config.nodeTimeoutSeconds * 1000, this.nodeId);
      // Our lease was gone although we never disconnected (Redis stalled): the others reaped us.
      if (added === 1 && this.registered && !this.down) {
        this.log.warn('redis: this node was presumed dead by the others; re-registering');
        void this.resume();
      }
      this.registered = true;
      const dead = await this.commands.zrangebyscore(this.nodesKey, '-inf', now);
      for (const node of dead) {
        // ZREM answers 1 to one node only: that node cleans up and announces.
        if ((await this.commands.zrem(this.nodesKey, node)) === 1) {
          const changes = await this.reap(node);
          this.log.info(`redis: node ${node} stopped answering; removed its ${changes.length} cluster-wide change(s)`);
          if (changes.length > 0) this.events.reaped(changes);
          await this.commands.hdel(this.formatsKey, node);
        }
      }
      await this.checkFormats(now);
    } catch (error) {
      this.warn('beat', `redis: heartbeat failed: ${(error as Error).message}`);
    }
  }

  /** Tells the adapter about alive nodes of another wire format: a quiet node of another release is found too. */
  private async checkFormats(now: number): Promise<void> {
    const alive = await this.commands.zrangebyscore(this.nodesKey, now, '+inf');
    if (alive.length <= 1) return;
    // Read after the leases: a node's format is written before its lease, so an alive node without one has none.
    const formats = await this.commands.hgetall(this.formatsKey);
    const foreign = alive
      .filter((node) => node !== this.nodeId && formats[node] !== String(wireVersion))
      .map((node) => ({ node: printableNodeId(node.slice(0, 64)), version: formats[node] === undefined ? 1 : Number(formats[node]) || 0 }));
    if (foreign.length > 0) this.events.foreignNodes?.(foreign);
  }

  /** Removes everything `node` held (a dead node, or this one leaving); returns the cluster-wide changes. */
  async reap(node: string): Promise<ReapedChange[]> {
    const changes: ReapedChange[] = [];
    for (const entry of await this.entries(node)) {
      if (entry.count) {
        await this.setCount(node, entry.appId, entry.channel, 0);
        continue;
      }
      const result = await this.exit(node, entry.appId, entry.channel, entry.userId === undefined, entry.userId);
      if (result.vacated || result.memberRemoved) {
        changes.push({ appId: entry.appId, channel: entry.channel, vacated: result.vacated, removedUserId: result.memberRemoved ? entry.userId : undefined });
      }
    }
    await this.commands.del(this.nodeKey(node));
    return changes;
  }

  send(payload: string, shardKey: string, cache?: CacheWrite): Promise<void> {
    const channel = (this.sharded ? this.busChannels[shardOf(shardKey)] : this.busChannels[0]) as string;
    const published = this.sharded ? this.commands.spublish(channel, payload) : this.commands.publish(channel, payload);
    const sent = cache
      ? Promise.all([published, this.commands.set(this.cacheKey(cache.appId, cache.channel), cache.message, 'PX', Math.max(1, cache.ttlMs))])
      : published;
    return sent.then(
      () => undefined,
      (error: unknown) => {
        throw new BrokerError('publish', error);
      },
    );
  }

  ready(): boolean {
    return !this.down && this.commands.status === 'ready';
  }

  async peers(): Promise<number> {
    const alive = await this.commands.zrangebyscore(this.nodesKey, this.now(), '+inf');
    return alive.filter((node) => node !== this.nodeId).length;
  }

  // ── store ─────────────────────────────────────────────────────────────────────────────

  async enter(node: string, appId: string, channel: string, occupied: boolean, member: MemberEntry | undefined, wantMembers: boolean): Promise<EnterResult> {
    const registered: string[] = [];
    if (occupied) registered.push(JSON.stringify([appId, channel]));
    if (member) registered.push(JSON.stringify([appId, channel, member.userId]));
    // Registered before the change: a node dying in between leaves an entry that reaps to nothing.
    const registering = registered.length > 0 ? this.commands.sadd(this.nodeKey(node), ...registered) : undefined;
    const [k1, k2, k3, k4] = this.channelKeys(appId, channel);
    const [reply] = await Promise.all([
      this.commands.pogoEnter(k1, k2, k3, k4, node, occupied ? '1' : '0', member?.userId ?? '', JSON.stringify(member?.info ?? null), wantMembers ? '1' : '0'),
      registering,
    ]);
    const result: EnterResult = { occupied: reply[0] === 1, memberAdded: reply[1] === 1 };
    if (wantMembers) result.members = pairs(reply[2] ?? []);
    return result;
  }

  async exit(node: string, appId: string, channel: string, vacated: boolean, userId: string | undefined): Promise<ExitResult> {
    const [k1, k2, k3, k4] = this.channelKeys(appId, channel);
    const reply = await this.commands.pogoExit(k1, k2, k3, k4, node, vacated ? '1' : '0', userId ?? '');
    const registered: string[] = [];
    if (vacated) registered.push(JSON.stringify([appId, channel]));
    if (userId !== undefined) registered.push(JSON.stringify([appId, channel, userId]));
    if (registered.length > 0) await this.commands.srem(this.nodeKey(node), ...registered);
    return { vacated: reply[0] === 1, memberRemoved: reply[1] === 1 };
  }

  async setCount(node: string, appId: string, channel: string, count: number): Promise<number> {
    const entry = JSON.stringify([appId, channel, null, 'count']);
    const key = `${this.prefix}ch{${appId}:${channel}}:counts`;
    if (count > 0) {
      const [total] = await Promise.all([this.commands.pogoCount(key, node, String(count)), this.commands.sadd(this.nodeKey(node), entry)]);
      return total;
    }
    const total = await this.commands.pogoCount(key, node, '0');
    await this.commands.srem(this.nodeKey(node), entry);
    return total;
  }

  async members(appId: string, channel: string): Promise<Map<string, unknown>> {
    const hash = await this.commands.hgetall(this.channelKeys(appId, channel)[1]);
    return new Map(Object.entries(hash).map(([id, info]) => [id, JSON.parse(info) as unknown]));
  }

  async userCount(appId: string, channel: string): Promise<number> {
    return this.commands.hlen(this.channelKeys(appId, channel)[1]);
  }

  /** Sent together (ioredis writes them in one go); not one pipeline: on a Redis Cluster the keys are in different slots. */
  userCounts(appId: string, channels: string[]): Promise<number[]> {
    return Promise.all(channels.map((channel) => this.userCount(appId, channel)));
  }

  async cached(appId: string, channel: string): Promise<string | undefined> {
    return (await this.commands.get(this.cacheKey(appId, channel))) ?? undefined;
  }

  async entries(node: string): Promise<NodeEntry[]> {
    const raw = await this.commands.smembers(this.nodeKey(node));
    return raw.map((entry) => {
      const [appId, channel, userId, kind] = JSON.parse(entry) as [string, string, (string | null)?, string?];
      if (kind === 'count') return { appId, channel, count: true as const };
      return userId === undefined || userId === null ? { appId, channel } : { appId, channel, userId };
    });
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    try {
      // Leaving on purpose: announce what this node still held, then give up the lease.
      const changes = await this.reap(this.nodeId);
      if (changes.length > 0) this.events.reaped(changes);
      await this.commands.zrem(this.nodesKey, this.nodeId);
      await this.commands.hdel(this.formatsKey, this.nodeId);
    } catch {
      // Redis is away: the others reap this node when its lease runs out.
    }
    this.closing = true;
    this.subscriber.disconnect();
    await this.commands.quit().catch(() => this.commands.disconnect());
  }
}

function pairs(flat: string[]): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (let i = 0; i + 1 < flat.length; i += 2) map.set(flat[i] as string, JSON.parse(flat[i + 1] as string) as unknown);
  return map;
}
