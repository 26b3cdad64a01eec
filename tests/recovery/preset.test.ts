// Recovery through the Echo preset: a client whose TCP connection drops gets, after pusher-js
// reconnects, exactly the events published in the gap, in order, then live ones; a plain
// pusher-js client on the same channel sees no change; beyond the window, onDiscontinuity fires.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEcho, onDiscontinuity, recoveryOf, type Discontinuity } from '../../src-ts/src/index';
import { collect, pusherClient, sdk, sleep, subscribed } from '../helpers/clients';
import { defaultApp, startServer, type RunningServer, type TestApp } from '../helpers/server';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';

let server: RunningServer;
let proxy: TcpProxy;
const shortWindow: TestApp = { id: 'short', key: 'short-key', secret: 'short-secret', limits: { recoveryWindowSeconds: 1 } };

beforeAll(async () => {
  server = await startServer({ apps: [defaultApp, shortWindow] });
  proxy = await startTcpProxy(server.port);
});
afterAll(async () => {
  await proxy.close();
  await server.stop();
});

function echoThroughProxy(app: TestApp) {
  return createEcho({
    env: { VITE_POGO_APP_KEY: app.key, VITE_POGO_HOST: '127.0.0.1', VITE_POGO_PORT: String(proxy.port), VITE_POGO_SCHEME: 'http' },
  });
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const started = Date.now(); !condition(); await sleep(25)) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
  }
}

const state = (echo: ReturnType<typeof createEcho>) => (echo.connector as unknown as { pusher: { connection: { state: string } } }).pusher.connection.state;

it('replays exactly the 100 events missed during a network drop, in order, then live ones', async () => {
  const echo = echoThroughProxy(defaultApp);
  const seen: string[] = [];
  echo.channel('orders').listen('.tick', (data: string) => seen.push(data));
  const plain = pusherClient(server, defaultApp);
  await subscribed(plain, 'orders');
  const plainSeen = collect(plain, 'orders', 'tick');
  await until(() => state(echo) === 'connected');
  await sleep(100);

  const publisher = sdk(server, defaultApp);
  await publisher.trigger('orders', 'tick', 'before');
  await until(() => seen.length === 1);
  expect(recoveryOf(echo).serialOf('orders')).toMatch(/^[0-9A-Za-z]{8}$/);

  proxy.hold();
  proxy.drop();
  await until(() => state(echo) !== 'connected');
  for (let i = 0; i < 100; i += 10) {
    await publisher.triggerBatch(Array.from({ length: 10 }, (_, j) => ({ channel: 'orders', name: 'tick', data: JSON.stringify(String(i + j)) })));
  }
  proxy.release();
  await until(() => seen.length === 101);
  await publisher.trigger('orders', 'tick', 'live');
  await until(() => seen.length === 102);
  await sleep(200);
  expect(seen).toEqual(['before', ...Array.from({ length: 100 }, (_, i) => String(i)), 'live']);
  expect(plainSeen).toEqual(seen); // the plain client, never disconnected, saw the same stream once
  echo.disconnect();
  plain.disconnect();
}, 30_000);

it('reports a discontinuity beyond the window and then delivers live events', async () => {
  const echo = echoThroughProxy(shortWindow);
  const seen: unknown[] = [];
  const gaps: Discontinuity[] = [];
  echo.channel('prices').listen('.price', (data: unknown) => seen.push(data));
  onDiscontinuity(echo, 'prices', (gap) => gaps.push(gap));
  await until(() => state(echo) === 'connected');
  await sleep(100);
  const publisher = sdk(server, shortWindow);
  await publisher.trigger('prices', 'price', { p: 1 });
  await until(() => seen.length === 1);

  proxy.hold();
  proxy.drop();
  await publisher.trigger('prices', 'price', 'missed');
  await sleep(2_200);
  proxy.release();
  await until(() => gaps.length === 1);
  expect(gaps[0]).toMatchObject({ reason: 'WINDOW_EXPIRED' });
  await publisher.trigger('prices', 'price', { p: 2 });
  await until(() => seen.length === 2);
  expect(seen).toEqual([{ p: 1 }, { p: 2 }]);
  echo.disconnect();
}, 30_000);
