// Request and answer between a worker and its primary over the IPC channel node:cluster sets
// up: the store operations of the IPC broker and the metrics scrape both ask through it.
import { isPogoMessage, type PrimaryOperation, type PrimaryToWorker, type WorkerToPrimary } from './ipc-messages.js';

/** The primary could not be asked, or did not answer in time (as opposed to answering with an error). */
export class PrimaryUnreachable extends Error {}

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

class PrimaryLink {
  private readonly calls = new Map<number, PendingCall>();
  private nextCall = 1;
  private listening = false;
  private readonly onMessage = (message: unknown) => {
    if (!isPogoMessage(message) || message.pogo !== 'result') return;
    const answer = message as Extract<PrimaryToWorker, { pogo: 'result' }>;
    const call = this.calls.get(answer.id);
    if (!call) return;
    this.calls.delete(answer.id);
    clearTimeout(call.timer);
    if (answer.error !== undefined) call.reject(new Error(answer.error));
    else call.resolve(answer.result);
  };

  /** Sends without waiting for an answer; throws PrimaryUnreachable when the primary is gone. */
  post(message: WorkerToPrimary): void {
    if (process.connected && process.send) process.send(message);
    else throw new PrimaryUnreachable('the primary process is gone');
  }

  call<T>(op: PrimaryOperation, args: unknown[], timeoutMs: number): Promise<T> {
    if (!this.listening) {
      this.listening = true;
      process.on('message', this.onMessage);
    }
    return new Promise<T>((resolve, reject) => {
      const id = this.nextCall++;
      const timer = setTimeout(() => {
        this.calls.delete(id);
        reject(new PrimaryUnreachable(`the primary did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.calls.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      try {
        this.post({ pogo: 'call', id, op, args });
      } catch (error) {
        clearTimeout(timer);
        this.calls.delete(id);
        reject(error as Error);
      }
    });
  }

  /** Stops waiting: pending calls never settle and hold no timer (shutdown). */
  close(): void {
    for (const call of this.calls.values()) clearTimeout(call.timer);
    this.calls.clear();
    if (this.listening) process.off('message', this.onMessage);
    this.listening = false;
  }
}

/** One per worker process. */
export const primaryLink = new PrimaryLink();
