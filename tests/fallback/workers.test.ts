// `--workers 2`: node:cluster hands each TCP connection to any worker, while one fallback session's
// requests (its receive requests and xhr_send posts) come on several connections. The worker that
// opened a session holds it; the other relays the requests it gets for it (server/src/fallback/relay.ts).
// Which worker holds a request's connection is read from the kernel (`ss -tnp`), so the tests prove
// that requests reached both workers rather than assume it.
import { execFileSync } from 'node:child_process';
import { request, type ClientRequest } from 'node:http';
import type Pusher from 'pusher-js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SessionRegistry } from '../../server/src/fallback/session-registry.js';
import { clusterConfig, eventually, startRedis, type TestRedis } from '../cluster/helpers';
import { connected, nextEvent, pusherClient, sdk, sleep, subscribed } from '../helpers/clients';
import { defaultApp, startServer, type RunningServer } from '../helpers/server';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { fallbackClient, transportOf, type HttpTransport } from './pusher-fallback';
import { carries, messagesOf, newSession, readLines, type ResponseLines } from './session-client';

const app = { ...defaultApp, enableClientMessages: true };
/** A small outbound budget, for a client that stops reading. */
const slow = { id: 'slow', key: 'slow-key', secret: 'slow-secret', limits: { maxOutboundBufferBytes: 65536 } };
const clientCount = 6;

function workerPids(server: RunningServer): number[] {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(server.process.pid)], { encoding: 'utf8' });
  return out.split('\n').map((s) => Number(s.trim())).filter((n) => n > 0);
}

/** The processes holding the server's side of established connections to `serverPort` (from `clientPort` only, when given). */
function holders(serverPort: number, clientPort?: number): Set<number> {
  const filter = clientPort === undefined ? `( sport = :${serverPort} )` : `( sport = :${serverPort} and dport = :${clientPort} )`;
  const out = execFileSync('ss', ['-Htnp', 'state', 'established', filter], { encoding: 'utf8' });
  return new Set([...out.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])));
}

/** The one worker holding the connection from `clientPort` (once node:cluster handed it over). */
async function holderOf(server: RunningServer, clientPort: number): Promise<number> {
  let holder = 0;
  await eventually(() => {
    const found = [...holders(server.port, clientPort)].filter((pid) => workerPids(server).includes(pid));
    expect(found).toHaveLength(1);
    holder = found[0]!;
  });
  return holder;
}

interface RawRequest {
  req: ClientRequest;
  /** The client's side of its own TCP connection (no agent: a new connection per request). */
  clientPort: Promise<number>;
  status: Promise<number>;
  line: ResponseLines['line'];
}

/** A fallback request on a new TCP connection, its body not yet sent (req.end() sends it). */
function rawRequest(server: RunningServer, session: string, kind: 'xhr_streaming' | 'xhr' | 'xhr_send', body = '', key = app.key): RawRequest {
  const req = request({
    host: '127.0.0.1',
    port: server.port,
    agent: false,
    method: 'POST',
    path: `/pusher/app/${key}/${session}/${kind}?protocol=7&client=js&version=8.4.0&t=${Date.now()}`,
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
  });
  req.flushHeaders();
  const clientPort = new Promise<number>((resolve) => req.on('socket', (socket) => socket.once('connect', () => resolve(socket.localPort ?? 0))));
  const response = new Promise<{ status: number; lines: ResponseLines }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => resolve({ status: res.statusCode ?? 0, lines: readLines(res) }));
  });
  return {
    req,
    clientPort,
    status: response.then((r) => r.status),
    line: async (predicate, timeoutMs) => (await response).lines.line(predicate, timeoutMs),
  };
}

