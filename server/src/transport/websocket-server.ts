// Upgrades, connection lifecycle and liveness. Frames out go through the outbound queue;
// frames in are handed to the client-message dispatcher.
//
// The rule of this layer: no exception caused by client input escapes a listener. Every listener
// on a client's bytes runs inside guard() (listener-guard.ts), or the same try/catch inline on the
// per-frame paths: an unexpected error closes that one connection (1011) or request and is counted
// in pogo_websocket_listener_errors_total. Every byte queued for a socket, pongs included, counts
// against its outbound budget (outbound.ts).
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { dispatch } from '../client/dispatch.js';
import type { App } from '../apps/app.js';
import type { Hub } from '../hub.js';
import { codedError, connectionEstablished, ping } from '../protocol/messages.js';
import { pongFrame, textFrame } from '../protocol/frame.js';
import { BucketMap } from '../limits/token-bucket.js';
import { clientIp } from '../http/client-ip.js';
import { closeCode, errorCode, publishStatus } from '../schema.js';
import { Connection } from './connection.js';
import { checkHandshake, type HandshakeResult } from './handshake.js';
import { guard, listenerFailed } from './listener-guard.js';
import { OutboundQueue } from './outbound.js';
import { WebSocketWire } from './ws-wire.js';
import { newSocketId } from './socket-id.js';

export interface WebSocketServerOptions {
  /** Proxies whose X-Forwarded-For names the client. */
  trustedProxies: string[];
}

const connectionKey = Symbol('connection');
/** Every connection's pusher:ping is the same frame. */
const pingFrame = textFrame(ping);
type SocketWithConnection = WebSocket & { [connectionKey]: Connection };
const noHeaders = Object.freeze({});

// A named function, not a closure: a closure here would keep the upgrade request alive.
function destroySocket(this: Socket): void {
  this.destroy();
}

function connectionOf(socket: WebSocket): Connection {
  return (socket as SocketWithConnection)[connectionKey];
}

/** Counts an error a frame listener caught and closes that connection: 1011, an unexpected server condition. */
function frameListenerFailed(socket: WebSocket, place: 'message' | 'ping', error: unknown): void {
  listenerFailed(place, error);
  try {
    socket.close(1011, 'unexpected server error');
    setTimeout(() => socket.terminate(), 2_000).unref();
  } catch {
    socket.terminate();
  }
}

/**
 * ws closes with 1009 by itself when a frame is over maxPayload, before its 'error' event: the
 * 4303 pusher:error has to be written here, ahead of the close frame, for the client to see why.
 */
class PusherSocket extends WebSocket {
  override close(code?: number, data?: string | Buffer): void {
    const connection = (this as unknown as SocketWithConnection)[connectionKey];
    if (code === 1009 && connection && !connection.closing && !connection.wire.destroyed) {
      connection.writeQueued();
      const limit = connection.app.limits.maxFrameBytes;
      connection.wire.write(textFrame(codedError(errorCode('MESSAGE_TOO_LARGE'), `frames are limited to ${limit} bytes`)));
    }
    super.close(code, data);
  }
}

/** One set of listener functions for every socket of a server; `this` is the socket. */
function createListeners(server: PusherWebSocketServer) {
  return {
    // The hot paths guard inline (guard()'s closures would cost an allocation a frame).
    message(this: WebSocket, data: RawData, isBinary: boolean) {
      try {
        // binaryType is the default 'nodebuffer': data is one Buffer.
        const handled = server.onMessage(connectionOf(this), data as Buffer, isBinary);
        if (handled) handled.catch((error: unknown) => frameListenerFailed(this, 'message', error));
      } catch (error) {
        frameListenerFailed(this, 'message', error);
      }
    },
    /** autoPong is off: the pong goes through the outbound queue and its budget, so a ping flood closes with 4101. */
    ping(this: WebSocket, data: Buffer) {
      try {
        connectionOf(this).send(pongFrame(data));
      } catch (error) {
        frameListenerFailed(this, 'ping', error);
      }
    },
    pong(this: WebSocket) {
      const connection = connectionOf(this);
      connection.lastSeen = Date.now();
      connection.pingSentAt = 0;
    },
    error() {
      // ws closes the connection itself on a malformed or oversized frame (1002/1009, see PusherSocket).
    },
    close(this: WebSocket) {
      guard('close', () => server.onClose(connectionOf(this)), () => undefined);
    },
  };
}

export class PusherWebSocketServer {
  readonly outbound = new OutboundQueue((target) => (target as Connection).app.limits.maxOutboundBufferBytes);
  private readonly wss: WebSocketServer;
  private sweepTimer: NodeJS.Timeout | undefined;
  private accepting = true;
  private readonly trustedProxies: ReadonlySet<string>;
  /** Per app: one handshake bucket per client IP. */
  private readonly handshakeBuckets = new Map<string, BucketMap>();

