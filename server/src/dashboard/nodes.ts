// The node list, and the console across nodes. Every node sends its newest sample once a
// second to the others — through Redis pub/sub when several servers share Redis, through
// the primary process's relay with `--workers N` without Redis — so any node's dashboard
// shows every node and their sum. While some node's console is watched, every node also
// forwards its console batches to the others. Alone, the list is this node.
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { RedisConfig } from '../config/server-config.js';
import { isPogoMessage, workerNodeId, type PrimaryToWorker, type WorkerToPrimary } from '../workers/ipc-messages.js';
import { addSamples, emptySample, type Sample } from './samples.js';
import type { NodeSnapshot } from './wire.js';

export type { NodeSnapshot };

type Note = { t: 'dashboard'; snapshot: NodeSnapshot } | { t: 'dashboard'; from: string; console: string };

/** Carries notes to every other node (never back to the sender). */
interface NoteTransport {
  readonly kind: 'redis' | 'workers';
  send(note: string): void;
  close(): Promise<void>;
}

/** A node that has not reported for this long is gone from the list. */
const staleAfterMs = 5_000;

export interface NodeLog {
  warn(message: string): void;
}

function redisTransport(config: RedisConfig, id: string, receive: (note: string) => void, warn: (message: string) => void): NoteTransport {
  const channel = `${config.prefix}dashboard`;
  const options: RedisOptions = {
    connectionName: `pogo-ws-dashboard:${id}`,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 3_000),
    ...(config.username !== undefined ? { username: config.username } : {}),
    ...(config.password !== undefined ? { password: config.password } : {}),
    ...(config.tls
      ? {
          tls:
            config.tls === true
              ? {}
              : { rejectUnauthorized: config.tls.rejectUnauthorized ?? true, ...(config.tls.ca ? { ca: readFileSync(config.tls.ca) } : {}), ...(config.tls.servername ? { servername: config.tls.servername } : {}) },
        }
      : {}),
  };
  const connect = (extra: RedisOptions): Redis | Cluster => {
    if (config.cluster?.length) {
      const seeds = config.cluster.map((node) => ({ host: node.split(':')[0] ?? '', port: Number(node.split(':')[1]) }));
      return new Cluster(seeds, { enableOfflineQueue: extra.enableOfflineQueue ?? true, redisOptions: { ...options, ...extra } });
    }
    return new Redis(config.url ?? '', { ...options, ...extra });
  };
  // Notes are best effort: never queued while Redis is away.
  const publisher = connect({ enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: config.commandTimeoutMs });
  const subscriber = connect({ enableOfflineQueue: true, maxRetriesPerRequest: null });
  for (const client of [publisher, subscriber]) client.on('error', (error: Error) => warn(`dashboard: redis: ${error.message}`));
  subscriber.on('message', (_channel: string, message: string) => receive(message));
  subscriber.subscribe(channel).catch((error: Error) => warn(`dashboard: cannot subscribe to ${channel}: ${error.message}`));
  return {
    kind: 'redis',
    send(note) {
      if (publisher.status === 'ready') publisher.publish(channel, note).catch(() => undefined);
    },
    async close() {
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}

/** Through the primary's bus relay, framed like a bus control message (the cluster adapter ignores it). */
function workerTransport(id: string, receive: (note: string) => void): NoteTransport {
  const header = `c${id}\n`;
  const onMessage = (message: unknown) => {
    if (!isPogoMessage(message)) return;
    const m = message as PrimaryToWorker;
    if (m.pogo === 'bus' && m.payload.startsWith('{"t":"dashboard"', header.length)) receive(m.payload.slice(header.length));
  };
  process.on('message', onMessage);
  return {
    kind: 'workers',
    send(note) {
      const message: WorkerToPrimary = { pogo: 'bus', payload: header + note };
      if (process.connected && process.send) process.send(message);
    },
    async close() {
      process.off('message', onMessage);
    },
  };
}

export class NodeDirectory {
  readonly id: string;
  private readonly startedAt = Date.now();
  private latest: NodeSnapshot | undefined;
  private readonly others = new Map<string, NodeSnapshot>();
  private readonly transport: NoteTransport | undefined;
  private lastWarning = 0;
  /** Console batches from other nodes, for this node's streams. */
  onConsole: (payload: string) => void = () => undefined;

  constructor(redis: RedisConfig | undefined, private readonly log: NodeLog) {
    const worker = cluster.isWorker && process.env.POGO_WORKER_IPC === '1';
    this.id = worker && !redis ? workerNodeId(cluster.worker?.id ?? 0) : randomBytes(8).toString('hex');
    const receive = (note: string) => this.receive(note);
    if (redis) this.transport = redisTransport(redis, this.id, receive, (message) => this.warn(message));
    else if (worker) this.transport = workerTransport(this.id, receive);
  }

  private warn(message: string): void {
    if (Date.now() - this.lastWarning < 30_000) return;
    this.lastWarning = Date.now();
    this.log.warn(message);
  }

  /** How nodes share: through Redis, between `--workers`, or not at all. */
  get sharing(): 'redis' | 'workers' | undefined {
    return this.transport?.kind;
  }

  private receive(note: string): void {
    let parsed: Note;
    try {
      parsed = JSON.parse(note) as Note;
    } catch {
      return;
    }
    if ('snapshot' in parsed) {
      if (parsed.snapshot.id !== this.id) this.others.set(parsed.snapshot.id, parsed.snapshot);
    } else if (parsed.from !== this.id) this.onConsole(parsed.console);
  }

  /** This node's newest sample, sent to the others. */
  update(total: Sample, apps: Record<string, Sample>, at: number, watching: boolean): void {
    this.latest = { id: this.id, host: hostname(), pid: process.pid, startedAt: this.startedAt, at, watching, total, apps };
    this.transport?.send(JSON.stringify({ t: 'dashboard', snapshot: this.latest }));
    for (const [id, node] of this.others) if (at - node.at > staleAfterMs) this.others.delete(id);
  }

  /** Is a console watched on another node (so this node's console events should go there)? */
  remoteWatching(): boolean {
    const now = Date.now();
    for (const node of this.others.values()) if (node.watching && now - node.at <= staleAfterMs) return true;
    return false;
  }

  /** This node's console batch, for the consoles on other nodes. */
  forwardConsole(payload: string): void {
    this.transport?.send(JSON.stringify({ t: 'dashboard', from: this.id, console: payload }));
  }

  /** This node first, then the others that reported within the last 5 s. */
  list(): NodeSnapshot[] {
    const now = Date.now();
    const others = [...this.others.values()].filter((n) => now - n.at <= staleAfterMs).sort((a, b) => a.startedAt - b.startedAt);
    return [...(this.latest ? [this.latest] : []), ...others];
  }

  /** The sum over `list()`, per app and in total. */
  sum(): { total: Sample; apps: Record<string, Sample> } {
    const total = emptySample();
    const apps: Record<string, Sample> = {};
    for (const node of this.list()) {
      addSamples(total, node.total);
      for (const [id, sample] of Object.entries(node.apps)) {
        apps[id] ??= emptySample();
        addSamples(apps[id], sample);
      }
    }
    return { total, apps };
  }

  async close(): Promise<void> {
    await this.transport?.close();
  }
}
