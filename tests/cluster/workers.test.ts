// `--workers 2`: two processes on one port, coordinated by the primary over IPC (no Redis)
// or through Redis. Connections are spread round-robin by node:cluster, so consecutive
// clients land on different workers.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import type Pusher from 'pusher-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collect, connected, pusherClient, sdk, sleep, subscribed } from '../helpers/clients.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';
import { clusterConfig, eventually, startRedis, type TestRedis } from './helpers.js';

const clients: Pusher[] = [];
function client(server: RunningServer, user?: { id: string }): Pusher {
  const c = pusherClient(server, defaultApp, user ? { user } : {});
  clients.push(c);
  return c;
}

function workerPids(server: RunningServer): number[] {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(server.process.pid)], { encoding: 'utf8' });
  return out.split('\n').map((s) => Number(s.trim())).filter((n) => n > 0);
}

/** The workers' mesh sockets of this server (files named after the primary's pid). */
function meshSockets(server: RunningServer): string[] {
  // One socket per worker, in the primary's private directory (mode 0700).
  const directories = readdirSync(tmpdir()).filter((name) => name.startsWith(`pogo-ws-${server.process.pid}-`));
  return directories.flatMap((directory) => readdirSync(`${tmpdir()}/${directory}`));
}

/** Clients until both workers have some (round-robin makes that the first two, almost always). */
async function clientsOnBothWorkers(server: RunningServer, channel: string, count = 4): Promise<Pusher[]> {
  const list = Array.from({ length: count }, () => client(server));
  for (const c of list) await subscribed(c, channel);
  return list;
}

/** One scrape over a fresh connection (node:cluster hands each connection to the next worker). */
function scrape(server: RunningServer): Promise<string> {
  return new Promise((resolve, reject) => {
    get({ host: server.host, port: server.port, path: '/metrics', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`GET /metrics: ${res.statusCode} ${body}`))));
    }).on('error', reject);
  });
}

