// Churn: thousands of connect → subscribe (public, private, presence) → disconnect cycles.
// Afterwards nothing is left behind: no connection, channel or presence member, and memory settles.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RawClient, sdk, sleep } from '../helpers/clients.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

interface Health {
  connections: number;
  channels: number;
  presenceMembers: number;
  signedInUsers: number;
  memory: { rss: number; heapUsed: number };
}
const health = async (): Promise<Health> => (await fetch(`${server.url}/up`)).json() as Promise<Health>;

async function cycle(i: number): Promise<void> {
  const client = await RawClient.connect(server, defaultApp.key);
  const signer = sdk(server, defaultApp);
  const presence = signer.authorizeChannel(client.socketId, 'presence-soak', { user_id: `user-${i % 50}`, user_info: { i } });
  client.send({ event: 'pusher:subscribe', data: { channel: `public-${i % 20}` } });
  client.send({ event: 'pusher:subscribe', data: { channel: 'private-soak', auth: signer.authorizeChannel(client.socketId, 'private-soak').auth } });
  client.send({ event: 'pusher:subscribe', data: { channel: 'presence-soak', ...presence } });
  await client.next((m) => m.event === 'pusher_internal:subscription_succeeded' && m.channel === 'presence-soak');
  // Half leave politely, half just drop the TCP connection.
  if (i % 2 === 0) client.close();
  else client.ws.terminate();
  await client.closed;
}

async function churn(cycles: number, concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cycles) await cycle(next++);
    }),
  );
}

async function settled(): Promise<Health> {
  for (let i = 0; i < 50; i++) {
    const h = await health();
    if (h.connections === 0) return h;
    await sleep(100);
  }
  return health();
}

it('leaves no connection, channel or presence member behind after churn, and memory returns to its baseline', async () => {
  await churn(300, 50); // warm-up: JIT, pools
  const baseline = await settled();
  await churn(3000, 100);
  const after = await settled();
  expect(after).toMatchObject({ connections: 0, channels: 0, presenceMembers: 0, signedInUsers: 0 });
  const users = await sdk(server, defaultApp).get({ path: '/channels/presence-soak/users' });
  expect(await users.json()).toEqual({ users: [] });
  // 3000 leaked connections would hold tens of MB; garbage not yet collected stays well below that.
  expect(after.memory.rss - baseline.memory.rss).toBeLessThan(40 * 1024 * 1024);
}, 120_000);
