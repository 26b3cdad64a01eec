// Upgrades, connection lifecycle and liveness. Frames out go through the outbound queue;
// frames in are handed to the client-message dispatcher.
//
// The rule of this layer: no exception caused by client input escapes a listener. Every listener
// on a client's bytes runs inside guard() (listener-guard.ts), or the same try/catch inline on the
// per-frame paths: an unexpected error closes that one connection (1011) or request and is counted
// in pogo_websocket_listener_errors_total. Every byte queued for a socket, pongs included, counts
// against its outbound budget (outbound.ts).
// Who is admitted is decided in admission.ts (shared with the HTTP fallback); frames are read in
// frame-reader.ts and written in ws-wire.ts.
import { createHash } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { dispatch } from '../client/dispatch.js';
import type { Hub } from '../hub.js';
import { codedError, ping } from '../protocol/messages.js';
import { pongFrame, textFrame } from '../protocol/frame.js';
import { clientIp } from '../http/client-ip.js';
import { closeCode, errorCode } from '../schema.js';
import { Admission, type Applicant } from './admission.js';
import type { Connection } from './connection.js';
import { CLOSE_TOO_BIG } from './frame-reader.js';
import { checkHandshake, type HandshakeResult } from './handshake.js';
import { guard, listenerFailed } from './listener-guard.js';
import { OutboundQueue } from './outbound.js';
import { WebSocketWire, type WireHandler } from './ws-wire.js';
import { boundYoungGeneration } from './young-generation.js';

export interface WebSocketServerOptions {
  /** Proxies whose X-Forwarded-For names the client. */
  trustedProxies: string[];
}

/** Every connection's pusher:ping is the same frame. */
const pingFrame = textFrame(ping);
/** RFC 6455 §4.2.2: the accept key is sha1(key + this GUID), base64. */
const acceptGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const keyPattern = /^[+/0-9A-Za-z]{22}==$/;
const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

// A named function, not a closure: a closure here would keep the upgrade request alive.
function destroySocket(this: Socket): void {
  this.destroy();
}

const connectionOf = (wire: WebSocketWire): Connection | undefined => wire.owner as Connection | undefined;

/** Refuses an upgrade over HTTP, as `ws` does: the status, a one-line reason, then the socket closes. */
function refuseUpgrade(socket: Socket, status: number, message: string, extra = ''): void {
  socket.once('finish', destroySocket);
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: text/plain\r\n${extra}Content-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
}

/** What `ws` checks of an upgrade request before it answers 101; the refusal, or undefined. */
function upgradeRefusal(request: IncomingMessage): { status: number; message: string; extra?: string } | undefined {
  if (request.method !== 'GET') return { status: 405, message: 'Invalid HTTP method' };
  if (request.headers.upgrade?.toLowerCase() !== 'websocket') return { status: 400, message: 'Invalid Upgrade header' };
  const key = request.headers['sec-websocket-key'];
  if (key === undefined || !keyPattern.test(key)) return { status: 400, message: 'Missing or invalid Sec-WebSocket-Key header' };
  const version = Number(request.headers['sec-websocket-version']);
  if (version !== 13 && version !== 8) return { status: 400, message: 'Missing or invalid Sec-WebSocket-Version header', extra: 'Sec-WebSocket-Version: 13, 8\r\n' };
  return undefined;
}

/** The 101 answer: the accept key, and the client's first subprotocol echoed when it offered any. */
function switchingProtocols(request: IncomingMessage): string | undefined {
  const accept = createHash('sha1').update(`${request.headers['sec-websocket-key']}${acceptGuid}`).digest('base64');
  let protocolLine = '';
  const offered = request.headers['sec-websocket-protocol'];
  if (offered !== undefined) {
    const first = offered.split(',')[0]?.trim() ?? '';
    if (!tokenPattern.test(first)) return undefined;
    protocolLine = `Sec-WebSocket-Protocol: ${first}\r\n`;
  }
  return `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n${protocolLine}\r\n`;
}

/** Counts an error a frame listener caught and closes that connection: 1011, an unexpected server condition. */
function frameListenerFailed(wire: WebSocketWire, place: 'message' | 'ping', error: unknown): void {
  listenerFailed(place, error);
  try {
    wire.fail(1011, 'unexpected server error');
  } catch {
    wire.terminate();
  }
}

/** One handler for every wire of a server (shared, not closures per socket). */
function createHandler(server: PusherWebSocketServer): WireHandler {
  return {
    // The hot paths guard inline (guard()'s closures would cost an allocation a frame).
    message(wire, data, binary) {
      const connection = connectionOf(wire);
      // Refused, or closing: the close is on the way, and what arrives meanwhile costs nothing.
      if (!connection || connection.closing) return;
      try {
        const handled = server.onMessage(connection, data, binary);
        if (handled) handled.catch((error: unknown) => frameListenerFailed(wire, 'message', error));
      } catch (error) {
        frameListenerFailed(wire, 'message', error);
      }
    },
    /** The pong goes through the outbound queue and its budget, so a ping flood closes with 4101. */
    ping(wire, payload) {
      const connection = connectionOf(wire);
      if (!connection) return;
      try {
        connection.send(pongFrame(payload));
      } catch (error) {
        frameListenerFailed(wire, 'ping', error);
      }
    },
    pong(wire) {
      const connection = connectionOf(wire);
      if (!connection) return;
      connection.lastSeen = Date.now();
      connection.pingSentAt = 0;
    },
    /** A frame over the payload limit: the 4303 pusher:error goes ahead of the 1009 close, so the client can read why. */
    protocolError(wire, code) {
      const connection = connectionOf(wire);
      if (code !== CLOSE_TOO_BIG || !connection || connection.closing || wire.destroyed) return;
      connection.writeQueued();
      const limit = connection.app.limits.maxFrameBytes;
      wire.write(textFrame(codedError(errorCode('MESSAGE_TOO_LARGE'), `frames are limited to ${limit} bytes`)));
    },
    closed(wire) {
      const connection = connectionOf(wire);
      if (connection) guard('close', () => server.onClose(connection), () => undefined);
    },
  };
}

