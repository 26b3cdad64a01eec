// Faults: a node killed with SIGKILL, Redis hanging, Redis restarting (empty) in the middle of
// traffic. Publishers never wait past the configured timeout, local delivery keeps working,
// and the nodes resume by themselves.
import type Pusher from 'pusher-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collect, pusherClient, sdk, sleep, subscribed } from '../helpers/clients.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';
import { clusterConfig, eventually, startRedis, webhookReceiver, type TestRedis } from './helpers.js';

let redis: TestRedis;
let hooks: Awaited<ReturnType<typeof webhookReceiver>>;
const clients: Pusher[] = [];
const app = { ...defaultApp, webhooks: [{ url: '', events: ['member_added', 'member_removed'] }] };
const config = () => clusterConfig(redis.url, { app, prefix: 'pogo-faults:', webhooks: { vacatedDelayMs: 0, batchIntervalMs: 10 } });

function client(node: RunningServer, user?: { id: string }): Pusher {
  const c = pusherClient(node, defaultApp, user ? { user } : {});
  clients.push(c);
  return c;
}

async function usersOn(node: RunningServer, channel: string): Promise<string[]> {
  const response = await sdk(node, defaultApp).get({ path: `/channels/${channel}/users` });
  return ((await response.json()) as { users: { id: string }[] }).users.map((u) => u.id).sort();
}

/** Triggers and reports the HTTP status (the SDK rejects on non-2xx) and how long it took. */
async function timedTrigger(node: RunningServer, channel: string, data: unknown): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  try {
    await sdk(node, defaultApp).trigger(channel, 'tick', data);
    return { status: 200, ms: Date.now() - started };
  } catch (error) {
    return { status: (error as { status?: number }).status ?? -1, ms: Date.now() - started };
  }
}

beforeAll(async () => {
  redis = await startRedis();
  hooks = await webhookReceiver();
  app.webhooks[0]!.url = hooks.url;
});

afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});

afterAll(async () => {
  await hooks?.close();
  await redis?.stop();
});

describe('a node killed with SIGKILL', () => {
  it('has its presence members removed by the others within the node timeout', async () => {
    const [survivor, victim] = await Promise.all([startServer(config()), startServer(config())]);
    try {
      const watcher = client(survivor, { id: 'watcher' });
      await subscribed(watcher, 'presence-ops');
      const removed = collect(watcher, 'presence-ops', 'pusher:member_removed') as { id: string }[];
      await subscribed(client(victim, { id: 'bob' }), 'presence-ops');
      await subscribed(client(victim, { id: 'eve' }), 'presence-ops');
      expect(await usersOn(survivor, 'presence-ops')).toEqual(['bob', 'eve', 'watcher']);

      const killedAt = Date.now();
      victim.process.kill('SIGKILL');
      // nodeTimeoutSeconds is 2; heartbeats every 2/3 s: removed within 2 s + one beat (+ slack).
      await eventually(() => expect(removed.map((m) => m.id).sort()).toEqual(['bob', 'eve']), 6_000);
      const tookMs = Date.now() - killedAt;
      expect(tookMs).toBeLessThan(5_000);
      expect(tookMs).toBeGreaterThan(1_000);
      expect(await usersOn(survivor, 'presence-ops')).toEqual(['watcher']);
      await eventually(() =>
        expect(hooks.events.filter((e) => e.channel === 'presence-ops' && e.name === 'member_removed').map((e) => e.user_id).sort()).toEqual(['bob', 'eve']),
      );
    } finally {
      await survivor.stop();
      await victim.stop();
    }
  });
});