  constructor(
    private readonly hub: Hub<Connection>,
    options: WebSocketServerOptions = { trustedProxies: [] },
  ) {
    this.trustedProxies = new Set(options.trustedProxies);
    for (const app of hub.apps) {
      this.handshakeBuckets.set(app.id, new BucketMap(app.limits.handshakesPerSecondPerIp, app.limits.handshakeBurstPerIp));
    }
    // The largest frame any app allows; each app's own limit is checked per message.
    const maxPayload = Math.max(...hub.apps.map((a) => a.limits.maxFrameBytes));
    // perMessageDeflate stays off: frames are built once and shared, never compressed per socket.
    this.wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload, clientTracking: false, autoPong: false, WebSocket: PusherSocket });
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
    const handshake = checkHandshake(request, (key) => this.hub.appByKey(key));
    const ip = clientIp(request, this.trustedProxies);
    if (handshake.ok) {
      // Refused before the upgrade: a flood should cost the server as little as possible.
      const buckets = this.handshakeBucketsOf(handshake.app);
      if (buckets && !buckets.take(ip)) {
        const status = publishStatus('RATE_LIMITED');
        const body = JSON.stringify({ error: `${status.message}: too many connections from this address`, status: status.status, name: status.name });
        this.hub.events.emit('refused', { kind: 'connection', appId: handshake.app.id, code: 429, name: status.name, message: status.message, detail: 'too many connections from this address', url: request.url, ip });
        socket.end(
          `HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${buckets.retryAfter(ip)}\r\nContent-Type: application/json\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
        return;
      }
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.open(ws, request, socket, handshake, ip));
  }

  /** The app's per-IP handshake buckets; made on first use for an app added by a reload (SIGHUP). */
  private handshakeBucketsOf(app: App): BucketMap {
    let buckets = this.handshakeBuckets.get(app.id);
    if (!buckets) {
      buckets = new BucketMap(app.limits.handshakesPerSecondPerIp, app.limits.handshakeBurstPerIp);
      this.handshakeBuckets.set(app.id, buckets);
    }
    return buckets;
  }

  private open(ws: WebSocket, request: IncomingMessage, socket: Socket, handshake: HandshakeResult, ip: string): void {
    // First, whatever follows: a refused socket still parses the client's frames, and a malformed one
    // emits 'error', which without a listener would throw out of the process.
    ws.on('error', this.listeners.error);
    if (!handshake.ok) {
      const { refusal, detail } = handshake;
      this.hub.events.emit('refused', { kind: 'connection', code: refusal.code, message: refusal.message, detail, url: request.url, ip });
      ws.send(codedError(refusal, detail));
      ws.close(refusal.code, refusal.message);
      return;
    }
    const { app } = handshake;
    const max = app.limits.maxConnections;
    if (max > 0 && this.hub.connectionCount(app) >= max) {
      const refusal = closeCode('OVER_CAPACITY');
      this.hub.events.emit('refused', { kind: 'connection', appId: app.id, code: refusal.code, message: refusal.message, detail: `at most ${max} connections`, url: request.url, ip });
      ws.send(codedError(refusal, `at most ${max} connections`));
      ws.close(refusal.code, refusal.message);
      return;
    }
    socket.setNoDelay(true);
    const connection = new Connection(
      newSocketId(this.hub.socketIdInUse),
      app,
      new WebSocketWire(ws, socket),
      ip,
      this.outbound,
      // Kept only where server-side authorization will forward them.
      app.authEndpoint ? { cookie: request.headers.cookie, authorization: request.headers.authorization } : noHeaders,
      this.hub.events,
    );
    (ws as SocketWithConnection)[connectionKey] = connection;
    this.hub.connect(connection);
    connection.sendText(connectionEstablished(connection.socketId, app.limits.activityTimeoutSeconds));
    // Shared listeners, not closures per socket: an idle connection should cost as little as possible.
    ws.on('message', this.listeners.message);
    ws.on('pong', this.listeners.pong);
    ws.on('ping', this.listeners.ping);
    ws.on('close', this.listeners.close);
  }

  private readonly listeners = createListeners(this);

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
    for (const buckets of this.handshakeBuckets.values()) buckets.prune(now);
  }

  /** Stop accepting; tell every client to reconnect elsewhere (4200). */
  shutdown(): void {
    this.accepting = false;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.outbound.flush();
    for (const connection of [...this.hub.connections()]) connection.closeWith(closeCode('RECONNECT'));
  }
}