/** Reopens the session's stream on new connections until one is taken by a worker other than `owner`. */
async function relayedStream(server: RunningServer, session: string, owner: number, key = app.key): Promise<RawRequest> {
  for (let i = 0; i < 6; i++) {
    const next = rawRequest(server, session, 'xhr_streaming', '', key);
    next.req.end();
    expect(await next.status).toBe(200);
    await next.line((l) => l.startsWith('hhhh'));
    if ((await holderOf(server, await next.clientPort)) !== owner) return next;
    next.req.destroy();
  }
  throw new Error('no stream request reached the other worker');
}

async function openStream(server: RunningServer, session: string, key = app.key): Promise<{ stream: RawRequest; owner: number }> {
  const stream = rawRequest(server, session, 'xhr_streaming', '', key);
  stream.req.end();
  expect(await stream.status).toBe(200);
  await stream.line(carries('pusher:connection_established'));
  return { stream, owner: await holderOf(server, await stream.clientPort) };
}

const subscribe = (channel: string) => JSON.stringify([JSON.stringify({ event: 'pusher:subscribe', data: { channel } })]);

/** pusher-js limited to one HTTP transport, at the proxy. */
const viaProxy = (server: RunningServer, proxy: TcpProxy, transport: HttpTransport, userId: string): Pusher =>
  fallbackClient(server, proxy.port, transport, { id: userId, info: { name: `user ${userId}` } }, app);

async function userCount(server: RunningServer, channel: string): Promise<number> {
  const answer = await sdk(server, app).get({ path: `/channels/${channel}`, params: { info: 'user_count' } });
  return ((await answer.json()) as { user_count: number }).user_count;
}

/** Every client gets one SDK publish. */
async function publishReachesAll(server: RunningServer, clients: Pusher[], channel: string, text: string): Promise<void> {
  const received = clients.map((c) => nextEvent<{ text: string }>(c, channel, 'notice', 10_000).catch(() => 'missed'));
  await sdk(server, app).trigger(channel, 'notice', { text });
  expect(await Promise.all(received)).toEqual(clients.map(() => ({ text })));
}

