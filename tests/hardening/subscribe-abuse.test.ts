// One client (or one address) must not take from everyone else what the app shares: server-side
// authorization slots, the webhook queue, the HTTP API's rate. Each attacked while a legitimate
// client on the same app does its work and must not notice.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import PusherServer from 'pusher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import schema from '../../config/pogo-websocket.schema.json' with { type: 'json' };
import { RawClient, sdk, sleep, type RawMessage } from '../helpers/clients.js';
import { requestBody } from '../helpers/raw-http.js';
import { startServer, type RunningServer, type TestApp } from '../helpers/server.js';

const authed = { id: 'authed', key: 'authed-key', secret: 'authed-secret', authEndpoint: '', limits: { serverAuthTimeoutMs: 2_000 } } satisfies TestApp;
const hooked: TestApp = { id: 'hooked', key: 'hooked-key', secret: 'hooked-secret', webhooks: [] };
const limited: TestApp = { id: 'limited', key: 'limited-key', secret: 'limited-secret', limits: { httpRequestsPerSecond: 4, httpRequestBurst: 4 } };
const plain: TestApp = { id: 'plain', key: 'plain-key', secret: 'plain-secret' };
const signer = new PusherServer({ appId: authed.id, key: authed.key, secret: authed.secret, host: '127.0.0.1' });

let server: RunningServer;
let endpoint: Server;
/** Webhook events as they arrived, with when. */
const webhooks: { at: number; name: string; channel: string; user_id?: string }[] = [];

beforeAll(async () => {
  // The Laravel app: /auth signs for the cookie "session=alice" after 300 ms (refuses others after 300 ms);
  // /hooks takes 200 ms per webhook request, as a busy app would.
  endpoint = createServer(async (req, res) => {
    const body = await requestBody(req);
    if (req.url === '/hooks') {
      const at = Date.now();
      for (const event of (JSON.parse(body) as { events: { name: string; channel: string; user_id?: string }[] }).events) webhooks.push({ at, ...event });
      return void setTimeout(() => res.writeHead(200).end('{}'), 200);
    }
    const params = new URLSearchParams(body);
    await sleep(300);
    if (req.headers.cookie !== 'session=alice') return void res.writeHead(403).end('{}');
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(signer.authorizeChannel(params.get('socket_id')!, params.get('channel_name')!)));
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`;
  authed.authEndpoint = `${base}/auth`;
  hooked.webhooks = [{ url: `${base}/hooks`, events: ['channel_occupied', 'channel_vacated', 'member_added', 'member_removed'] }];
  server = await startServer({ apps: [authed, hooked, limited, plain], webhooks: { vacatedDelayMs: 0 } });
});
afterAll(async () => {
  await server.stop();
  endpoint.close();
});

function connect(key: string, cookie?: string): Promise<RawClient> {
  const client = new RawClient(`ws://${server.host}:${server.port}/app/${key}?protocol=7`, cookie ? { Cookie: cookie } : {});
  return client.nextEvent('pusher:connection_established').then(() => client);
}

const outcomeOf = (client: RawClient, channel: string) =>
  client.next((m: RawMessage) => m.channel === channel && (m.event === 'pusher_internal:subscription_succeeded' || m.event === 'pusher:subscription_error'), 10_000);

describe('server-side authorization', () => {
  it('one anonymous connection flooding private subscribes cannot starve another client of authorizations', async () => {
    const attacker = await connect(authed.key);
    let round = 0;
    const flood = setInterval(() => {
      for (let i = 0; i < 40; i++) attacker.send({ event: 'pusher:subscribe', data: { channel: `private-flood-${round}-${i}` } });
      round++;
    }, 100);
    await sleep(300);
    const victim = await connect(authed.key, 'session=alice');
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const channel = `private-mine-${i}`;
        victim.send({ event: 'pusher:subscribe', data: { channel } });
        return outcomeOf(victim, channel);
      }),
    );
    clearInterval(flood);
    expect(outcomes.map((m) => m.event)).toEqual(Array(10).fill('pusher_internal:subscription_succeeded'));
    // The attacker was told why.
    const refused = attacker.log.find((m) => m.event === 'pusher:error' && (m.data as { code: number }).code === schema.errorCodes.SUBSCRIBE_RATE_LIMIT.code);
    expect(refused).toBeDefined();
    attacker.close();
    victim.close();
  }, 30_000);
});