const sample = (text: string, name: string): number => Number(new RegExp(`^${name.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);

async function json(server: RunningServer, path: string, params: Record<string, string> = {}): Promise<Record<string, unknown>> {
  return (await (await sdk(server, defaultApp).get({ path, params })).json()) as Record<string, unknown>;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await sleep(100);
});

/** What both coordination modes must get right. */
function sharedBehaviour(server: () => RunningServer) {
  it('delivers each broadcast to clients on both workers exactly once and counts them all', async () => {
    const subscribers = Array.from({ length: 6 }, () => client(server()));
    for (const c of subscribers) await subscribed(c, 'news');
    const seen = subscribers.map((c) => collect(c, 'news', 'headline'));
    for (let i = 0; i < 4; i++) await sdk(server(), defaultApp).trigger('news', 'headline', { i });
    await eventually(() => expect(seen.map((s) => s.length)).toEqual(Array(6).fill(4)));
    await sleep(200);
    expect(seen.map((s) => s.length)).toEqual(Array(6).fill(4));
    // Whichever worker answers, the count covers both.
    for (let i = 0; i < 4; i++) expect(await json(server(), '/channels/news', { info: 'subscription_count' })).toEqual({ occupied: true, subscription_count: 6 });
  });

  it('answers /metrics for every worker, whichever worker takes the scrape', async () => {
    const subscribers = Array.from({ length: 5 }, () => client(server()));
    for (const c of subscribers) await subscribed(c, 'metered');
    const deliveries = (text: string) => sample(text, 'pogo_websocket_messages_total{app="test-app",direction="out"}');
    const before = deliveries(await scrape(server()));
    await sdk(server(), defaultApp).trigger('metered', 'tick', {});
    await eventually(async () => expect(deliveries(await scrape(server())) - before).toBe(5));
    for (let i = 0; i < 4; i++) {
      const text = await scrape(server());
      expect(sample(text, 'pogo_websocket_connections_active{app="test-app"}')).toBe(5);
      expect(deliveries(text) - before).toBe(5);
    }
  });

  it('keeps presence cluster-wide across workers', async () => {
    const watcher = client(server(), { id: 'watcher' });
    await subscribed(watcher, 'presence-w');
    const added = collect(watcher, 'presence-w', 'pusher:member_added') as { id: string }[];
    const removed = collect(watcher, 'presence-w', 'pusher:member_removed') as { id: string }[];
    const alice = [client(server(), { id: 'alice' }), client(server(), { id: 'alice' })];
    for (const c of alice) await subscribed(c, 'presence-w');
    await sleep(200);
    expect(added.map((m) => m.id)).toEqual(['alice']);
    for (let i = 0; i < 3; i++) expect(await json(server(), '/channels/presence-w', { info: 'user_count' })).toEqual({ occupied: true, user_count: 2 });
    alice[0]!.disconnect();
    await sleep(200);
    expect(removed).toEqual([]);
    alice[1]!.disconnect();
    await eventually(() => expect(removed.map((m) => m.id)).toEqual(['alice']));
  });
}

describe('--workers 2 without Redis (coordinated by the primary)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(undefined, { args: ['--workers', '2'] });
    expect(server.output()).toMatch(/2 workers, coordinated by the primary process/);
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
    expect(meshSockets(server)).toEqual([]);
  });

  sharedBehaviour(() => server);

  it('passes a stream of API publishes between workers whole and in order', async () => {
    const subscribers = await clientsOnBothWorkers(server, 'ordered');
    const seen = subscribers.map((c) => collect(c, 'ordered', 'n') as { i: number }[]);
    // Published over several connections at once, so both workers take requests; each request's
    // events must arrive in order on every worker.
    const pusher = sdk(server, defaultApp);
    await Promise.all(
      Array.from({ length: 4 }, (_, lane) =>
        (async () => {
          for (let i = 0; i < 50; i++) await pusher.triggerBatch(Array.from({ length: 5 }, (_, k) => ({ channel: 'ordered', name: 'n', data: { lane, i: i * 5 + k } })));
        })(),
      ),
    );
    await eventually(() => expect(seen.map((s) => s.length)).toEqual(Array(subscribers.length).fill(1000)));
    for (const events of seen) {
      for (let lane = 0; lane < 4; lane++) {
        const order = (events as unknown as { lane: number; i: number }[]).filter((e) => e.lane === lane).map((e) => e.i);
        expect(order).toEqual(Array.from({ length: 250 }, (_, i) => i));
      }
    }
  });

  it('connects a replacement worker to the mesh, and cleans up the killed one\'s socket', async () => {
    expect(meshSockets(server)).toHaveLength(2);
    const [victim] = workerPids(server);
    process.kill(victim!, 'SIGKILL');
    await eventually(async () => {
      const pids = workerPids(server);
      expect(pids).toHaveLength(2);
      expect(pids).not.toContain(victim);
    }, 10_000);
    await eventually(() => expect(meshSockets(server)).toHaveLength(2));
    // Clients on the replacement and on the survivor hear each other's broadcasts (client events
    // too: they leave from whichever worker holds the sender).
    const subscribers = await clientsOnBothWorkers(server, 'private-after');
    const seen = subscribers.map((c) => collect(c, 'private-after', 'client-ping'));
    const api = subscribers.map((c) => collect(c, 'private-after', 'from-api'));
    await sdk(server, defaultApp).trigger('private-after', 'from-api', {});
    for (const c of subscribers) c.channel('private-after').trigger('client-ping', {});
    await eventually(() => expect(api.map((s) => s.length)).toEqual(Array(subscribers.length).fill(1)));
    // Each client hears every other client's event, never its own.
    await eventually(() => expect(seen.map((s) => s.length)).toEqual(Array(subscribers.length).fill(subscribers.length - 1)));
  });

  it('removes the members of a killed worker at once and starts a new worker', async () => {
    const before = workerPids(server);
    expect(before).toHaveLength(2);
    const users = Array.from({ length: 4 }, (_, i) => client(server, { id: `u${i}` }));
    for (const c of users) await subscribed(c, 'presence-k');
    const removed = users.map((c) => collect(c, 'presence-k', 'pusher:member_removed') as { id: string }[]);
    expect((await json(server, '/channels/presence-k', { info: 'user_count' })).user_count).toBe(4);

    const droppedSet = new Set<string>();
    users.forEach((c, i) => {
      c.connection.bind('state_change', (s: { current: string }) => {
        if (s.current !== 'connected') droppedSet.add(`u${i}`);
      });
    });
    process.kill(before[0]!, 'SIGKILL');
    // Round-robin put some of the four (usually two) on the killed worker; their connections
    // drop, and the survivors are told those members left (the primary reaps its entries).
    await eventually(() => expect(droppedSet.size).toBeGreaterThan(0));
    await sleep(300);
    const dropped = [...droppedSet].sort();
    expect(dropped.length).toBeLessThan(4);
    const survivor = users.findIndex((_, i) => !droppedSet.has(`u${i}`));
    await eventually(() => expect(removed[survivor]!.map((m) => m.id).sort()).toEqual(dropped));
    await eventually(async () => {
      const pids = workerPids(server);
      expect(pids).toHaveLength(2);
      expect(pids).not.toContain(before[0]);
    }, 10_000);
    // pusher-js reconnects by itself; once everyone is back, the count is exact again.
    await Promise.all(users.map((c) => connected(c)));
    await eventually(async () => expect((await json(server, '/channels/presence-k', { info: 'user_count' })).user_count).toBe(4), 10_000);
  });
});

describe('--workers 2 with Redis', () => {
  let redis: TestRedis;
  let server: RunningServer;
  beforeAll(async () => {
    redis = await startRedis();
    server = await startServer(clusterConfig(redis.url, { prefix: 'pogo-workers:' }), { args: ['--workers', '2'] });
    expect(server.output()).toMatch(/2 workers, coordinated through Redis/);
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
    await redis.stop();
  });

  sharedBehaviour(() => server);
});
