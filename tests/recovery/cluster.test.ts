// Recovery across nodes: a client that drops from node A and comes back on node B resumes there,
// because every node records what the Redis bus delivers under the publisher's serials.
import { afterAll, beforeAll, expect, it } from 'vitest';
import schema from '../../config/pogo-websocket.schema.json' with { type: 'json' };
import { RawClient, sdk, sleep, type RawMessage } from '../helpers/clients.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';
import { clusterConfig, startRedis, type TestRedis } from '../cluster/helpers.js';

let redis: TestRedis;
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  redis = await startRedis();
  [a, b] = await Promise.all([startServer(clusterConfig(redis.url)), startServer(clusterConfig(redis.url))]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

async function subscribe(server: RunningServer, channel: string, extra: Record<string, string> = {}): Promise<RawClient> {
  const client = await RawClient.connect(server, defaultApp.key);
  client.send({ event: 'pusher:subscribe', data: { channel, ...extra } });
  await client.nextEvent('pusher_internal:subscription_succeeded');
  return client;
}

async function received(client: RawClient, event: string, count: number): Promise<RawMessage[]> {
  for (let i = 0; i < 200 && client.log.filter((m) => m.event === event).length < count; i++) await sleep(25);
  return client.log.filter((m) => m.event === event);
}

it('resumes on another node: exactly the 100 missed events, in order, then live ones', async () => {
  const first = await subscribe(a, 'orders');
  const publisher = sdk(a, defaultApp);
  await publisher.trigger('orders', 'tick', 'before');
  const [seen] = await received(first, 'tick', 1);
  first.ws.terminate();
  for (let i = 0; i < 100; i += 10) {
    await publisher.triggerBatch(Array.from({ length: 10 }, (_, j) => ({ channel: 'orders', name: 'tick', data: String(i + j) })));
  }
  await sleep(200); // let the bus carry them to node B
  const second = await subscribe(b, 'orders', { resume_from: seen!.serial as string, previous_socket_id: first.socketId });
  const replayed = await received(second, 'tick', 100);
  expect(replayed.map((m) => m.data)).toEqual(Array.from({ length: 100 }, (_, i) => String(i)));
  // Node B published live (through its own API) — and node A's API too: both arrive once.
  await sdk(b, defaultApp).trigger('orders', 'tick', 'live-b');
  await publisher.trigger('orders', 'tick', 'live-a');
  const all = await received(second, 'tick', 102);
  expect(all.slice(100).map((m) => m.data).sort()).toEqual(['live-a', 'live-b']);
  expect(new Set(all.map((m) => m.serial)).size).toBe(102);
  expect(second.log.filter((m) => m.event === schema.recovery.discontinuityEvent)).toEqual([]);
  second.close();
}, 30_000);

it('gives the same serial for an event on every node', async () => {
  const [onA, onB] = await Promise.all([subscribe(a, 'same'), subscribe(b, 'same')]);
  await sdk(b, defaultApp).trigger('same', 'e', 'x');
  const [fromA] = await received(onA, 'e', 1);
  const [fromB] = await received(onB, 'e', 1);
  expect(fromA!.serial).toBeDefined();
  expect(fromA!.serial).toBe(fromB!.serial);
  onA.close();
  onB.close();
});