export class PusherWebSocketServer {
  readonly outbound = new OutboundQueue((target) => (target as Connection).app.limits.maxOutboundBufferBytes);
  /** Who may join, for this server and the HTTP fallback alike (one handshake budget per app and address). */
  readonly admission: Admission;
  /** The largest frame any app allows; each app's own limit is checked per message. */
  private readonly maxPayload: number;
  private readonly handler = createHandler(this);
  private sweepTimer: NodeJS.Timeout | undefined;
  private accepting = true;
  private readonly trustedProxies: ReadonlySet<string>;

  constructor(
    private readonly hub: Hub<Connection>,
    options: WebSocketServerOptions = { trustedProxies: [] },
  ) {
    this.trustedProxies = new Set(options.trustedProxies);
    this.admission = new Admission(hub, this.outbound);
    this.maxPayload = Math.max(...hub.apps.map((a) => a.limits.maxFrameBytes));
    // A server holding many idle connections should not keep V8's grown young generation too.
    boundYoungGeneration();
  }

  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) =>
      guard('upgrade', () => this.upgrade(request, socket, head), () => socket.destroy()),
    );
    this.sweepTimer = setInterval(() => this.sweep(), 1_000);
    this.sweepTimer.unref();
  }

  private upgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
    socket.on('error', destroySocket);
    if (!this.accepting) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const refusal = upgradeRefusal(request);
    if (refusal) {
      refuseUpgrade(socket, refusal.status, refusal.message, refusal.extra);
      return;
    }
    const handshake = checkHandshake(request, (key) => this.hub.appByKey(key));
    const applicant: Applicant = { ip: clientIp(request, this.trustedProxies), url: request.url };
    // Refused before the upgrade: a flood should cost the server as little as possible.
    const limited = handshake.ok ? this.admission.rateLimited(handshake.app, applicant) : undefined;
    if (limited) {
      const body = JSON.stringify(limited.body);
      socket.end(
        `HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${limited.retryAfter}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    // No extensions are offered back (frames are built once and shared, never compressed per socket).
    const answer = switchingProtocols(request);
    if (answer === undefined) {
      refuseUpgrade(socket, 400, 'Invalid Sec-WebSocket-Protocol header');
      return;
    }
    // The client already sent its FIN: nobody to talk to.
    if (!socket.readable || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.setTimeout(0);
    socket.setNoDelay(true);
    socket.write(answer);
    const wire = new WebSocketWire(socket, this.handler, this.maxPayload);
    this.open(wire, request, handshake, applicant);
    wire.start(head);
  }

  /** After the 101: a refused client is told why (pusher:error, then the close code); otherwise a Connection joins the hub. */
  private open(wire: WebSocketWire, request: IncomingMessage, handshake: HandshakeResult, applicant: Applicant): void {
    const verdict = this.admission.verdict(handshake, applicant);
    if (!verdict.ok) {
      wire.write(textFrame(codedError(verdict.refusal, verdict.detail)));
      wire.fail(verdict.refusal.code, verdict.refusal.message);
      return;
    }
    const connection = this.admission.connection(verdict.app, wire, applicant.ip, request.headers);
    wire.owner = connection;
    this.admission.join(connection);
  }

  onMessage(connection: Connection, data: Buffer, isBinary: boolean): void | Promise<void> {
    connection.lastSeen = connection.lastMessage = Date.now();
    connection.pingSentAt = 0;
    this.hub.received(connection);
    const { limits } = connection.app;
    if (isBinary) {
      connection.sendText(codedError(errorCode('BAD_MESSAGE'), 'binary frames are not part of the Pusher protocol'));
      return;
    }
    if (data.length > limits.maxFrameBytes) {
      connection.sendText(codedError(errorCode('MESSAGE_TOO_LARGE'), `frames are limited to ${limits.maxFrameBytes} bytes`));
      return;
    }
    return dispatch(this.hub, connection, data.toString('utf8'));
  }

  onClose(connection: Connection): void {
    connection.closing = true;
    this.hub.disconnect(connection);
  }

  /**
   * Liveness, once a second for every connection (cheaper than a timer per socket):
   * silent for the activity timeout → ping; ping unanswered → 4201; answering only
   * WebSocket pings (no pusher:pong, no message) past the inactivity limit → 4202.
   */
  private sweep(now = Date.now()): void {
    for (const connection of this.hub.connections()) {
      if (connection.closing) continue;
      const { limits } = connection.app;
      if (connection.pingSentAt > 0) {
        if (now - connection.pingSentAt > limits.pongTimeoutSeconds * 1000) {
          connection.closeWith(closeCode('PONG_NOT_RECEIVED'));
        }
      } else if (now - connection.lastSeen > limits.activityTimeoutSeconds * 1000) {
        connection.pingSentAt = now;
        connection.send(pingFrame);
        connection.wire.probe();
      } else if (now - connection.lastMessage > limits.maxInactivitySeconds * 1000) {
        connection.closeWith(closeCode('INACTIVITY_TIMEOUT'));
      }
    }
    this.hub.expireCaches(now);
    this.admission.prune(now);
  }

  /** Stop accepting; tell every client to reconnect elsewhere (4200). */
  shutdown(): void {
    this.accepting = false;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.outbound.flush();
    for (const connection of [...this.hub.connections()]) connection.closeWith(closeCode('RECONNECT'));
  }
}