describe('subscribe rate per connection', () => {
  it('refuses subscribes past the burst with 4312 and admits again as the bucket refills', async () => {
    const client = await connect(plain.key);
    const burst = schema.limits.subscribeBurst;
    for (let i = 0; i < burst + 100; i++) client.send({ event: 'pusher:subscribe', data: { channel: `rate-${i}` } });
    const last = await outcomeOf(client, `rate-${burst + 99}`);
    expect(last.event).toBe('pusher:subscription_error');
    expect((last.data as { status: number }).status).toBe(429);
    const succeeded = client.log.filter((m) => m.event === 'pusher_internal:subscription_succeeded').length;
    expect(succeeded).toBeGreaterThanOrEqual(burst);
    expect(succeeded).toBeLessThan(burst + 20);
    const errors = client.log.filter((m) => m.event === 'pusher:error' && (m.data as { code: number }).code === schema.errorCodes.SUBSCRIBE_RATE_LIMIT.code);
    expect(errors.length).toBeGreaterThan(70);
    // Unsubscribing is never limited, and the bucket refills.
    for (let i = 0; i < burst; i++) client.send({ event: 'pusher:unsubscribe', data: { channel: `rate-${i}` } });
    await sleep(1_100);
    client.send({ event: 'pusher:subscribe', data: { channel: 'after-pause' } });
    expect((await outcomeOf(client, 'after-pause')).event).toBe('pusher_internal:subscription_succeeded');
    client.close();
  });
});

describe('webhooks under a subscribe/unsubscribe flood', () => {
  it('a member_added is delivered promptly while clients churn unique channels', async () => {
    // Ten connections, each as fast as its subscribe rate allows: more occupied/vacated than the app takes in.
    const attackers = await Promise.all(Array.from({ length: 10 }, () => connect(hooked.key)));
    let n = 0;
    const churn = setInterval(() => {
      for (const attacker of attackers) {
        for (let i = 0; i < 30; i++, n++) {
          attacker.send({ event: 'pusher:subscribe', data: { channel: `churn-${n}` } });
          attacker.send({ event: 'pusher:unsubscribe', data: { channel: `churn-${n}` } });
        }
      }
    }, 10);
    await sleep(2_000);
    const member = await connect(hooked.key);
    const channel = 'presence-room';
    const auth = sdk(server, hooked).authorizeChannel(member.socketId, channel, { user_id: 'bob' });
    const joinedAt = Date.now();
    member.send({ event: 'pusher:subscribe', data: { channel, ...auth } });
    await member.nextEvent('pusher_internal:subscription_succeeded');
    let added: (typeof webhooks)[number] | undefined;
    for (let i = 0; i < 60 && !added; i++) {
      await sleep(100);
      added = webhooks.find((w) => w.name === 'member_added' && w.channel === channel);
    }
    clearInterval(churn);
    expect(added, 'member_added never arrived').toBeDefined();
    expect(added!.at - joinedAt).toBeLessThan(1_500);
    for (const attacker of attackers) attacker.close();
    member.close();
  }, 30_000);
});

describe('HTTP API rate limit', () => {
  it('is charged only for authentic requests: an unsigned flood does not make signed publishes fail', async () => {
    const client = sdk(server, limited);
    let stop = false;
    const flood = (async () => {
      while (!stop) {
        await Promise.all(Array.from({ length: 5 }, () => fetch(`${server.url}/apps/limited/events?auth_key=nope`, { method: 'POST', body: '{}' }).then((r) => r.arrayBuffer())));
        await sleep(100);
      }
    })();
    await sleep(1_200);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(await client.trigger('c', 'e', { i }).then((r) => r.status, (e: { status: number }) => e.status));
      await sleep(350);
    }
    stop = true;
    await flood;
    expect(statuses).toEqual(Array(8).fill(200));
  }, 30_000);

  it('answers a flood of unauthenticated requests from one address with 429 once its own bucket is empty', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 120 }, () => fetch(`${server.url}/apps/plain/channels?auth_key=plain-key&auth_timestamp=1&auth_signature=00`).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    // The app's own signed requests are untouched.
    expect((await sdk(server, plain).get({ path: '/channels' })).status).toBe(200);
  });
});
