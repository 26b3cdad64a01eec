// The watchlist across two server processes sharing one real redis-server: online/offline and
// the initial set wherever the watched user connects, a move between nodes that is no change,
// and a node killed with SIGKILL: its users go offline within the bound presence cleanup has
// (the same reaping removes both).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { collect, pusherClient, sleep, subscribed } from '../helpers/clients.js';
import { startServer, type RunningServer, type TestApp } from '../helpers/server.js';
import { clusterConfig, eventually, startRedis, type TestRedis } from '../cluster/helpers.js';
import { resetClients, idsOf, signedInClient, userAuthEndpoint, type UserAuthEndpoint } from './helpers.js';

const app: TestApp = { id: 'watch-nodes', key: 'watch-nodes-key', secret: 'watch-nodes-secret', limits: { presenceLeaveGraceMs: 0 } };
let redis: TestRedis;
let nodes: RunningServer[] = [];
let endpoint: UserAuthEndpoint;

beforeAll(async () => {
  redis = await startRedis();
  nodes = await Promise.all([0, 1].map(() => startServer(clusterConfig(redis.url, { app, prefix: 'pogo-watch-nodes:' }))));
  endpoint = await userAuthEndpoint(nodes[0]!, app);
});

beforeEach(() => onTestFailed(() => console.error(nodes.map((n, i) => `--- node ${i}:\n${n.output()}`).join('\n'))));

afterEach(() => resetClients(endpoint, 300));

afterAll(async () => {
  await endpoint?.close();
  await Promise.all(nodes.map((n) => n.stop()));
  await redis?.stop();
});

describe('watchlist across nodes (Redis)', () => {
  it('tells a watcher on one node about users on the other, and sends the initial set from the cluster', async () => {
    const [a, b] = nodes as [RunningServer, RunningServer];
    const carol = signedInClient(b, app, endpoint, 'carol');
    await carol.signedIn;
    endpoint.watchlists.set('alice', ['bob', 'carol']);
    const alice = signedInClient(a, app, endpoint, 'alice');
    await alice.signedIn;
    await eventually(() => expect(alice.events).toEqual([{ name: 'online', user_ids: ['carol'] }]));

    const bobOnB = signedInClient(b, app, endpoint, 'bob');
    await bobOnB.signedIn;
    await eventually(() => expect(idsOf(alice.events, 'online')).toEqual(['carol', 'bob']));
    // bob on both nodes, then only on A: he never went offline.
    const bobOnA = signedInClient(a, app, endpoint, 'bob');
    await bobOnA.signedIn;
    bobOnB.pusher.disconnect();
    await sleep(600);
    expect(alice.events).toHaveLength(2);
    bobOnA.pusher.disconnect();
    carol.pusher.disconnect();
    await eventually(() => expect(idsOf(alice.events, 'offline').sort()).toEqual(['bob', 'carol']));
    await sleep(300);
    expect(alice.events).toHaveLength(4);
  });

  it('carries any user id the app signed across the bus, newlines and percent signs included', async () => {
    const [a, b] = nodes as [RunningServer, RunningServer];
    const odd = 'line\nbreak 100% {x}';
    endpoint.watchlists.set('alice', [odd]);
    const alice = signedInClient(a, app, endpoint, 'alice');
    await alice.signedIn;
    const user = signedInClient(b, app, endpoint, odd);
    await user.signedIn;
    await eventually(() => expect(alice.events).toEqual([{ name: 'online', user_ids: [odd] }]));
    user.pusher.disconnect();
    await eventually(() => expect(alice.events.at(-1)).toEqual({ name: 'offline', user_ids: [odd] }));
  });

  it('keeps who is online through a Redis restart (empty): nobody announced gone, the set still answered, changes still told', async () => {
    const [a, b] = nodes as [RunningServer, RunningServer];
    endpoint.watchlists.set('alice', ['bob', 'dora']);
    const alice = signedInClient(a, app, endpoint, 'alice');
    await alice.signedIn;
    const bob = signedInClient(b, app, endpoint, 'bob');
    await bob.signedIn;
    await eventually(() => expect(alice.events).toEqual([{ name: 'online', user_ids: ['bob'] }]));

    const reregistered = () => nodes.map((n) => n.output().match(/re-registered/g)?.length ?? 0);
    const before = reregistered();
    await redis.kill();
    await redis.restart();
    // Both nodes put back what they hold (node B: bob online) before anyone asks.
    await eventually(() => expect(reregistered().every((count, i) => count > before[i]!)).toBe(true), 10_000);
    await sleep(300);
    expect(alice.events).toEqual([{ name: 'online', user_ids: ['bob'] }]);

    // A watcher signing in now asks the restarted Redis: bob is online there again.
    endpoint.watchlists.set('ann', ['bob']);
    const ann = signedInClient(a, app, endpoint, 'ann');
    await ann.signedIn;
    await eventually(() => expect(ann.events).toEqual([{ name: 'online', user_ids: ['bob'] }]));
    const dora = signedInClient(b, app, endpoint, 'dora');
    await dora.signedIn;
    bob.pusher.disconnect();
    await eventually(() => expect(alice.events.slice(1)).toEqual([{ name: 'online', user_ids: ['dora'] }, { name: 'offline', user_ids: ['bob'] }]));
  }, 30_000);

  it('takes a node killed with SIGKILL: its users go offline within the presence-cleanup bound', async () => {
    const survivor = nodes[0]!;
    const victim = await startServer(clusterConfig(redis.url, { app, prefix: 'pogo-watch-nodes:' }));
    try {
      endpoint.watchlists.set('alice', ['bob', 'eve']);
      const alice = signedInClient(survivor, app, endpoint, 'alice');
      await alice.signedIn;
      // A presence member on the same node, to compare with presence cleanup.
      const presenceWatcher = pusherClient(survivor, app, { user: { id: 'presence-watcher' } });
      await subscribed(presenceWatcher, 'presence-ops');
      const removed = collect(presenceWatcher, 'presence-ops', 'pusher:member_removed') as { id: string }[];
      const bob = signedInClient(victim, app, endpoint, 'bob');
      await bob.signedIn;
      const bobPresence = pusherClient(victim, app, { user: { id: 'bob' } });
      await subscribed(bobPresence, 'presence-ops');
      await eventually(() => expect(idsOf(alice.events, 'online')).toEqual(['bob']));

      const killedAt = Date.now();
      victim.process.kill('SIGKILL');
      // Their side only: pusher-js would otherwise keep reconnecting to the dead port.
      bob.pusher.disconnect();
      bobPresence.disconnect();
      let offlineAt = 0;
      let removedAt = 0;
      await eventually(() => {
        if (!offlineAt && idsOf(alice.events, 'offline').includes('bob')) offlineAt = Date.now();
        if (!removedAt && removed.some((m) => m.id === 'bob')) removedAt = Date.now();
        expect(offlineAt * removedAt).toBeGreaterThan(0);
      }, 8_000, 20);
      // nodeTimeoutSeconds is 2 (heartbeats every 2/3 s): the node is reaped after its lease runs out,
      // and the same reaping removes the presence member and the online user.
      expect(offlineAt - killedAt).toBeGreaterThan(1_000);
      expect(offlineAt - killedAt).toBeLessThan(5_000);
      expect(Math.abs(offlineAt - removedAt)).toBeLessThan(1_000);
      expect(alice.events).toEqual([
        { name: 'online', user_ids: ['bob'] },
        { name: 'offline', user_ids: ['bob'] },
      ]);
      presenceWatcher.disconnect();
    } finally {
      await victim.stop();
    }
  });
});
