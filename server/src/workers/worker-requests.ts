// What the primary answers its workers over IPC: the cluster store's operations (`--workers`
// without Redis: the store lives here), the mesh's introductions (who joined before), and the
// metrics scrape, which worker holds an HTTP fallback session (and passing the workers' relays about
// one on); and, when a worker is gone, removing what it held from the store and the session registry.
import cluster, { type Worker } from 'node:cluster';
import { SessionRegistry } from '../fallback/session-registry.js';
import type { MemoryStore } from '../stores/memory-store.js';
import { workerNodeId, type PrimaryToWorker, type WorkerToPrimary } from './ipc-messages.js';

/** A worker exiting while a message to it is on its way: the message is moot, and its error must not take the primary down. */
const ignoreSendError = (): void => undefined;

function sendTo(worker: Worker, message: PrimaryToWorker): void {
  if (worker.isConnected()) worker.send(message, undefined, undefined, ignoreSendError);
}

export class WorkerRequests {
  /** Workers on the mesh, in the order they joined: each new one connects to those before it. */
  private readonly meshAddresses = new Map<Worker, string>();
  /** Which worker holds each HTTP fallback session (a request for it may reach any worker). */
  readonly sessions = new SessionRegistry();

  constructor(
    private readonly store: MemoryStore,
    /** Every worker's metrics, summed (the answer to a 'scrape'). */
    private readonly gatherMetrics: () => Promise<string>,
  ) {}

  /** Answers a worker's request (store write, call, join, scrape); other messages are not its business. */
  handle(worker: Worker, message: WorkerToPrimary): void {
    const { store } = this;
    if (message.pogo === 'cache') {
      store.setCached(message.cache.appId, message.cache.channel, message.cache.message, message.cache.ttlMs);
    } else if (message.pogo === 'call' && message.op === 'scrape') {
      this.gatherMetrics().then(
        (result) => sendTo(worker, { pogo: 'result', id: message.id, result }),
        (error: Error) => sendTo(worker, { pogo: 'result', id: message.id, error: error.message }),
      );
    } else if (message.pogo === 'call' && message.op === 'sessionOwner') {
      const [session, claim] = message.args as [string, boolean];
      sendTo(worker, { pogo: 'result', id: message.id, result: this.sessions.owner(String(session), worker.id, claim === true) ?? null });
    } else if (message.pogo === 'sessionReleased') {
      this.sessions.release(message.session, worker.id);
    } else if (message.pogo === 'relay') {
      // Passed on in order; a worker that is not there is announced back, so the sender stops waiting.
      const target = cluster.workers?.[message.to];
      if (target?.isConnected()) sendTo(target, { pogo: 'relay', from: worker.id, relay: message.relay });
      else sendTo(worker, { pogo: 'workerGone', worker: message.to });
    } else if (message.pogo === 'call' && message.op === 'join') {
      // Answered from here, in arrival order: of two workers joining at once, exactly one connects to the other.
      const earlier = [...this.meshAddresses.values()];
      this.meshAddresses.set(worker, message.args[0] as string);
      sendTo(worker, { pogo: 'result', id: message.id, result: earlier });
    } else if (message.pogo === 'call') {
      let reply: PrimaryToWorker;
      try {
        const [a, b, c, d, e, f] = message.args as [never, never, never, never, never, never];
        const result =
          message.op === 'enter' ? store.enter(a, b, c, d, e, f)
          : message.op === 'exit' ? store.exit(a, b, c, d, e)
          : message.op === 'members' ? store.members(a, b)
          : message.op === 'userCount' ? store.userCount(a, b)
          : message.op === 'userCounts' ? store.userCounts(a, b)
          : message.op === 'cached' ? store.cached(a, b)
          : message.op === 'entries' ? store.entries(a)
          : store.setCount(a, b, c, d);
        reply = { pogo: 'result', id: message.id, result };
      } catch (error) {
        reply = { pogo: 'result', id: message.id, error: (error as Error).message };
      }
      sendTo(worker, reply);
    }
  }

  /** `worker` is gone: off the mesh; with `reap`, its members leave the cluster and `announcer` tells (and fires webhooks). */
  left(worker: Worker, announcer: Worker | undefined, reap: boolean): void {
    this.meshAddresses.delete(worker);
    // Its fallback sessions are gone; the others drop what they relayed for them (their clients reconnect).
    this.sessions.dropWorker(worker.id);
    for (const other of Object.values(cluster.workers ?? {})) if (other && other !== worker) sendTo(other, { pogo: 'workerGone', worker: worker.id });
    if (!reap) return;
    const changes = this.store.reap(workerNodeId(worker.id));
    if (changes.length > 0 && announcer) sendTo(announcer, { pogo: 'reaped', changes });
  }
}
