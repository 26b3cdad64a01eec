// A real Redis Cluster (three masters on loopback): the bus runs on sharded pub/sub
// (SPUBLISH/SSUBSCRIBE over 16 channels spread across the shards), the store's keys of one
// channel share a hash tag so its Lua scripts run on one shard.
import type Pusher from 'pusher-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { collect, pusherClient, sdk, sleep, subscribed } from '../helpers/clients.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';
import { eventually, startRedisCluster } from './helpers.js';

let cluster: Awaited<ReturnType<typeof startRedisCluster>>;
let nodes: RunningServer[] = [];
const clients: Pusher[] = [];

beforeAll(async () => {
  cluster = await startRedisCluster();
  const config = { apps: [defaultApp], redis: { cluster: cluster.nodes, prefix: 'pogo-rc:', nodeTimeoutSeconds: 2 } };
  nodes = await Promise.all([startServer(config), startServer(config)]);
}, 60_000);

// When a test fails, what the nodes printed says why (a crash, a Redis problem).
beforeEach(() => onTestFailed(() => console.error(nodes.map((n, i) => `--- node ${i}:\n${n.output()}`).join('\n'))));

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await Promise.all(nodes.map((n) => n.stop()));
  await cluster?.stop();
});

function client(node: RunningServer, user?: { id: string }): Pusher {
  const c = pusherClient(node, defaultApp, user ? { user } : {});
  clients.push(c);
  return c;
}

describe('Redis Cluster with sharded pub/sub', () => {
  it('delivers across nodes exactly once on channels spread over the shards', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `shard-${i}`);
    const [a, b] = [client(nodes[0]!), client(nodes[1]!)];
    for (const name of names) await Promise.all([subscribed(a, name), subscribed(b, name)]);
    const seen = names.map((name) => [collect(a, name, 'e'), collect(b, name, 'e')]);
    for (const name of names) await sdk(nodes[0]!, defaultApp).trigger(name, 'e', { name });
    await eventually(() => expect(seen.flat().map((s) => s.length)).toEqual(Array(16).fill(1)));
    await sleep(200);
    expect(seen.flat().map((s) => s.length)).toEqual(Array(16).fill(1));
  });

  it('keeps presence and counts cluster-wide', async () => {
    const watcher = client(nodes[0]!, { id: 'w' });
    await subscribed(watcher, 'presence-rc');
    const added = collect(watcher, 'presence-rc', 'pusher:member_added') as { id: string }[];
    await subscribed(client(nodes[1]!, { id: 'x' }), 'presence-rc');
    await subscribed(client(nodes[0]!, { id: 'x' }), 'presence-rc');
    await eventually(() => expect(added.map((m) => m.id)).toEqual(['x']));
    const body = (await (await sdk(nodes[1]!, defaultApp).get({ path: '/channels/presence-rc', params: { info: 'user_count,subscription_count' } })).json()) as unknown;
    expect(body).toEqual({ occupied: true, user_count: 2, subscription_count: 3 });
  });
});
