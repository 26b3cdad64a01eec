// Three server processes sharing one real redis-server: what a client sees must not depend on
// which node it reached. Broadcasts exactly once, exclusions, client events, presence,
// cluster-wide HTTP API answers, terminate/server-to-user, cache channels, webhooks once.
import type Pusher from 'pusher-js';
import type { PresenceChannel } from 'pusher-js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { collect, connected, pusherClient, sdk, sleep, subscribed } from '../helpers/clients.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';
import { clusterConfig, eventually, startRedis, webhookReceiver, type TestRedis, type WebhookEvent } from './helpers.js';

let redis: TestRedis;
let hooks: Awaited<ReturnType<typeof webhookReceiver>>;
let nodes: RunningServer[] = [];
const clients: Pusher[] = [];

const app = {
  ...defaultApp,
  webhooks: [{ url: '', events: ['channel_occupied', 'channel_vacated', 'member_added', 'member_removed'] }],
};

function client(node: RunningServer, user?: { id: string; info?: Record<string, unknown> }): Pusher {
  const c = pusherClient(node, defaultApp, user ? { user } : {});
  clients.push(c);
  return c;
}

const settle = () => sleep(300);

beforeAll(async () => {
  redis = await startRedis();
  hooks = await webhookReceiver();
  app.webhooks[0]!.url = hooks.url;
  const config = clusterConfig(redis.url, { app, prefix: 'pogo-nodes:', webhooks: { vacatedDelayMs: 0, batchIntervalMs: 10 } });
  nodes = await Promise.all([startServer(config), startServer(config), startServer(config)]);
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await sleep(100);
});

// When a test fails, what the nodes printed says why (a crash, a Redis problem).
beforeEach(() => onTestFailed(() => console.error(nodes.map((n, i) => `--- node ${i}:\n${n.output()}`).join('\n'))));

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await hooks?.close();
  await redis?.stop();
});

const hooksFor = (channel: string, name?: string): WebhookEvent[] =>
  hooks.events.filter((e) => e.channel === channel && (name === undefined || e.name === name));

describe('publishing across nodes', () => {
  it('delivers an HTTP API broadcast to subscribers on every node exactly once', async () => {
    const subscribers = nodes.flatMap((node) => [client(node), client(node)]);
    await Promise.all(subscribers.map((c) => subscribed(c, 'news')));
    const seen = subscribers.map((c) => collect(c, 'news', 'headline'));
    for (let i = 0; i < 5; i++) await sdk(nodes[i % 3]!, defaultApp).trigger('news', 'headline', { i });
    await eventually(() => expect(seen.map((s) => s.length)).toEqual(Array(6).fill(5)));
    await settle();
    expect(seen.map((s) => s.length)).toEqual(Array(6).fill(5));
    for (const s of seen) expect(s).toEqual([0, 1, 2, 3, 4].map((i) => ({ i })));
  });

  it('excludes the socket_id given to the API even when it is on another node', async () => {
    const [a, b, c] = [client(nodes[0]!), client(nodes[1]!), client(nodes[2]!)];
    await Promise.all([a, b, c].map((x) => subscribed(x, 'scores')));
    const seen = [a, b, c].map((x) => collect(x, 'scores', 'goal'));
    const excluded = await connected(b);
    await sdk(nodes[0]!, defaultApp).trigger('scores', 'goal', { n: 1 }, { socket_id: excluded });
    await eventually(() => expect([seen[0]!.length, seen[2]!.length]).toEqual([1, 1]));
    await settle();
    expect(seen.map((s) => s.length)).toEqual([1, 0, 1]);
  });

  it('relays client events to the other nodes, never back to the sender', async () => {
    const [a, b, c] = [client(nodes[0]!), client(nodes[1]!), client(nodes[2]!)];
    await Promise.all([a, b, c].map((x) => subscribed(x, 'private-room')));
    const seen = [a, b, c].map((x) => collect(x, 'private-room', 'client-typing'));
    a.channel('private-room')!.trigger('client-typing', { who: 'a' });
    await eventually(() => expect([seen[1]!.length, seen[2]!.length]).toEqual([1, 1]));
    await settle();
    expect(seen.map((s) => s.length)).toEqual([0, 1, 1]);
  });

  it('sends server-to-user messages and terminate_connections to every node', async () => {
    const onB = client(nodes[1]!, { id: 'carol' });
    const onC = client(nodes[2]!, { id: 'carol' });
    for (const c of [onB, onC]) {
      c.signin();
      await c.user.signinDonePromise;
    }
    const got = [onB, onC].map((c) => new Promise((resolve) => c.user.bind('invoice', resolve)));
    await sdk(nodes[0]!, defaultApp).sendToUser('carol', 'invoice', { total: 42 });
    expect(await Promise.all(got)).toEqual([{ total: 42 }, { total: 42 }]);

    const closed = [onB, onC].map((c) => new Promise((resolve) => c.connection.bind('state_change', (s: { current: string }) => s.current !== 'connected' && resolve(s.current))));
    const bystander = client(nodes[2]!, { id: 'dave' });
    await connected(bystander);
    await sdk(nodes[0]!, defaultApp).terminateUserConnections('carol');
    await Promise.all(closed);
    expect(bystander.connection.state).toBe('connected');
  });
});