function sharedBehaviour(running: () => RunningServer, mode: string): void {
  test('a session\'s xhr_send posts and receive requests are served by whichever worker takes them', { timeout: 30_000 }, async () => {
    const server = running();
    const workers = workerPids(server);
    expect(workers).toHaveLength(2);
    const session = newSession();
    const { stream, owner } = await openStream(server, session);

    // Posts on new connections, each held open (its body not yet sent) until the kernel names its worker.
    const takenBy = new Set<number>();
    for (let i = 0; i < 4; i++) {
      const post = rawRequest(server, session, 'xhr_send', subscribe(`c${i}-${mode}`));
      takenBy.add(await holderOf(server, await post.clientPort));
      post.req.end(subscribe(`c${i}-${mode}`));
      expect(await post.status).toBe(204);
      await stream.line((l) => messagesOf(l).some((m) => m.event === 'pusher_internal:subscription_succeeded' && m.channel === `c${i}-${mode}`));
    }
    expect([...takenBy].sort()).toEqual([...workers].sort());

    // The stream reopened (as pusher-js does past 256 KiB) on new connections until one reaches the other worker.
    const relayed = await relayedStream(server, session, owner);
    await sdk(server, app).trigger(`c0-${mode}`, 'notice', { text: 'relayed' });
    const notice = await relayed.line(carries('notice'));
    expect(messagesOf(notice)[0]?.data).toBe(JSON.stringify({ text: 'relayed' }));
    relayed.req.destroy();
    stream.req.destroy();
  });

  test('a relayed stream the client stops reading: the holder\'s budget still ends the session with 4101', { timeout: 60_000 }, async () => {
    const server = running();
    const session = newSession();
    const { stream, owner } = await openStream(server, session, slow.key);
    const relayed = await relayedStream(server, session, owner, slow.key);
    stream.req.destroy();
    const post = rawRequest(server, session, 'xhr_send', subscribe('firehose'), slow.key);
    post.req.end(subscribe('firehose'));
    expect(await post.status).toBe(204);
    await relayed.line(carries('pusher_internal:subscription_succeeded'));
    relayed.req.socket!.pause();
    // Far more than the budget and the kernel's socket buffers together, until the holder gives up on the session.
    const publisher = sdk(server, slow);
    const payload = 'x'.repeat(8_000);
    let sent = 0;
    const occupied = async () => ((await (await publisher.get({ path: '/channels/firehose' })).json()) as { occupied: boolean }).occupied;
    while (sent < 4_000 && (await occupied())) {
      await publisher.triggerBatch(Array.from({ length: 10 }, (_, i) => ({ channel: 'firehose', name: 'big', data: { i: sent + i, payload } })));
      sent += 10;
    }
    expect(await occupied()).toBe(false);
    relayed.req.socket!.resume();
    await relayed.line((l) => l.startsWith('c[4101'), 20_000);
  });

  test('an unknown session is a 404 on either worker, and a guessing address gets 429', { timeout: 30_000 }, async () => {
    const server = running();
    const statuses: number[] = [];
    const started = Date.now();
    // Each worker counts the requests it takes: bursts of 50, then 10 a second.
    for (let i = 0; i < 240; i++) {
      const post = rawRequest(server, newSession(), 'xhr_send', '[]');
      post.req.end('[]');
      statuses.push(await post.status);
    }
    const seconds = Math.ceil((Date.now() - started) / 1_000);
    expect(new Set(statuses)).toEqual(new Set([404, 429]));
    expect(new Set(statuses.slice(0, 50))).toEqual(new Set([404]));
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(2 * (50 + 10 * seconds));
  });

  describe.each<HttpTransport>(['xhr_streaming', 'xhr_polling'])('unmodified pusher-js over %s', (transport) => {
    test(`${clientCount} clients: presence, an SDK publish, client events both ways, a reconnect`, { timeout: 90_000 }, async () => {
      const server = running();
      const proxy = await startTcpProxy(server.port);
      const room = `presence-room-${mode}-${transport}`;
      const chat = `private-chat-${mode}-${transport}`;
      const clients: Pusher[] = [];
      const ws = pusherClient(server, app, { user: { id: 'ws', info: {} } });
      try {
        for (let i = 0; i < clientCount; i++) clients.push(viaProxy(server, proxy, transport, `u${i}`));
        const firstIds = await Promise.all(clients.map((c) => connected(c)));
        for (const c of clients) expect(transportOf(c)).toBe(transport);
        await connected(ws);
        // Receive requests are held by both workers right now (a stream, or a poll waiting).
        const workers = workerPids(server);
        await eventually(() => expect(workers.filter((pid) => holders(server.port).has(pid)).sort()).toEqual([...workers].sort()));

        for (const c of clients) await subscribed(c, room);
        await subscribed(ws, room);
        expect(await userCount(server, room)).toBe(clientCount + 1);
        await publishReachesAll(server, [...clients, ws], room, 'to everyone');

        // Client events both ways: each HTTP client's reaches the WebSocket client, and the WebSocket client's reaches all.
        for (const c of clients) await subscribed(c, chat);
        await subscribed(ws, chat);
        const whispers: string[] = [];
        ws.channel(chat)!.bind('client-typing', (data: { by: string }) => {
          whispers.push(data.by);
        });
        for (const [i, c] of clients.entries()) c.channel(chat)!.trigger('client-typing', { by: `u${i}` });
        await eventually(() => expect(whispers.sort()).toEqual(clients.map((_, i) => `u${i}`).sort()), 10_000);
        const replies = clients.map((c) => nextEvent<{ by: string }>(c, chat, 'client-reply', 10_000));
        ws.channel(chat)!.trigger('client-reply', { by: 'ws' });
        expect(await Promise.all(replies)).toEqual(clients.map(() => ({ by: 'ws' })));

        // The network drops every connection: each client opens a new session and subscribes again.
        await sleep(500);
        const rejoined = clients.map((c) => new Promise<void>((resolve) => c.connection.bind('connected', () => resolve())));
        const resubscribed = clients.map((c) => new Promise<void>((resolve) => c.channel(room)!.bind('pusher:subscription_succeeded', () => resolve())));
        proxy.drop();
        await Promise.all(rejoined);
        for (const [i, c] of clients.entries()) expect(c.connection.socket_id).not.toBe(firstIds[i]);
        await Promise.all(resubscribed);
        await publishReachesAll(server, clients, room, 'after the reconnect');
      } finally {
        for (const c of clients) c.disconnect();
        ws.disconnect();
        await proxy.close();
      }
    });
  });

  test('a worker killed with SIGKILL: its sessions reconnect, the others\' carry on', { timeout: 90_000 }, async () => {
    const server = running();
    const proxy = await startTcpProxy(server.port);
    const room = `presence-kill-${mode}`;
    const clients: Pusher[] = [];
    try {
      for (let i = 0; i < clientCount; i++) {
        clients.push(viaProxy(server, proxy, 'xhr_streaming', `k${i}`));
        await connected(clients[i]!);
      }
      for (const c of clients) await subscribed(c, room);
      const dropped = new Set<number>();
      clients.forEach((c, i) => {
        c.connection.bind('state_change', ({ current }: { current: string }) => {
          if (current !== 'connected') dropped.add(i);
        });
      });
      const resubscribed = clients.map((c) => new Promise<void>((resolve) => c.channel(room)!.bind('pusher:subscription_succeeded', () => resolve())));
      const [victim] = workerPids(server);
      process.kill(victim!, 'SIGKILL');
      await eventually(() => expect(dropped.size).toBeGreaterThan(0), 10_000);
      await sleep(500);
      // Sessions were held by both workers: some dropped with the killed one, the others did not.
      expect(dropped.size).toBeLessThan(clientCount);
      await eventually(() => expect(workerPids(server)).toHaveLength(2), 10_000);
      await Promise.all(clients.map((c) => connected(c)));
      await Promise.all(resubscribed.filter((_, i) => dropped.has(i)));
      await eventually(async () => expect(await userCount(server, room)).toBe(clientCount), 15_000);
      await publishReachesAll(server, clients, room, 'after the kill');
    } finally {
      for (const c of clients) c.disconnect();
      await proxy.close();
    }
  });
}

