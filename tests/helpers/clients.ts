// Real clients for the tests: pusher-js (Node build), the official `pusher` HTTP SDK,
// and a raw WebSocket for the protocol's edges that pusher-js never sends.
import PusherServer from 'pusher';
import Pusher, { type Options } from 'pusher-js';
import WebSocket from 'ws';
import type { RunningServer, TestApp } from './server.js';

const masterKey = Buffer.alloc(32, 7).toString('base64');

export function sdk(server: RunningServer, app: TestApp): PusherServer {
  return new PusherServer({
    appId: app.id,
    key: app.key,
    secret: app.secret,
    host: server.host,
    port: String(server.port),
    useTLS: false,
    encryptionMasterKeyBase64: masterKey,
  });
}

export interface ClientOptions {
  /** Presence identity this client joins as. */
  user?: { id: string; info?: Record<string, unknown> };
  /** Sign subscriptions with another secret (to provoke auth failures). */
  signWith?: PusherServer;
}

/** pusher-js's options for a plain WebSocket (no TLS, no stats) to the server under test. */
export function overWebSocket(server: RunningServer): Options {
  return { wsHost: server.host, wsPort: server.port, forceTLS: false, enabledTransports: ['ws'], cluster: 'local', disableStats: true };
}

/** A pusher-js client whose authorizers sign with the official SDK, as a Laravel app would. */
export function pusherClient(server: RunningServer, app: TestApp, options: ClientOptions = {}): Pusher {
  const signer = options.signWith ?? sdk(server, app);
  return new Pusher(app.key, {
    ...overWebSocket(server),
    channelAuthorization: {
      transport: 'ajax',
      endpoint: '/unused',
      customHandler: ({ socketId, channelName }, callback) => {
        const presence = options.user ? { user_id: options.user.id, user_info: options.user.info } : undefined;
        callback(null, signer.authorizeChannel(socketId, channelName, channelName.startsWith('presence-') ? presence : undefined));
      },
    },
    userAuthentication: {
      transport: 'ajax',
      endpoint: '/unused',
      customHandler: ({ socketId }, callback) => {
        callback(null, signer.authenticateUser(socketId, { id: options.user?.id ?? 'anonymous', user_info: options.user?.info }));
      },
    },
  });
}

export function connected(client: Pusher): Promise<string> {
  return new Promise((resolve, reject) => {
    if (client.connection.state === 'connected') return resolve(client.connection.socket_id);
    client.connection.bind('connected', () => resolve(client.connection.socket_id));
    client.connection.bind('failed', () => reject(new Error('connection failed')));
  });
}

export function subscribed(client: Pusher, name: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const channel = client.subscribe(name);
    channel.bind('pusher:subscription_succeeded', (data: unknown) => resolve(data));
    channel.bind('pusher:subscription_error', (error: unknown) => reject(new Error(`subscription error: ${JSON.stringify(error)}`)));
  });
}

/** Resolves with the next `event` on `channel`. */
export function nextEvent<T = unknown>(client: Pusher, channel: string, event: string, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} on ${channel} within ${timeoutMs} ms`)), timeoutMs);
    const handler = (data: T) => {
      clearTimeout(timer);
      client.channel(channel)?.unbind(event, handler);
      resolve(data);
    };
    client.channel(channel)!.bind(event, handler);
  });
}

/** Collects what a channel receives, for asserting that something did NOT arrive. */
export function collect(client: Pusher, channel: string, event: string): unknown[] {
  const seen: unknown[] = [];
  client.channel(channel)!.bind(event, (data: unknown) => seen.push(data));
  return seen;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RawMessage {
  event: string;
  channel?: string;
  data?: unknown;
  [key: string]: unknown;
}

/** A bare WebSocket speaking the protocol by hand. */
export class RawClient {
  /** Every message received, in order. */
  readonly log: RawMessage[] = [];
  /** Received but not yet taken by next(). */
  private unread: RawMessage[] = [];
  private waiters: { predicate: (m: RawMessage) => boolean; resolve: (m: RawMessage) => void }[] = [];
  readonly ws: WebSocket;
  readonly closed: Promise<{ code: number; reason: string }>;
  socketId = '';

  constructor(url: string, headers: Record<string, string> = {}) {
    this.ws = new WebSocket(url, { headers });
    this.ws.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as RawMessage;
      if (message.event === 'pusher:connection_established') {
        this.socketId = (JSON.parse(message.data as string) as { socket_id: string }).socket_id;
      }
      this.log.push(message);
      const waiter = this.waiters.find((w) => w.predicate(message));
      if (waiter) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      } else {
        this.unread.push(message);
      }
    });
    this.closed = new Promise((resolve) => this.ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.ws.on('error', () => {});
  }

  static async connect(server: RunningServer, key: string, query = 'protocol=7&client=js&version=8.4.0'): Promise<RawClient> {
    const client = new RawClient(`ws://${server.host}:${server.port}/app/${key}?${query}`);
    await client.nextEvent('pusher:connection_established');
    return client;
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The first unread message matching, waiting for it if need be. */
  next(predicate: (m: RawMessage) => boolean, timeoutMs = 5_000): Promise<RawMessage> {
    const seen = this.unread.find(predicate);
    if (seen) {
      this.unread.splice(this.unread.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (m: RawMessage) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching message within ${timeoutMs} ms; unread: ${JSON.stringify(this.unread)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  nextEvent(event: string, timeoutMs?: number): Promise<RawMessage> {
    return this.next((m) => m.event === event, timeoutMs);
  }

  /** Unread messages of an event (to assert that something did not arrive). */
  unreadOf(event: string): RawMessage[] {
    return this.unread.filter((m) => m.event === event);
  }

  close(): void {
    this.ws.close();
  }
}
