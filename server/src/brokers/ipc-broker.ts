// A worker's broker when `--workers N` runs without Redis: the bus runs straight between the
// workers (see mesh.ts); the store lives in the primary process, reached over the IPC channel
// node:cluster sets up. No extra service.
import cluster from 'node:cluster';
import type { EnterResult, ExitResult, MemberEntry } from '../adapter/adapter.js';
import { BrokerError, type Broker, type BrokerLog, type BrokerEvents, type CacheWrite, type ClusterStore, type NodeEntry } from './broker.js';
import { isPogoMessage, workerNodeId, type PrimaryToWorker, type StoreOperation } from '../workers/ipc-messages.js';
import { checkMeshDirectory, meshAddress, meshDirectoryVariable, WorkerMesh } from '../workers/mesh.js';
import { primaryLink, PrimaryUnreachable } from '../workers/primary-link.js';

/** The primary answers at once unless it is gone; then fail rather than hang. */
const callTimeoutMs = 2_000;

export class IpcBroker implements Broker, ClusterStore {
  readonly nodeId = workerNodeId(cluster.worker?.id ?? 0);
  readonly via = 'workers';
  readonly store: ClusterStore = this;
  private events!: BrokerEvents;
  private mesh: WorkerMesh | undefined;
  private readonly onMessage = (message: unknown) => {
    if (isPogoMessage(message) && message.pogo === 'reaped') this.events.reaped((message as Extract<PrimaryToWorker, { pogo: 'reaped' }>).changes);
  };

  constructor(private readonly log: BrokerLog) {}

  /** Listens on the mesh, then connects to every worker already on it, before this one takes clients. */
  async start(events: BrokerEvents): Promise<void> {
    this.events = events;
    process.on('message', this.onMessage);
    const directory = process.env[meshDirectoryVariable];
    if (!directory) throw new Error(`${meshDirectoryVariable} is not set: workers are started by the primary process`);
    checkMeshDirectory(directory);
    const mesh = new WorkerMesh(this.nodeId, meshAddress(directory, this.nodeId), {
      message: (payload) => events.message(payload),
      dropped: (payloads) => events.undelivered(payloads),
      warn: (message) => this.log.warn(message),
    });
    await mesh.listen();
    this.mesh = mesh;
    const earlier = await this.ask<string[]>('join', mesh.address);
    await Promise.all(earlier.map((address) => mesh.join(address)));
  }

  send(payload: string, _shardKey: string, cache?: CacheWrite): Promise<void> {
    try {
      if (cache) primaryLink.post({ pogo: 'cache', cache });
      if (!this.mesh) throw new Error('the worker mesh is not started');
      this.mesh.send(payload);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(new BrokerError('publish', error));
    }
  }

  /** A primary that is gone or silent is a broker failure (503); an error it answers with is not. */
  private ask<T>(op: StoreOperation | 'join', ...args: unknown[]): Promise<T> {
    return primaryLink.call<T>(op, args, callTimeoutMs).catch((error: Error) => {
      throw error instanceof PrimaryUnreachable ? new BrokerError(op, error) : error;
    });
  }

  ready(): boolean {
    return process.connected;
  }

  peers(): Promise<number> {
    return Promise.resolve(this.mesh?.size ?? 0);
  }

  enter(node: string, appId: string, channel: string, occupied: boolean, member: MemberEntry | undefined, wantMembers: boolean): Promise<EnterResult> {
    return this.ask('enter', node, appId, channel, occupied, member, wantMembers);
  }

  exit(node: string, appId: string, channel: string, vacated: boolean, userId: string | undefined): Promise<ExitResult> {
    return this.ask('exit', node, appId, channel, vacated, userId);
  }

  members(appId: string, channel: string): Promise<Map<string, unknown>> {
    return this.ask('members', appId, channel);
  }

  userCount(appId: string, channel: string): Promise<number> {
    return this.ask('userCount', appId, channel);
  }

  userCounts(appId: string, channels: string[]): Promise<number[]> {
    return this.ask('userCounts', appId, channels);
  }

  cached(appId: string, channel: string): Promise<string | undefined> {
    return this.ask('cached', appId, channel);
  }

  setCount(node: string, appId: string, channel: string, count: number): Promise<number> {
    return this.ask('setCount', node, appId, channel, count);
  }

  entries(node: string): Promise<NodeEntry[]> {
    return this.ask('entries', node);
  }

  async close(): Promise<void> {
    await this.mesh?.close();
    process.off('message', this.onMessage);
    primaryLink.close();
  }
}
