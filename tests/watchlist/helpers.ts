// The watchlist suites' pieces: a user-auth endpoint of the test's own (what Laravel's
// /broadcasting/user-auth is to a real app: it signs `{id, watchlist}` with the official SDK),
// and real pusher-js clients that sign in through it over HTTP and record their watchlist events.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Pusher from 'pusher-js';
import { overWebSocket, sdk, sleep } from '../helpers/clients.js';
import type { RunningServer, TestApp } from '../helpers/server.js';

export interface UserAuthEndpoint {
  /** http://127.0.0.1:port, where `pages` are served. */
  origin: string;
  url: string;
  /** The watchlist signed for each user id (absent: none). */
  watchlists: Map<string, unknown[]>;
  close(): Promise<void>;
}

/** Served on GET from the same origin (a browser test's page and its bundle). */
export type Pages = Record<string, { type: string; body: string | Uint8Array }>;

/** POST socket_id=…&user=… → `{auth, user_data}` signed for that user, as pusher-js's ajax user authenticator expects. */
export async function userAuthEndpoint(server: RunningServer, app: TestApp, pages: Pages = {}): Promise<UserAuthEndpoint> {
  const signer = sdk(server, app);
  const watchlists = new Map<string, unknown[]>();
  const http: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const page = req.method === 'GET' ? pages[(req.url ?? '/').split('?')[0]!] : undefined;
      if (page) {
        res.writeHead(200, { 'content-type': page.type }).end(page.body);
        return;
      }
      const form = new URLSearchParams(body);
      const socketId = form.get('socket_id');
      const user = form.get('user');
      if (req.method !== 'POST' || !socketId || !user) {
        res.writeHead(403).end();
        return;
      }
      const watchlist = watchlists.get(user);
      const auth = signer.authenticateUser(socketId, { id: user, ...(watchlist ? { watchlist } : {}) } as { id: string });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(auth));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/broadcasting/user-auth`,
    watchlists,
    // closeAllConnections: a browser keeps sockets open that would hold close() for seconds.
    close: () =>
      new Promise((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}

export interface WatchlistEvent {
  name: string;
  user_ids: string[];
}

export interface SignedInClient {
  pusher: Pusher;
  /** Every online/offline event pusher-js emitted, in order (through `pusher.user.watchlist.bind`). */
  events: WatchlistEvent[];
  /** Every `pusher:error` code the connection was sent. */
  errors: number[];
  /** Resolves once pusher-js has taken `pusher:signin_success` (never, when the sign-in is refused). */
  signedIn: Promise<void>;
}

const live: Pusher[] = [];

/** A pusher-js client signing in as `userId` through the endpoint (unmodified pusher-js, default ajax user authenticator). */
export function signedInClient(server: RunningServer, app: TestApp, endpoint: UserAuthEndpoint, userId: string): SignedInClient {
  const pusher = new Pusher(app.key, {
    ...overWebSocket(server),
    userAuthentication: { endpoint: endpoint.url, transport: 'ajax', params: { user: userId } },
  });
  live.push(pusher);
  const events: WatchlistEvent[] = [];
  const errors: number[] = [];
  pusher.user.watchlist.bind('online', (event: WatchlistEvent) => events.push({ name: event.name, user_ids: event.user_ids }));
  pusher.user.watchlist.bind('offline', (event: WatchlistEvent) => events.push({ name: event.name, user_ids: event.user_ids }));
  pusher.connection.bind('error', (error: { type?: string; data?: { code?: number } }) => {
    if (error.type === 'PusherError' && typeof error.data?.code === 'number') errors.push(error.data.code);
  });
  pusher.signin();
  const signedIn = until(() => pusher.user.user_data !== null);
  return { pusher, events, errors, signedIn };
}

/** Disconnects every client a test made. */
export function disconnectAll(): void {
  for (const pusher of live.splice(0)) pusher.disconnect();
}

/** Between tests: every client disconnected, no watchlist left to sign, then `settleMs` for the server to see them go. */
export async function resetClients(endpoint: UserAuthEndpoint, settleMs: number): Promise<void> {
  disconnectAll();
  endpoint.watchlists.clear();
  await sleep(settleMs);
}

/** The user ids of every event of one kind, flattened, in order. */
export function idsOf(events: WatchlistEvent[], name: 'online' | 'offline'): string[] {
  return events.filter((e) => e.name === name).flatMap((e) => e.user_ids);
}

/** Resolves once `condition` holds (checked every 20 ms). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}