describe('Redis faults', () => {
  let nodes: RunningServer[] = [];
  beforeAll(async () => {
    nodes = await Promise.all([startServer(config()), startServer(config())]);
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it('answers 503 within the command timeout while Redis hangs, and recovers', async () => {
    const [a, b] = nodes as [RunningServer, RunningServer];
    const local = client(a);
    const remote = client(b);
    await Promise.all([subscribed(local, 'stall'), subscribed(remote, 'stall')]);
    const seenLocal = collect(local, 'stall', 'tick');
    const seenRemote = collect(remote, 'stall', 'tick');
    redis.pause();
    try {
      const stalled = await timedTrigger(a, 'stall', { n: 1 });
      expect(stalled.status).toBe(503);
      expect(stalled.ms).toBeLessThan(2_000); // commandTimeoutMs is 500; the rest is slack for a busy CI
      await eventually(() => expect(seenLocal).toEqual([{ n: 1 }]));
    } finally {
      redis.resume();
    }
    await eventually(async () => expect((await timedTrigger(a, 'stall', { n: 2 })).status).toBe(200));
    await eventually(() => expect(seenRemote).toContainEqual({ n: 2 }));
  });

  it('keeps delivering locally through a Redis restart and resumes on its own', async () => {
    const [a, b] = nodes as [RunningServer, RunningServer];
    const local = client(a, { id: 'ann' });
    const remote = client(b, { id: 'ben' });
    await Promise.all([subscribed(local, 'presence-live'), subscribed(remote, 'presence-live')]);
    const seenLocal = collect(local, 'presence-live', 'tick') as { n: number }[];
    const seenRemote = collect(remote, 'presence-live', 'tick') as { n: number }[];
    const memberEvents = collect(local, 'presence-live', 'pusher:member_removed');

    // Steady traffic through node A the whole time.
    const results: { n: number; status: number; ms: number }[] = [];
    let running = true;
    const traffic = (async () => {
      for (let n = 0; running; n++) {
        results.push({ n, ...(await timedTrigger(a, 'presence-live', { n })) });
        await sleep(20);
      }
    })();
    await eventually(() => expect(seenRemote.length).toBeGreaterThan(5));

    const beforeOutage = results.length - 1;
    await redis.kill();
    await eventually(() => expect(results.filter((r) => r.status === 503).length).toBeGreaterThan(5));
    // Joining while Redis is away still works on this node; the others hear of it once it is back.
    const joinedAdded = collect(remote, 'presence-live', 'pusher:member_added') as { id: string }[];
    const joiner = client(a, { id: 'cat' });
    expect(((await subscribed(joiner, 'presence-live')) as { count: number }).count).toBe(2);
    await redis.restart();
    await eventually(() => {
      const last = results.at(-1)!;
      expect(last.status).toBe(200);
      expect(seenRemote.at(-1)!.n).toBeGreaterThanOrEqual(last.n - 1);
    }, 10_000);
    const recovered = results.length;
    await eventually(() => expect(results.length).toBeGreaterThan(recovered + 5));
    running = false;
    await traffic;

    const failed = results.filter((r) => r.status !== 200);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((r) => r.status === 503)).toBe(true);
    expect(Math.max(...failed.map((r) => r.ms))).toBeLessThan(2_000);
    // Local subscribers got every publish, the failed ones included; none twice.
    await eventually(() => expect(seenLocal.map((m) => m.n)).toEqual(results.map((r) => r.n)));
    // Remote subscribers never got anything twice (at most once across nodes); they got every
    // publish before the outage and after recovery. In between, a publish Redis accepted may
    // still miss node B while its subscription is being re-established: that is the documented loss.
    const remoteNs = seenRemote.map((m) => m.n);
    expect(new Set(remoteNs).size).toBe(remoteNs.length);
    await eventually(() => {
      const received = new Set(seenRemote.map((m) => m.n));
      for (const r of results.slice(0, beforeOutage).concat(results.slice(recovered))) if (r.status === 200) expect(received.has(r.n), `publish ${r.n}`).toBe(true);
    });

    // Presence state came back although Redis restarted empty, and nobody was announced gone.
    await eventually(async () => expect(await usersOn(b, 'presence-live')).toEqual(['ann', 'ben', 'cat']));
    await eventually(() => expect(joinedAdded.map((m) => m.id)).toEqual(['cat']));
    expect(memberEvents).toEqual([]);
  }, 30_000);
});
