// A server restart as a deploy does it (SIGTERM: clients get 4200; the server listens again on the same port a
// second later): the preset's client is connected again within seconds of the server listening, where plain
// pusher-js waits out its 15 s transport timeout (src-ts/src/reconnect.ts says why). While the server stays
// down, the preset backs off instead of hammering it; with VITE_POGO_FALLBACK=true a client whose WebSocket
// is blocked still finds the server over HTTP, and one whose WebSocket works comes back over it.
import { createServer as createHttpServer, request, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import PusherServer from 'pusher';
import Pusher from 'pusher-js';
import { afterEach, expect, test } from 'vitest';
import { connectionState, createEcho, onConnectionProblem, type PogoEcho } from '../../src-ts/src/index';
import { freePort } from '../cluster/helpers';
import { startDeployServer, type DeployServer } from '../deploy/helpers';
import { transportOf } from '../fallback/pusher-fallback';
import { defaultApp } from '../helpers/server';
import { sleep, until } from './helpers';

const servers: DeployServer[] = [];
const echoes: PogoEcho[] = [];
const listeners: (HttpServer | TcpServer)[] = [];

afterEach(async () => {
  for (const echo of echoes.splice(0)) echo.disconnect();
  for (const listener of listeners.splice(0)) await close(listener);
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

/** The real server on `port`, and when it printed that it listens. */
async function serve(port: number): Promise<{ server: DeployServer; listeningAt: number }> {
  const server = await startDeployServer({ apps: [defaultApp] }, { port });
  servers.push(server);
  return { server, listeningAt: Date.now() };
}

function listen<T extends HttpServer | TcpServer>(listener: T, port: number): Promise<T> {
  listeners.push(listener);
  return new Promise((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(port, '127.0.0.1', () => resolve(listener));
  });
}

function close(listener: HttpServer | TcpServer): Promise<void> {
  if (!listener.listening) return Promise.resolve();
  if ('closeAllConnections' in listener) listener.closeAllConnections();
  return new Promise((resolve) => listener.close(() => resolve()));
}

/** A preset client for 127.0.0.1:`port`; `plain` gives Echo pusher-js's own class instead of the preset's. */
function client(port: number, options: { plain?: boolean; fallback?: boolean } = {}): { echo: PogoEcho; closeCodes: number[] } {
  const echo = createEcho({
    env: { VITE_POGO_APP_KEY: defaultApp.key, VITE_POGO_HOST: '127.0.0.1', VITE_POGO_PORT: String(port), VITE_POGO_SCHEME: 'http' },
    fallback: options.fallback ?? false,
    echo: options.plain ? { Pusher } : {},
  });
  echoes.push(echo);
  const closeCodes: number[] = [];
  onConnectionProblem(echo, (problem) => problem.kind === 'closed' && problem.code !== null && closeCodes.push(problem.code));
  return { echo, closeCodes };
}

const pusherOf = (echo: PogoEcho): Pusher => (echo.connector as unknown as { pusher: Pusher }).pusher;
const isConnected = (echo: PogoEcho) => connectionState(echo) === 'connected';

/** Milliseconds from `since` until `echo` is connected. */
async function connectedAfter(echo: PogoEcho, since: number, what: string, timeoutMs: number): Promise<number> {
  await until(what, () => isConnected(echo), timeoutMs);
  return Date.now() - since;
}

test('after a restart the preset is back within seconds of the server listening; plain pusher-js takes its 15 s', { timeout: 90_000 }, async () => {
  const port = await freePort();
  const first = await serve(port);
  const preset = client(port);
  const withFallback = client(port, { fallback: true });
  const plain = client(port, { plain: true });
  const all = [preset, withFallback, plain];
  await until('every client connected', () => all.every(({ echo }) => isConnected(echo)), 10_000);
  const breaking: string[] = [];
  const news = pusherOf(preset.echo).subscribe('news');
  news.bind('breaking', (data: { title: string }) => breaking.push(data.title));
  await until('subscribed to news', () => news.subscribed);

  expect(await first.server.stop()).toBe(0);
  expect(all.map(({ closeCodes }) => closeCodes)).toEqual([[4200], [4200], [4200]]);
  await sleep(1_000);
  const { server, listeningAt } = await serve(port);

  const presetMs = await connectedAfter(preset.echo, listeningAt, 'the preset to reconnect', 15_000);
  const fallbackMs = await connectedAfter(withFallback.echo, listeningAt, 'the preset with the fallback on to reconnect', 15_000);
  // Back on the WebSocket, not on the HTTP fallback pusher-js reaches 5 s into an attempt.
  expect(transportOf(pusherOf(withFallback.echo))).toBe('ws');

  // Resubscribed by pusher-js on the new connection: an event published now arrives.
  await until('news subscribed again', () => news.subscribed, 5_000);
  const sdk = new PusherServer({ appId: defaultApp.id, key: defaultApp.key, secret: defaultApp.secret, host: '127.0.0.1', port: String(server.port), useTLS: false });
  await sdk.trigger('news', 'breaking', { title: 'back' });
  await until('the event published after the restart', () => breaking.includes('back'));

  const plainMs = await connectedAfter(plain.echo, listeningAt, 'plain pusher-js to reconnect', 70_000);
  console.log(`reconnected after the server listened again: preset ${presetMs} ms, preset with fallback ${fallbackMs} ms, plain pusher-js ${plainMs} ms`);
  expect(presetMs).toBeLessThan(5_000);
  expect(fallbackMs).toBeLessThan(5_000);
  // pusher-js's own next attempt comes 15 s after its failed one (made while the server was down).
  expect(plainMs).toBeGreaterThan(presetMs);
});

test('while the server stays down, the preset backs off: a bounded number of connection attempts, then back when it listens', { timeout: 90_000 }, async () => {
  const port = await freePort();
  const first = await serve(port);
  const preset = client(port);
  await until('connected', () => isConnected(preset.echo), 10_000);
  await first.server.stop();

  // Something that accepts and drops every TCP connection stands for the server that is down, and counts them.
  const downSince = Date.now();
  const attempts: number[] = [];
  const down = await listen(
    createTcpServer((socket) => {
      attempts.push(Date.now() - downSince);
      socket.destroy();
    }),
    port,
  );
  await sleep(10_000);
  await close(down);
  console.log(`connection attempts in 10 s with the server down (ms after it stopped): ${attempts.join(', ')}`);
  // It retries by itself (pusher-js alone would not try again before 15 s) ...
  expect(attempts.length).toBeGreaterThanOrEqual(3);
  // ... but a few times, not a few times a second: at most 15 in 10 s, never more than 4 within one second.
  expect(attempts.length).toBeLessThanOrEqual(15);
  for (const at of attempts) expect(attempts.filter((other) => other >= at && other < at + 1_000).length).toBeLessThanOrEqual(4);
  // The later waits are longer than the first ones.
  const gaps = attempts.slice(1).map((at, i) => at - attempts[i]!);
  expect(Math.max(...gaps)).toBeGreaterThan(1_500);

  const { listeningAt } = await serve(port);
  const backMs = await connectedAfter(preset.echo, listeningAt, 'the preset to reconnect after the long outage', 30_000);
  console.log(`back ${backMs} ms after the server listened again (down ${listeningAt - downSince} ms)`);
  expect(backMs).toBeLessThan(25_000);
});

test('an app that disconnects while the preset waits to retry stops the retries', { timeout: 30_000 }, async () => {
  const port = await freePort();
  const first = await serve(port);
  const preset = client(port);
  await until('connected', () => isConnected(preset.echo), 10_000);
  await first.server.stop();
  let attempts = 0;
  await listen(
    createTcpServer((socket) => {
      attempts++;
      socket.destroy();
    }),
    port,
  );
  await until('the first retry', () => attempts > 0, 5_000);
  preset.echo.disconnect();
  const before = attempts;
  await sleep(5_000);
  expect(connectionState(preset.echo)).toBe('disconnected');
  expect(attempts).toBe(before);
});

test('VITE_POGO_FALLBACK=true with WebSockets blocked: the preset still connects over HTTP, and again after a restart', { timeout: 90_000 }, async () => {
  const port = await freePort();
  await serve(port);
  // An HTTP proxy that forwards requests but refuses every WebSocket upgrade (as some corporate proxies do).
  const proxy = createHttpServer((incoming, answer) => {
    const upstream = request({ host: '127.0.0.1', port, path: incoming.url, method: incoming.method, headers: incoming.headers, agent: false }, (response) => {
      answer.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(answer);
      response.on('close', () => response.complete || answer.destroy());
    });
    upstream.on('error', () => (answer.headersSent ? answer.destroy() : answer.writeHead(502).end()));
    incoming.pipe(upstream);
  });
  proxy.on('upgrade', (_request, socket) => socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n'));
  const proxyPort = await freePort();
  await listen(proxy, proxyPort);

  const startedAt = Date.now();
  const blocked = client(proxyPort, { fallback: true });
  const firstMs = await connectedAfter(blocked.echo, startedAt, 'a first connection over HTTP', 30_000);
  expect(transportOf(pusherOf(blocked.echo))).toMatch(/^xhr_/);

  await servers.splice(0)[0]!.stop();
  expect(blocked.closeCodes).toContain(4200);
  await sleep(1_000);
  const { listeningAt } = await serve(port);
  const againMs = await connectedAfter(blocked.echo, listeningAt, 'a connection over HTTP after the restart', 60_000);
  expect(transportOf(pusherOf(blocked.echo))).toMatch(/^xhr_/);
  console.log(`WebSockets blocked, fallback on: first connection ${firstMs} ms, back ${againMs} ms after the restarted server listened (pusher-js's own schedule)`);
});
