// Recovery across nodes: a client that drops from node A and comes back on node B resumes there,
// because every node records what the Redis bus delivers under the publisher's serials.
import { afterAll, beforeAll, expect, it } from 'vitest';
import schema from '../../config/pogo-websocket.schema.json' with { type: 'json' };
import { RawClient, sdk, sleep, type RawMessage } from '../helpers/clients.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';
import { clusterConfig, startRedis, type TestRedis } from '../cluster/helpers.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { createEcho } from '../../src-ts/src/index';

/** The top-level field every recovered event carries its serial in. */
const serialField = schema.recovery.serialField;

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
  const second = await subscribe(b, 'orders', { resume_from: seen![serialField] as string, previous_socket_id: first.socketId });
  const replayed = await received(second, 'tick', 100);
  expect(replayed.map((m) => m.data)).toEqual(Array.from({ length: 100 }, (_, i) => String(i)));
  // Node B published live (through its own API) — and node A's API too: both arrive once.
  await sdk(b, defaultApp).trigger('orders', 'tick', 'live-b');
  await publisher.trigger('orders', 'tick', 'live-a');
  const all = await received(second, 'tick', 102);
  expect(all.slice(100).map((m) => m.data).sort()).toEqual(['live-a', 'live-b']);
  expect(new Set(all.map((m) => m[serialField])).size).toBe(102);
  expect(second.log.filter((m) => m.event === schema.recovery.discontinuityEvent)).toEqual([]);
  second.close();
}, 30_000);

it('gives the same serial for an event on every node', async () => {
  const [onA, onB] = await Promise.all([subscribe(a, 'same'), subscribe(b, 'same')]);
  await sdk(b, defaultApp).trigger('same', 'e', 'x');
  const [fromA] = await received(onA, 'e', 1);
  const [fromB] = await received(onB, 'e', 1);
  expect(fromA![serialField]).toBeDefined();
  expect(fromA![serialField]).toBe(fromB![serialField]);
  onA.close();
  onB.close();
});

it('lets the Echo preset resume on the other node after its connection to the first drops', async () => {
  const proxy = await startTcpProxy(a.port);
  const echo = createEcho({
    env: { VITE_POGO_APP_KEY: defaultApp.key, VITE_POGO_HOST: '127.0.0.1', VITE_POGO_PORT: String(proxy.port), VITE_POGO_SCHEME: 'http' },
  });
  const state = () => (echo.connector as unknown as { pusher: { connection: { state: string } } }).pusher.connection.state;
  const seen: string[] = [];
  echo.channel('moving').listen('.tick', (data: string) => seen.push(data));
  for (let i = 0; i < 200 && state() !== 'connected'; i++) await sleep(25);
  await sleep(100);
  const publisher = sdk(a, defaultApp);
  await publisher.trigger('moving', 'tick', 'before');
  for (let i = 0; i < 200 && seen.length < 1; i++) await sleep(25);

  proxy.hold();
  proxy.retarget(b.port); // the load balancer sends the reconnect to node B
  proxy.drop();
  for (let i = 0; i < 100; i += 10) {
    await publisher.triggerBatch(Array.from({ length: 10 }, (_, j) => ({ channel: 'moving', name: 'tick', data: JSON.stringify(String(i + j)) })));
  }
  await sleep(200);
  proxy.release();
  for (let i = 0; i < 400 && seen.length < 101; i++) await sleep(25);
  await sdk(b, defaultApp).trigger('moving', 'tick', 'live');
  for (let i = 0; i < 200 && seen.length < 102; i++) await sleep(25);
  expect(seen).toEqual(['before', ...Array.from({ length: 100 }, (_, i) => String(i)), 'live']);
  echo.disconnect();
  await proxy.close();
}, 30_000);
