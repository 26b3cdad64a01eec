// Server-side authorization: subscriptions without `auth` are authorized by calling the app,
// with the client's cookies, bounded by a timeout, a response cap and a circuit breaker.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import PusherServer from 'pusher';
import schema from '../../config/pogo-websocket.schema.json' with { type: 'json' };
import { pusherClient, RawClient, sleep } from '../helpers/clients.js';
import { requestBody } from '../helpers/raw-http.js';
import { startServer, type RunningServer } from '../helpers/server.js';

type Mode = 'sign' | 'slow' | 'fail' | 'huge' | 'forge';
let mode: Mode = 'sign';
let calls: { cookie?: string; verified: boolean; body: string }[] = [];
let endpoint: Server;
let server: RunningServer;
const app = { id: 'ssa', key: 'ssa-key', secret: 'ssa-secret', authEndpoint: '', limits: { serverAuthTimeoutMs: 300, serverAuthBreakerFailures: 3, serverAuthBreakerOpenSeconds: 2 } };
const signer = new PusherServer({ appId: app.id, key: app.key, secret: app.secret, host: '127.0.0.1' });

beforeAll(async () => {
  // Plays the Laravel app's authorization route.
  endpoint = createServer(async (req, res) => {
    const body = await requestBody(req);
    const timestamp = String(req.headers['x-pogo-timestamp']);
    const expected = createHmac('sha256', app.secret).update(`${timestamp}\n${body}`).digest('hex');
    calls.push({ cookie: req.headers.cookie, verified: expected === req.headers['x-pogo-signature'] && req.headers['x-pogo-key'] === app.key, body });
    const params = new URLSearchParams(body);
    const socketId = params.get('socket_id')!;
    const channel = params.get('channel_name')!;
    if (mode === 'slow') return void setTimeout(() => res.end('{}'), 1_000);
    if (mode === 'fail') return void res.writeHead(500).end('boom');
    if (mode === 'huge') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ auth: 'x'.repeat(20_000) }));
    if (req.headers.cookie !== 'session=alice') return void res.writeHead(403).end('{"message":"Forbidden"}');
    const signed = mode === 'forge'
      ? { auth: `${app.key}:${'0'.repeat(64)}` }
      : signer.authorizeChannel(socketId, channel, channel.startsWith('presence-') ? { user_id: 'alice', user_info: { name: 'Alice' } } : undefined);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(signed));
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  app.authEndpoint = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/pogo/auth`;
  server = await startServer({ apps: [app] });
});
afterAll(async () => {
  await server.stop();
  endpoint.close();
});
beforeEach(() => {
  mode = 'sign';
  calls = [];
});

function connect(cookie?: string): Promise<RawClient> {
  return new Promise((resolve) => {
    const client = new RawClient(`ws://${server.host}:${server.port}/app/${app.key}?protocol=7`, cookie ? { Cookie: cookie } : {});
    void client.nextEvent('pusher:connection_established').then(() => resolve(client));
  });
}

const subscribe = (client: RawClient, channel: string) => client.send({ event: 'pusher:subscribe', data: { channel } });

describe('server-side authorization', () => {
  it('authorizes a private subscription with the handshake\'s cookie and a signed request', async () => {
    const client = await connect('session=alice');
    subscribe(client, 'private-orders.1');
    expect((await client.nextEvent('pusher_internal:subscription_succeeded')).channel).toBe('private-orders.1');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ cookie: 'session=alice', verified: true });
    expect(new URLSearchParams(calls[0]!.body).get('socket_id')).toBe(client.socketId);
    client.close();
  });

  it('joins presence with the member the app returns', async () => {
    const client = await connect('session=alice');
    subscribe(client, 'presence-room');
    const ok = await client.nextEvent('pusher_internal:subscription_succeeded');
    expect(JSON.parse(ok.data as string).presence.hash).toEqual({ alice: { name: 'Alice' } });
    client.close();
  });

  it('works for a pusher-js client configured to leave auth to the server', async () => {
    const target = { id: app.id, key: app.key, secret: app.secret };
    const client = pusherClient(server, target);
    // A client-side authorizer that gives no signature: the server authorizes instead (no cookie → 403).
    (client.config as { channelAuthorizer: unknown }).channelAuthorizer = (_p: unknown, cb: (e: null, r: { auth: string }) => void) => cb(null, { auth: '' });
    const error = await new Promise((resolve) => client.subscribe('private-x').bind('pusher:subscription_error', resolve));
    expect(error).toMatchObject({ type: 'AuthError', status: 403 });
    client.disconnect();
  });

  it('refuses when the app denies (403), when its answer is forged (401), or oversized (503)', async () => {
    const anonymous = await connect();
    subscribe(anonymous, 'private-a');
    expect((await anonymous.nextEvent('pusher:subscription_error')).data).toMatchObject({ status: 403, code: schema.errorCodes.SUBSCRIPTION_UNAUTHORIZED.code });
    anonymous.close();

    mode = 'forge';
    const client = await connect('session=alice');
    subscribe(client, 'private-b');
    expect((await client.nextEvent('pusher:subscription_error')).data).toMatchObject({ status: 401 });

    mode = 'huge';
    subscribe(client, 'private-c');
    expect((await client.nextEvent('pusher:subscription_error')).data).toMatchObject({ status: 503, code: schema.errorCodes.SERVER_AUTH_UNAVAILABLE.code });
    client.close();
  });

  it('times out a slow endpoint, then opens the breaker after repeated failures and stops calling', async () => {
    const client = await connect('session=alice');
    mode = 'slow';
    const started = Date.now();
    subscribe(client, 'private-slow');
    const slow = await client.nextEvent('pusher:subscription_error');
    expect(slow.data).toMatchObject({ status: 503 });
    expect(Date.now() - started).toBeLessThan(900);

    mode = 'fail';
    subscribe(client, 'private-f1');
    subscribe(client, 'private-f2');
    await client.nextEvent('pusher:subscription_error');
    await client.nextEvent('pusher:subscription_error');
    const callsBefore = calls.length;
    subscribe(client, 'private-f3');
    const open = await client.nextEvent('pusher:subscription_error');
    expect((open.data as { error: string }).error).toMatch(/retry later/);
    expect(calls.length).toBe(callsBefore); // the breaker answered without calling

    mode = 'sign';
    await sleep(2_100);
    subscribe(client, 'private-recovered');
    expect((await client.nextEvent('pusher_internal:subscription_succeeded')).channel).toBe('private-recovered');
    client.close();
  });
});
