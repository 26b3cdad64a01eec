// Subscription counts (`subscriptionCount: true`) are the cluster's, told to every node's
// subscribers; and what a cache channel replays is its last event, never a presence notice.
import type Pusher from 'pusher-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { pusherClient, sdk, subscribed } from '../helpers/clients.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';
import { clusterConfig, eventually, startRedis, type TestRedis } from './helpers.js';

let redis: TestRedis;
let nodes: RunningServer[] = [];
const clients: Pusher[] = [];
const app = { ...defaultApp, subscriptionCount: true };

beforeAll(async () => {
  redis = await startRedis();
  const config = clusterConfig(redis.url, { app, prefix: 'pogo-counts:' });
  nodes = await Promise.all([startServer(config), startServer(config)]);
});

// When a test fails, what the nodes printed says why (a crash, a Redis problem).
beforeEach(() => onTestFailed(() => console.error(nodes.map((n, i) => `--- node ${i}:\n${n.output()}`).join('\n'))));

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await Promise.all(nodes.map((n) => n.stop()));
  await redis?.stop();
});

function client(node: RunningServer, user?: { id: string }): Pusher {
  const c = pusherClient(node, defaultApp, user ? { user } : {});
  clients.push(c);
  return c;
}

function counts(c: Pusher, channel: string): number[] {
  const seen: number[] = [];
  c.channel(channel)!.bind('pusher:subscription_count', (d: { subscription_count: number }) => seen.push(d.subscription_count));
  return seen;
}

describe('cluster-wide subscription counts', () => {
  it('tells subscribers on every node the total, as it goes up and down', async () => {
    const a = client(nodes[0]!);
    await subscribed(a, 'counted');
    const onA = counts(a, 'counted');
    const b1 = client(nodes[1]!);
    const b2 = client(nodes[1]!);
    await subscribed(b1, 'counted');
    const onB = counts(b1, 'counted');
    await subscribed(b2, 'counted');
    await eventually(() => {
      expect(onA.at(-1)).toBe(3);
      expect(onB.at(-1)).toBe(3);
    });
    b2.disconnect();
    await eventually(() => {
      expect(onA.at(-1)).toBe(2);
      expect(onB.at(-1)).toBe(2);
    });
  });
});

describe('cache channels keep events only', () => {
  it('replays the last event of a presence-cache channel, not the member_added that followed it', async () => {
    const first = client(nodes[0]!, { id: 'first' });
    await subscribed(first, 'presence-cache-board');
    await sdk(nodes[0]!, defaultApp).trigger('presence-cache-board', 'score', { home: 1 });
    await subscribed(client(nodes[1]!, { id: 'second' }), 'presence-cache-board');
    for (const node of nodes) {
      const late = client(node, { id: `late-${node.port}` });
      const replay = new Promise((resolve) => late.subscribe('presence-cache-board').bind('score', resolve));
      expect(await replay).toEqual({ home: 1 });
    }
  });
});
