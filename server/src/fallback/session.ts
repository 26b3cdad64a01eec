// One HTTP fallback session: the Wire a Connection writes to when pusher-js could not open a
// WebSocket. The client holds one receive request at a time: a long-lived chunked response
// (xhr_streaming) or a long poll answered once (xhr, polling). Lines owed while no receive request
// is open wait here and count against the connection's outbound budget like a socket's buffer.
import type { Wire } from '../transport/wire.js';
import { closeFrame, heartbeatFrame, messagesLine } from './frames.js';

export type SessionTransport = 'xhr_streaming' | 'xhr_polling';

/** What a receive request's answer is to the session: an HTTP response, or one another worker writes for it (relay-response.ts). */
export interface ReceiveResponse {
  write(chunk: Buffer): unknown;
  end(chunk?: Buffer): unknown;
  destroy(): unknown;
  on(event: 'close', listener: () => void): unknown;
  once(event: 'finish', listener: () => void): unknown;
  readonly writableEnded: boolean;
  /** Bytes written and not yet taken by the client. */
  readonly writableLength: number;
  readonly socket?: { end(): unknown } | null;
}

/** A streaming response or a long poll quiet this long gets a heartbeat (proxies cut idle responses). */
const heartbeatAfterMs = 25_000;

export class HttpSession implements Wire {
  /** The open receive request's response, if any. */
  private response: ReceiveResponse | undefined;
  private attachedAt = 0;
  private lastWriteAt = 0;
  /** Lines owed while no receive request is open, and their bytes. */
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** Set by close(): the goodbye still to deliver, if the client has not read it yet. */
  private goodbye: Buffer | undefined;
  private closedOrGone = false;
  /** When the last receive request ended (ms); 0 while one is open. */
  detachedAt: number;
  /** Stop taking the client's messages (a client over its budget). */
  paused = false;
  /** The server is stopping: the TCP connection that carries the goodbye ends with it, so the client's next request reaches a server that takes it. */
  hangUpAfterGoodbye = false;

  constructor(
    readonly transport: SessionTransport,
    /** The address that opened the session: every later request must come from it. */
    readonly ip: string,
    /** Called once when the session ends for the hub (closed or gone): the connection leaves it. */
    private readonly onEnd: () => void,
  ) {
    this.detachedAt = Date.now();
  }

  /** The session no longer carries a connection (it may still owe the client its goodbye). */
  get ended(): boolean {
    return this.closedOrGone;
  }

  /** Nothing left to deliver: the session can be forgotten. */
  get finished(): boolean {
    return this.closedOrGone && this.goodbye === undefined;
  }

  get destroyed(): boolean {
    return this.closedOrGone;
  }

  get bufferedBytes(): number {
    return this.heldBytes + (this.response?.writableLength ?? 0);
  }

  /**
   * A receive request arrived: it takes over from any earlier one and gets what is owed, `first`
   * ahead (the prelude, the open frame). A poll is answered at once when something is owed; a
   * goodbye ends any request.
   */
  attach(response: ReceiveResponse, first?: Buffer): void {
    this.detach(true);
    const owedMessages = this.held.length > 0;
    const lines = first ? [first, ...this.held] : this.held;
    this.held = [];
    this.heldBytes = 0;
    const goodbye = this.goodbye;
    this.goodbye = undefined;
    if (goodbye) lines.push(goodbye);
    const payload = lines.length === 1 ? (lines[0] as Buffer) : Buffer.concat(lines);
    if (goodbye || (this.transport === 'xhr_polling' && owedMessages)) {
      if (goodbye) this.hangUp(response);
      response.end(payload);
      this.detachedAt = Date.now();
      return;
    }
    this.response = response;
    this.attachedAt = this.lastWriteAt = Date.now();
    this.detachedAt = 0;
    response.on('close', () => {
      if (this.response === response) this.detach(false);
    });
    if (lines.length > 0) response.write(payload);
  }

  write(frames: Buffer): void {
    if (this.closedOrGone) return;
    const line = messagesLine(frames);
    if (line) this.deliver(line);
  }

  close(code: number, reason: string): void {
    if (this.closedOrGone) return;
    this.goodbye = closeFrame(code, reason);
    this.end();
    if (this.response) this.deliverGoodbye();
  }

  /** Ends the session now; a goodbye not yet read is dropped unless close() already queued it (it waits for one more request, bounded by the sweep). */
  terminate(): void {
    if (!this.goodbye) this.response?.destroy();
    this.end();
  }

  pause(): void {
    this.paused = true;
  }

  /** Beside the hub's pusher:ping: a heartbeat line, which a streaming pusher-js counts as activity. */
  probe(): void {
    if (this.transport === 'xhr_streaming' && this.response) this.deliver(heartbeatFrame);
  }

  /** Once a second: heartbeats on quiet receive requests. Returns how long the session has had none open (ms; 0 while one is). */
  tick(now: number): number {
    if (this.response) {
      if (this.transport === 'xhr_streaming' && now - this.lastWriteAt > heartbeatAfterMs) this.deliver(heartbeatFrame);
      else if (this.transport === 'xhr_polling' && now - this.attachedAt > heartbeatAfterMs) this.deliver(heartbeatFrame);
      return 0;
    }
    return now - this.detachedAt;
  }

  /** Drops whatever is still owed (the session is forgotten). */
  discard(): void {
    this.goodbye = undefined;
    this.held = [];
    this.heldBytes = 0;
    this.response?.destroy();
    this.end();
  }

  /** To the open receive request (a poll is answered and ends), or held for the next one. */
  private deliver(line: Buffer): void {
    const response = this.response;
    if (!response) {
      this.held.push(line);
      this.heldBytes += line.length;
      return;
    }
    this.lastWriteAt = Date.now();
    if (this.transport === 'xhr_polling') {
      this.detach(false);
      response.end(line);
    } else {
      response.write(line);
    }
  }

  private deliverGoodbye(): void {
    const response = this.response;
    const goodbye = this.goodbye;
    if (!response || !goodbye) return;
    this.goodbye = undefined;
    this.detach(false);
    this.hangUp(response);
    response.end(goodbye);
  }

  private hangUp(response: ReceiveResponse): void {
    if (this.hangUpAfterGoodbye) response.once('finish', () => response.socket?.end());
  }

  /** The receive request is no longer ours; `end`: finish it politely (a newer one took over). */
  private detach(end: boolean): void {
    const response = this.response;
    if (!response) return;
    this.response = undefined;
    this.detachedAt = Date.now();
    if (end && !response.writableEnded) response.end();
  }

  private end(): void {
    if (this.closedOrGone) return;
    this.closedOrGone = true;
    this.onEnd();
  }
}