describe('presence across nodes', () => {
  it('adds a member on the first connection anywhere and removes it on the last', async () => {
    const watcher = client(nodes[2]!, { id: 'watcher' });
    await subscribed(watcher, 'presence-team');
    const added = collect(watcher, 'presence-team', 'pusher:member_added') as { id: string }[];
    const removed = collect(watcher, 'presence-team', 'pusher:member_removed') as { id: string }[];

    const aliceOnA = client(nodes[0]!, { id: 'alice', info: { name: 'Alice' } });
    await subscribed(aliceOnA, 'presence-team');
    const aliceOnB = client(nodes[1]!, { id: 'alice', info: { name: 'Alice' } });
    const snapshot = (await subscribed(aliceOnB, 'presence-team')) as { count: number; members: Record<string, unknown> };
    // The snapshot on node B holds members connected to nodes A and C.
    expect(snapshot.count).toBe(2);
    expect(snapshot.members).toEqual({ alice: { name: 'Alice' }, watcher: null });
    await settle();
    expect(added.map((m) => m.id)).toEqual(['alice']);

    const users = async () => ((await (await sdk(nodes[1]!, defaultApp).get({ path: '/channels/presence-team/users' })).json()) as { users: { id: string }[] }).users.map((u) => u.id).sort();
    expect(await users()).toEqual(['alice', 'watcher']);

    aliceOnA.disconnect();
    await settle();
    expect(removed).toEqual([]);
    expect(await users()).toEqual(['alice', 'watcher']);
    aliceOnB.disconnect();
    await eventually(() => expect(removed.map((m) => m.id)).toEqual(['alice']));
    expect(await users()).toEqual(['watcher']);
    expect((watcher.channel('presence-team') as PresenceChannel).members.count).toBe(1);

    await eventually(() => {
      expect(hooksFor('presence-team', 'member_added').map((e) => e.user_id).sort()).toEqual(['alice', 'watcher']);
      expect(hooksFor('presence-team', 'member_removed').map((e) => e.user_id)).toEqual(['alice']);
    });
  });
});

describe('the HTTP API answers for the whole cluster', () => {
  it('lists channels, subscription counts and user counts from every node', async () => {
    const subs = [client(nodes[0]!), client(nodes[1]!), client(nodes[1]!)];
    await Promise.all(subs.map((c) => subscribed(c, 'orders')));
    await subscribed(client(nodes[0]!), 'invoices');
    const p1 = client(nodes[0]!, { id: 'u1' });
    const p2 = client(nodes[1]!, { id: 'u1' });
    const p3 = client(nodes[1]!, { id: 'u2' });
    await Promise.all([p1, p2, p3].map((c) => subscribed(c, 'presence-lobby')));

    const api = sdk(nodes[2]!, defaultApp); // a node where nobody is connected
    const list = (await (await api.get({ path: '/channels' })).json()) as { channels: Record<string, unknown> };
    expect(Object.keys(list.channels)).toEqual(expect.arrayContaining(['orders', 'invoices', 'presence-lobby']));

    const orders = (await (await api.get({ path: '/channels/orders', params: { info: 'subscription_count' } })).json()) as Record<string, unknown>;
    expect(orders).toEqual({ occupied: true, subscription_count: 3 });

    const lobby = (await (await api.get({ path: '/channels/presence-lobby', params: { info: 'user_count,subscription_count' } })).json()) as Record<string, unknown>;
    expect(lobby).toEqual({ occupied: true, user_count: 2, subscription_count: 3 });

    const presence = (await (await api.get({ path: '/channels', params: { filter_by_prefix: 'presence-', info: 'user_count' } })).json()) as { channels: Record<string, unknown> };
    expect(presence.channels['presence-lobby']).toEqual({ user_count: 2 });
  });
});

describe('cache channels across nodes', () => {
  it('replays the last event published anywhere to a node that started afterwards', async () => {
    await sdk(nodes[0]!, defaultApp).trigger('cache-weather', 'forecast', { sky: 'clear' });
    const late = await startServer(clusterConfig(redis.url, { app, prefix: 'pogo-nodes:', webhooks: { vacatedDelayMs: 0, batchIntervalMs: 10 } }));
    try {
      const c = client(late);
      const replay = new Promise((resolve) => c.subscribe('cache-weather').bind('forecast', resolve));
      expect(await replay).toEqual({ sky: 'clear' });
      const missed = client(late);
      const miss = new Promise((resolve) => missed.subscribe('cache-nothing').bind('pusher:cache_miss', () => resolve('miss')));
      expect(await miss).toBe('miss');
    } finally {
      for (const c of clients.splice(0)) c.disconnect();
      await late.stop();
    }
  });
});

describe('webhooks fire once for the cluster', () => {
  it('sends channel_occupied and channel_vacated once when several nodes hold the channel', async () => {
    const subs = [client(nodes[0]!), client(nodes[1]!), client(nodes[2]!)];
    for (const c of subs) await subscribed(c, 'private-busy');
    await eventually(() => expect(hooksFor('private-busy', 'channel_occupied')).toHaveLength(1));
    subs[0]!.disconnect();
    subs[1]!.disconnect();
    await settle();
    expect(hooksFor('private-busy', 'channel_vacated')).toHaveLength(0);
    subs[2]!.disconnect();
    await eventually(() => expect(hooksFor('private-busy', 'channel_vacated')).toHaveLength(1));
    await settle();
    expect(hooksFor('private-busy').map((e) => e.name)).toEqual(['channel_occupied', 'channel_vacated']);
  });
});
