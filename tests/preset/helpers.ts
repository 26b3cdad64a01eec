// Shared pieces of the preset suites: a Laravel-like channel authorization endpoint signing with the app secret
// through the official `pusher` SDK, the SDK publisher, and small waiting helpers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningServer, TestApp } from '../helpers/server';

export interface AuthEndpoint {
  /** http://127.0.0.1:port, where `pages` are served. */
  origin: string;
  url: string;
  /** Every channel the endpoint was asked to authorize, in order. */
  requests: { channel: string; socketId: string; userId: string | null }[];
  close(): Promise<void>;
}

/** The official SDK as the publisher. */
import { sdk } from '../helpers/clients';

export const publisher = sdk;

/** Users the endpoint knows, by the X-User-Id header Echo sends (stands in for Laravel's session). */
export const users: Record<string, { id: number; name: string }> = {
  '1': { id: 1, name: 'Ada' },
  '2': { id: 2, name: 'Grace' },
  '3': { id: 3, name: 'Linus' },
};

/** Static responses the same HTTP server serves on GET (the browser test's page and its bundle). */
export type Pages = Record<string, { type: string; body: string | Uint8Array; cookie?: string }>;

/**
 * POST /broadcasting/auth as Laravel answers it: 403 for channels whose name contains "forbidden" or for an
 * unknown user, otherwise the Pusher signature (with channel_data for presence channels). The user comes from
 * an X-User-Id header or, as a Laravel session would, from a `user` cookie.
 */
export async function startAuthEndpoint(server: RunningServer, app: TestApp, pages: Pages = {}): Promise<AuthEndpoint> {
  const sdk = publisher(server, app);
  const requests: AuthEndpoint['requests'] = [];
  const http: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const form = new URLSearchParams(body);
      const channel = form.get('channel_name') ?? '';
      const socketId = form.get('socket_id') ?? '';
      const page = request.method === 'GET' ? pages[(request.url ?? '/').split('?')[0]!] : undefined;
      if (page) {
        response.setHeader('Content-Type', page.type);
        if (page.cookie) response.setHeader('Set-Cookie', page.cookie);
        return void response.end(page.body);
      }
      if (request.method === 'GET') {
        response.statusCode = 404;
        return void response.end('not found');
      }
      const cookieUser = /(?:^|;\s*)user=(\w+)/.exec(request.headers.cookie ?? '')?.[1];
      const userId = (request.headers['x-user-id'] as string | undefined) ?? cookieUser ?? null;
      requests.push({ channel, socketId, userId });
      const user = userId ? users[userId] : undefined;
      response.setHeader('Access-Control-Allow-Origin', '*');
      response.setHeader('Access-Control-Allow-Headers', '*');
      if (request.method === 'OPTIONS') return void response.end();
      if (request.method !== 'POST' || !user || channel.includes('forbidden')) {
        response.statusCode = 403;
        return void response.end(JSON.stringify({ message: 'This action is unauthorized.' }));
      }
      const auth = channel.startsWith('presence-')
        ? sdk.authorizeChannel(socketId, channel, { user_id: String(user.id), user_info: user })
        : sdk.authorizeChannel(socketId, channel);
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify(auth));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/broadcasting/auth`,
    requests,
    // closeAllConnections: browsers keep pre-opened sockets that would hold close() for ~30 s.
    close: () =>
      new Promise((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `predicate()` holds, polling; rejects with `what` after `timeoutMs`. */
export async function until(what: string, predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A promise plus its resolve function: resolved from a callback under test. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Rejects after `ms`, so a missing event fails the test with a message instead of a vitest timeout. */
export function within<T>(promise: Promise<T>, what: string, ms = 5_000): Promise<T> {
  return Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`timed out waiting for ${what}`)))]);
}
