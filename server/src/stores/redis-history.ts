// `redis.history`: connection-recovery history kept in Redis as well as in each node, so a node
// that starts fresh (after a restart) can replay what a resuming client missed. One stream per
// app, trimmed to the recovery window, and a marker set by the first event ever written: the
// stream vouches for every event since then (both go when Redis loses its data).
import type { Cluster, Redis } from 'ioredis';
import { BrokerError, type HistoryWrite, type StoredHistory } from '../brokers/broker.js';

const rememberScript = `
redis.call('SET', KEYS[2], ARGV[1], 'NX')
return redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[2], '*', 's', ARGV[1], 'c', ARGV[3], 'm', ARGV[4], 'e', ARGV[5])`;

type Commands = (Redis | Cluster) & {
  pogoRemember(stream: string, since: string, seq: string, minId: string, channel: string, message: string, except: string): Promise<string>;
};

export class RedisHistory {
  private readonly commands: Commands;

  constructor(
    commands: Redis | Cluster,
    private readonly prefix: string,
  ) {
    commands.defineCommand('pogoRemember', { numberOfKeys: 2, lua: rememberScript });
    this.commands = commands as Commands;
  }

  /** The app's stream and its marker share a hash slot (one script on a Redis Cluster). */
  private keys(appId: string): [string, string] {
    const base = `${this.prefix}history{${appId}}`;
    return [base, `${base}:since`];
  }

  remember(write: HistoryWrite): Promise<void> {
    const [stream, since] = this.keys(write.appId);
    const minId = String(Math.max(0, Date.now() - write.windowMs));
    return this.commands.pogoRemember(stream, since, String(write.seq), minId, write.channel, write.message, write.exceptSocketId ?? '').then(
      () => undefined,
      (error: unknown) => {
        throw new BrokerError('history', error);
      },
    );
  }

  /** The newest `maxEntries` events of the window, oldest first, if the stream vouches for them; undefined when it does not. */
  async read(appId: string, windowMs: number, maxEntries: number): Promise<StoredHistory | undefined> {
    const [stream, sinceKey] = this.keys(appId);
    const from = Math.max(0, Date.now() - windowMs);
    // Newest first from Redis, so a cap keeps the latest.
    const [marker, rows] = await Promise.all([this.commands.get(sinceKey), this.commands.xrevrange(stream, '+', String(from), 'COUNT', maxEntries)]);
    if (marker === null) return undefined;
    const entries: StoredHistory['entries'] = [];
    for (const [, fields] of rows.reverse()) {
      const value: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) value[fields[i] as string] = fields[i + 1] as string;
      entries.push({ channel: value.c ?? '', seq: Number(value.s), message: value.m ?? '', exceptSocketId: value.e || undefined });
    }
    // Cut short at the cap: vouch only from the oldest entry read back.
    const capped = rows.length >= maxEntries && entries[0] ? entries[0].seq : 0;
    return { since: Math.max(Number(marker), from * 1000, capped), entries };
  }
}
