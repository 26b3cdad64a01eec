// What the primary and its workers say to each other over the IPC channel (`--workers N`
// without Redis, and the metrics scrape in every mode). The primary holds the cluster store for
// all workers, tells each new worker where the others listen on the mesh, and gathers the
// workers' metrics.
import type { CacheWrite, ReapedChange } from '../brokers/broker.js';
import type { RelayMessage, SessionKey } from '../fallback/relay-messages.js';

export type StoreOperation = 'enter' | 'exit' | 'members' | 'userCount' | 'userCounts' | 'cached' | 'entries' | 'setCount';
/** What a worker may ask the primary: the store, joining the mesh, every worker's metrics, or who holds a fallback session. */
export type PrimaryOperation = StoreOperation | 'join' | 'scrape' | 'sessionOwner';

export type WorkerToPrimary =
  | { pogo: 'cache'; cache: CacheWrite }
  | { pogo: 'call'; id: number; op: PrimaryOperation; args: unknown[] }
  | { pogo: 'listening'; line: string }
  /** An app asked for a restart (POST /apps/{id}/restart): the primary stops every worker, then itself, with 0. */
  | { pogo: 'restart'; appId: string; reason?: string }
  /** This worker forgot an HTTP fallback session it held (fallback/session-registry.ts). */
  | { pogo: 'sessionReleased'; session: SessionKey }
  /** For worker `to`, about a fallback session one of the two holds (fallback/relay-messages.ts). */
  | { pogo: 'relay'; to: number; relay: RelayMessage };

export type PrimaryToWorker =
  | { pogo: 'result'; id: number; result?: unknown; error?: string }
  | { pogo: 'reaped'; changes: ReapedChange[] }
  /** From worker `from`, passed on. */
  | { pogo: 'relay'; from: number; relay: RelayMessage }
  /** Worker `worker` is gone (or a relay could not reach it): what it held or relayed for the others is gone too. */
  | { pogo: 'workerGone'; worker: number };

/** Worker ids become fixed-length node ids, so bus frames stay parseable by position. */
export const workerNodeId = (workerId: number): string => `worker${String(workerId).padStart(10, '0')}`;

export function isPogoMessage(message: unknown): message is { pogo: string } {
  return typeof message === 'object' && message !== null && typeof (message as { pogo?: unknown }).pogo === 'string';
}