describe('the primary\'s session registry', () => {
  test('the first claim owns a session; a release by another worker, or a lookup, changes nothing; a dead worker\'s sessions go', () => {
    const registry = new SessionRegistry();
    expect(registry.owner('app/1/a', 1, false)).toBeUndefined();
    expect(registry.size).toBe(0);
    expect(registry.owner('app/1/a', 1, true)).toBe(1);
    expect(registry.owner('app/1/a', 2, true)).toBe(1);
    expect(registry.owner('app/1/b', 2, true)).toBe(2);
    registry.release('app/1/a', 2);
    expect(registry.owner('app/1/a', 2, false)).toBe(1);
    registry.release('app/1/a', 1);
    expect(registry.owner('app/1/a', 2, false)).toBeUndefined();
    registry.owner('app/1/c', 2, true);
    registry.dropWorker(2);
    expect(registry.size).toBe(0);
  });
});

describe('--workers 2, coordinated by the primary', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ apps: [app, slow] }, { args: ['--workers', '2'] });
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
  });
  sharedBehaviour(() => server, 'ipc');
});

describe('--workers 2 with Redis', () => {
  let redis: TestRedis;
  let server: RunningServer;
  beforeAll(async () => {
    redis = await startRedis();
    server = await startServer({ ...clusterConfig(redis.url, { prefix: 'pogo-fallback-workers:' }), apps: [app, slow] }, { args: ['--workers', '2'] });
    expect(server.output()).toMatch(/2 workers, coordinated through Redis/);
  });
  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
    await redis?.stop();
  });
  sharedBehaviour(() => server, 'redis');
});
