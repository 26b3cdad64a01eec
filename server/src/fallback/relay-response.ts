// In the worker that holds a fallback session: a receive request that reached another worker,
// as the session sees it. Lines written here go to that worker (which writes them to its HTTP
// response); the bytes it has not yet handed to the client's socket stay counted (writableLength),
// so the session's outbound budget and 4101 hold as for a response of its own.
import { EventEmitter } from 'node:events';
import type { RelayMessage } from './relay-messages.js';
import type { ReceiveResponse } from './session.js';

export class RelayResponse extends EventEmitter implements ReceiveResponse {
  private sent = 0;
  private acked = 0;
  private closed = false;
  writableEnded = false;
  readonly socket = undefined;

  constructor(
    private readonly id: number,
    /** To the relaying worker. */
    private readonly post: (relay: RelayMessage) => void,
    /** Called once when the response is closed, whichever side closed it. */
    private readonly onClose: () => void,
  ) {
    super();
  }

  get writableLength(): number {
    return this.closed ? 0 : this.sent - this.acked;
  }

  write(chunk: Buffer): boolean {
    if (this.writableEnded) return false;
    this.sent += chunk.length;
    this.post({ kind: 'lines', id: this.id, data: chunk.toString('utf8'), end: false });
    return true;
  }

  end(chunk?: Buffer): this {
    if (this.writableEnded) return this;
    this.writableEnded = true;
    this.post({ kind: 'lines', id: this.id, data: chunk ? chunk.toString('utf8') : '', end: true });
    this.closeNow();
    return this;
  }

  destroy(): this {
    if (!this.writableEnded) this.post({ kind: 'abort', id: this.id });
    this.writableEnded = true;
    this.closeNow();
    return this;
  }

  /** The relaying worker handed `bytes` more to the client's socket. */
  acknowledged(bytes: number): void {
    this.acked = Math.min(this.sent, this.acked + bytes);
  }

  /** The relaying worker's response closed (the client left), or that worker is gone. */
  closedByRelayer(): void {
    this.writableEnded = true;
    this.closeNow();
  }

  private closeNow(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    // After the current turn, as an HTTP response's 'close' comes: never inside the session's own write.
    setImmediate(() => this.emit('close'));
  }
}
