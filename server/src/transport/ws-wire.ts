// The WebSocket wire: one object per connection that owns its TCP socket, reads the client's
// frames (frame-reader.ts) and writes the server's, which are built once per message and shared
// (protocol/frame.ts). No stream objects, timers or closures per connection: an idle connection
// costs its socket and a few fields.
import type { Socket } from 'node:net';
import { CLOSE_NO_STATUS, FrameReader } from './frame-reader.js';
import type { Wire } from './wire.js';

/** What a wire reports to: the WebSocket server, one for every wire (not a closure per socket). */
export interface WireHandler {
  message(wire: WebSocketWire, data: Buffer, binary: boolean): void;
  ping(wire: WebSocketWire, payload: Buffer): void;
  pong(wire: WebSocketWire): void;
  /** The client broke the protocol (`code` 1002, 1007 or 1009); the close frame goes right after. */
  protocolError(wire: WebSocketWire, code: number, reason: string): void;
  closed(wire: WebSocketWire): void;
}

const wireKey = Symbol('wire');
type SocketWithWire = Socket & { [wireKey]: WebSocketWire };
/** Every probe is the same empty ping frame. */
const pingFrame = Buffer.from([0x89, 0x00]);
/** How long a peer has to answer our close frame before the socket is cut (ms). */
const closeTimeoutMs = 2_000;

/** A close frame: the code, then the reason (cut to fit the 125-byte control frame limit). */
function closeFrame(code: number, reason = ''): Buffer {
  let text = Buffer.from(reason, 'utf8');
  if (text.length > 123) text = Buffer.from(reason.slice(0, 40), 'utf8');
  const frame = Buffer.allocUnsafe(4 + text.length);
  frame[0] = 0x88;
  frame[1] = 2 + text.length;
  frame.writeUInt16BE(code, 2);
  text.copy(frame, 4);
  return frame;
}

// Shared socket listeners; `this` is the socket.
function onData(this: Socket, chunk: Buffer): void {
  (this as SocketWithWire)[wireKey].receive(chunk);
}
function onEnd(this: Socket): void {
  // http.Server sockets allow half-open connections: a client's FIN is answered with ours.
  this.end();
}
function onClose(this: Socket): void {
  const wire = (this as SocketWithWire)[wireKey];
  wire.handler.closed(wire);
}
function destroyIfOpen(socket: Socket): void {
  if (!socket.destroyed) socket.destroy();
}

export class WebSocketWire extends FrameReader implements Wire {
  /** Our close frame went out; the peer's came in. */
  private closeSent = false;
  private closeReceived = false;

  constructor(
    readonly socket: Socket,
    readonly handler: WireHandler,
    protected readonly maxPayload: number,
    /** Whatever the server hangs on this wire (its Connection); undefined for a refused one. */
    public owner: unknown = undefined,
  ) {
    super();
    (socket as SocketWithWire)[wireKey] = this;
  }

  /** Starts reading: `head` is what arrived with the upgrade request after its headers. */
  start(head: Buffer): void {
    const { socket } = this;
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.on('close', onClose);
    if (head.length > 0) this.receive(head);
  }

  write(frames: Buffer): void {
    this.socket.write(frames);
  }

  /** Sends our close frame; the socket ends once the peer answers with its own (or at once if it already did). */
  close(code: number, reason: string): void {
    if (this.closeSent || this.socket.destroyed) return;
    this.closeSent = true;
    this.socket.write(closeFrame(code, reason));
    if (this.closeReceived) this.socket.end();
  }

  terminate(): void {
    this.socket.destroy();
  }

  pause(): void {
    this.socket.pause();
  }

  probe(): void {
    if (!this.socket.destroyed) this.socket.write(pingFrame);
  }

  get destroyed(): boolean {
    return this.socket.destroyed;
  }

  get bufferedBytes(): number {
    return this.socket.writableLength;
  }

  protected onMessage(data: Buffer, binary: boolean): void {
    this.handler.message(this, data, binary);
  }

  protected onPing(payload: Buffer): void {
    this.handler.ping(this, payload);
  }

  protected onPong(): void {
    this.handler.pong(this);
  }

  /** The peer closes: answer with the same code (none for none), then end the socket. */
  protected onCloseFrame(code: number): void {
    this.closeReceived = true;
    if (!this.closeSent) {
      this.closeSent = true;
      this.socket.write(code === CLOSE_NO_STATUS ? Buffer.from([0x88, 0x00]) : closeFrame(code));
    }
    this.socket.end();
  }

  /** A protocol error fails the connection: the handler may write why, then the close frame and our FIN. */
  protected onProtocolError(code: number, reason: string): void {
    this.handler.protocolError(this, code, reason);
    this.fail(code, reason);
  }

  /** Closes with `code` and ends the socket without waiting for the peer; cut if it lingers. */
  fail(code: number, reason: string): void {
    this.close(code, reason);
    this.socket.end();
    setTimeout(destroyIfOpen, closeTimeoutMs, this.socket).unref();
  }
}
