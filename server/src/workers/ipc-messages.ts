// What the primary and its workers say to each other over the IPC channel (`--workers N`
// without Redis, and the metrics scrape in every mode). The primary holds the cluster store for
// all workers, tells each new worker where the others listen on the mesh, and gathers the
// workers' metrics.
import type { CacheWrite, ReapedChange } from '../brokers/broker.js';

export type StoreOperation = 'enter' | 'exit' | 'members' | 'userCount' | 'userCounts' | 'cached' | 'entries' | 'setCount';
/** What a worker may ask the primary: the store, joining the mesh, or every worker's metrics. */
export type PrimaryOperation = StoreOperation | 'join' | 'scrape';

export type WorkerToPrimary =
  | { pogo: 'cache'; cache: CacheWrite }
  | { pogo: 'call'; id: number; op: PrimaryOperation; args: unknown[] }
  | { pogo: 'listening'; line: string }
  /** An app asked for a restart (POST /apps/{id}/restart): the primary stops every worker, then itself, with 0. */
  | { pogo: 'restart'; appId: string; reason?: string };

export type PrimaryToWorker =
  | { pogo: 'result'; id: number; result?: unknown; error?: string }
  | { pogo: 'reaped'; changes: ReapedChange[] };

/** Worker ids become fixed-length node ids, so bus frames stay parseable by position. */
export const workerNodeId = (workerId: number): string => `worker${String(workerId).padStart(10, '0')}`;

export function isPogoMessage(message: unknown): message is { pogo: string } {
  return typeof message === 'object' && message !== null && typeof (message as { pogo?: unknown }).pogo === 'string';
}
