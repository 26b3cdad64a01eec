// A worker's broker when `--workers N` runs without Redis: the bus runs straight between the
// workers (see mesh.ts); the store lives in the primary process, reached over the IPC channel
// node:cluster sets up. No extra service.
import cluster from 'node:cluster';
import type { EnterResult, ExitResult, MemberEntry } from '../adapter/adapter.js';
import { BrokerError, type Broker, type BrokerLog, type BrokerEvents, type CacheWrite, type ClusterStore, type NodeEntry } from '../adapter/broker.js';
import { isPogoMessage, workerNodeId, type PrimaryToWorker, type StoreOperation, type WorkerToPrimary } from './ipc-messages.js';
import { meshAddress, WorkerMesh } from './mesh.js';

/** The primary answers at once unless it is gone; then fail rather than hang. */
const callTimeoutMs = 2_000;

export class IpcBroker implements Broker, ClusterStore {
  readonly nodeId = workerNodeId(cluster.worker!.id);
  readonly store: ClusterStore = this;
  private readonly calls = new Map<number, { resolve(value: unknown): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
  private nextCall = 1;
  private events!: BrokerEvents;
  private mesh: WorkerMesh | undefined;
  private readonly onMessage = (message: unknown) => {
    if (!isPogoMessage(message)) return;
    const m = message as PrimaryToWorker;
    if (m.pogo === 'result') {
      const call = this.calls.get(m.id);
      if (!call) return;
      this.calls.delete(m.id);
      clearTimeout(call.timer);
      if (m.error !== undefined) call.reject(new Error(m.error));
      else call.resolve(m.result);
    } else if (m.pogo === 'reaped') this.events.reaped(m.changes);
  };

  constructor(private readonly log: BrokerLog) {}

  /** Listens on the mesh, then connects to every worker already on it, before this one takes clients. */
  async start(events: BrokerEvents): Promise<void> {
    this.events = events;
    process.on('message', this.onMessage);
    const mesh = new WorkerMesh(this.nodeId, meshAddress(process.ppid, this.nodeId), {
      message: (payload) => events.message(payload),
      dropped: (payloads) => events.undelivered(payloads),
      warn: (message) => this.log.warn(message),
    });
    await mesh.listen();
    this.mesh = mesh;
    const earlier = await this.call<string[]>('join', mesh.address);
    await Promise.all(earlier.map((address) => mesh.join(address)));
  }

  private post(message: WorkerToPrimary): void {
    if (process.connected) process.send!(message);
    else throw new Error('the primary process is gone');
  }

  send(payload: string, _shardKey: string, cache?: CacheWrite): Promise<void> {
    try {
      if (cache) this.post({ pogo: 'cache', cache });
      this.mesh!.send(payload);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(new BrokerError('publish', error));
    }
  }

  private call<T>(op: StoreOperation, ...args: unknown[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const id = this.nextCall++;
      const timer = setTimeout(() => {
        this.calls.delete(id);
        reject(new BrokerError(op, new Error(`the primary did not answer within ${callTimeoutMs} ms`)));
      }, callTimeoutMs);
      this.calls.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      try {
        this.post({ pogo: 'call', id, op, args });
      } catch (error) {
        clearTimeout(timer);
        this.calls.delete(id);
        reject(new BrokerError(op, error));
      }
    });
  }

  ready(): boolean {
    return process.connected;
  }

  peers(): Promise<number> {
    return Promise.resolve(this.mesh?.size ?? 0);
  }

  enter(node: string, appId: string, channel: string, occupied: boolean, member: MemberEntry | undefined, wantMembers: boolean): Promise<EnterResult> {
    return this.call('enter', node, appId, channel, occupied, member, wantMembers);
  }

  exit(node: string, appId: string, channel: string, vacated: boolean, userId: string | undefined): Promise<ExitResult> {
    return this.call('exit', node, appId, channel, vacated, userId);
  }

  members(appId: string, channel: string): Promise<Map<string, unknown>> {
    return this.call('members', appId, channel);
  }

  userCount(appId: string, channel: string): Promise<number> {
    return this.call('userCount', appId, channel);
  }

  cached(appId: string, channel: string): Promise<string | undefined> {
    return this.call('cached', appId, channel);
  }

  setCount(node: string, appId: string, channel: string, count: number): Promise<number> {
    return this.call('setCount', node, appId, channel, count);
  }

  entries(node: string): Promise<NodeEntry[]> {
    return this.call('entries', node);
  }

  async close(): Promise<void> {
    await this.mesh?.close();
    process.off('message', this.onMessage);
    for (const call of this.calls.values()) clearTimeout(call.timer);
  }
}
