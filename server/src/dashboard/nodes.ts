// The node list. Every node writes its latest sample to one Redis hash once a second; a
// node whose dashboard is being watched reads the hash back, so any node shows every node
// and the sum. Without Redis the list is this node alone.
import { hostname } from 'node:os';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { RedisConfig } from '../apps/config.js';
import { addSamples, emptySample, type Sample } from './samples.js';

export interface NodeSnapshot {
  id: string;
  host: string;
  pid: number;
  startedAt: number;
  /** When this snapshot was taken (ms since the epoch). */
  at: number;
  total: Sample;
  apps: Record<string, Sample>;
}

/** A node that has not written for this long is gone from the list. */
const staleAfterMs = 5_000;

export interface NodeLog {
  warn(message: string): void;
}

export class NodeDirectory {
  readonly id = randomBytes(6).toString('hex');
  private readonly startedAt = Date.now();
  private latest: NodeSnapshot | undefined;
  private others: NodeSnapshot[] = [];
  private readonly redis: Redis | Cluster | undefined;
  private readonly key: string;
  private lastWarning = 0;

  constructor(
    redis: RedisConfig | undefined,
    private readonly log: NodeLog,
  ) {
    // One hash-tagged key, so a Redis Cluster keeps it in one slot.
    this.key = `${redis?.prefix ?? 'pogo:'}{dashboard}:nodes`;
    if (!redis) return;
    const options: RedisOptions = {
      connectionName: `pogo-ws-dashboard:${this.id}`,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: redis.commandTimeoutMs,
      retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 3_000),
      ...(redis.username !== undefined ? { username: redis.username } : {}),
      ...(redis.password !== undefined ? { password: redis.password } : {}),
      ...(redis.tls ? { tls: redis.tls === true ? {} : { rejectUnauthorized: redis.tls.rejectUnauthorized ?? true, ...(redis.tls.ca ? { ca: readFileSync(redis.tls.ca) } : {}), ...(redis.tls.servername ? { servername: redis.tls.servername } : {}) } } : {}),
    };
    if (redis.cluster?.length) {
      const seeds = redis.cluster.map((node) => ({ host: node.split(':')[0]!, port: Number(node.split(':')[1]) }));
      this.redis = new Cluster(seeds, { enableOfflineQueue: false, redisOptions: options });
    } else {
      this.redis = new Redis(redis.url!, options);
    }
    this.redis.on('error', (error: Error) => this.warn(`dashboard: redis: ${error.message}`));
  }

  private warn(message: string): void {
    if (Date.now() - this.lastWarning < 30_000) return;
    this.lastWarning = Date.now();
    this.log.warn(message);
  }

  get shared(): boolean {
    return this.redis !== undefined;
  }

  /** This node's newest sample; shared through Redis when there is one. */
  update(total: Sample, apps: Record<string, Sample>, at: number): void {
    this.latest = { id: this.id, host: hostname(), pid: process.pid, startedAt: this.startedAt, at, total, apps };
    if (!this.redis || this.redis.status !== 'ready') return;
    this.redis
      .multi()
      .hset(this.key, this.id, JSON.stringify(this.latest))
      .pexpire(this.key, staleAfterMs * 6)
      .exec()
      .catch((error: Error) => this.warn(`dashboard: sharing this node's sample failed: ${error.message}`));
  }

  /** Reads the other nodes' samples (called once a second while a dashboard is watched). */
  async refresh(): Promise<void> {
    if (!this.redis || this.redis.status !== 'ready') return;
    try {
      const all = await this.redis.hgetall(this.key);
      const now = Date.now();
      const others: NodeSnapshot[] = [];
      const gone: string[] = [];
      for (const [id, text] of Object.entries(all)) {
        if (id === this.id) continue;
        try {
          const snapshot = JSON.parse(text) as NodeSnapshot;
          if (now - snapshot.at > staleAfterMs) gone.push(id);
          else others.push(snapshot);
        } catch {
          gone.push(id);
        }
      }
      this.others = others.sort((a, b) => a.startedAt - b.startedAt);
      if (gone.length > 0) await this.redis.hdel(this.key, ...gone);
    } catch (error) {
      this.warn(`dashboard: reading the other nodes failed: ${(error as Error).message}`);
    }
  }

  /** This node first, then the others that wrote within the last 5 s. */
  list(): NodeSnapshot[] {
    const now = Date.now();
    return [...(this.latest ? [this.latest] : []), ...this.others.filter((n) => now - n.at <= staleAfterMs)];
  }

  /** The sum over `list()`, per app and in total. */
  sum(): { total: Sample; apps: Record<string, Sample> } {
    const total = emptySample();
    const apps: Record<string, Sample> = {};
    for (const node of this.list()) {
      addSamples(total, node.total);
      for (const [id, sample] of Object.entries(node.apps)) addSamples((apps[id] ??= emptySample()), sample);
    }
    return { total, apps };
  }

  async close(): Promise<void> {
    if (!this.redis) return;
    try {
      if (this.redis.status === 'ready') await this.redis.hdel(this.key, this.id);
    } catch {
      // Gone anyway once it stops writing.
    }
    this.redis.disconnect();
  }
}
