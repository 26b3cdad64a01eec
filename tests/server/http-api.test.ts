// The Pusher HTTP API through the official pusher SDK, and every refusal with its schema status.
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import schema from '../../config/pogo-websocket.schema.json' with { type: 'json' };
import { pusherClient, sdk, subscribed } from '../helpers/clients.js';
import { schemaErrors } from '../helpers/schema.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';
import type Pusher from 'pusher-js';

const status = schema.publishStatus;
let server: RunningServer;
const clients: Pusher[] = [];
const disabled = { id: 'disabled', key: 'disabled-key', secret: 'disabled-secret', enabled: false };
const tiny = { id: 'tiny', key: 'tiny-key', secret: 'tiny-secret', limits: { maxPayloadBytes: 100, maxHttpBodyBytes: 2000 } };

beforeAll(async () => {
  server = await startServer({ apps: [defaultApp, disabled, tiny] });
  const ann = pusherClient(server, defaultApp, { user: { id: 'ann' } });
  const bob = pusherClient(server, defaultApp, { user: { id: 'bob' } });
  clients.push(ann, bob);
  await Promise.all([
    subscribed(ann, 'presence-lobby'),
    subscribed(bob, 'presence-lobby'),
    subscribed(ann, 'orders'),
    subscribed(bob, 'orders'),
    subscribed(ann, 'private-orders.7'),
  ]);
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await server.stop();
});

/** Signs like the SDK, so each field can be broken on purpose. */
function signed(method: string, path: string, body = '', app = defaultApp, override: Record<string, string> = {}, extra: Record<string, string> = {}) {
  const params: Record<string, string> = {
    auth_key: app.key,
    auth_timestamp: String(Math.floor(Date.now() / 1000)),
    auth_version: '1.0',
    ...(body ? { body_md5: createHash('md5').update(body).digest('hex') } : {}),
    ...extra,
  };
  Object.assign(params, override);
  const query = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
  const signature = createHmac('sha256', app.secret).update(`${method}\n${path}\n${query}`).digest('hex');
  const url = `${server.url}${path}?${query}&auth_signature=${override.auth_signature ?? signature}`;
  return fetch(url, { method, body: body || undefined, headers: body ? { 'Content-Type': 'application/json' } : {} });
}

async function expectRefusal(response: Response, name: keyof typeof status) {
  const body = await response.json();
  expect(schemaErrors('http.error', body)).toEqual([]);
  expect(body).toMatchObject({ status: status[name].status, name });
  expect(response.status).toBe(status[name].http);
  expect(JSON.stringify(body)).not.toContain(defaultApp.secret);
}

describe('reads', () => {
  it('lists occupied channels, by prefix, with user counts for presence', async () => {
    const all = await (await sdk(server, defaultApp).get({ path: '/channels' })).json();
    expect(schemaErrors('http.channels', all)).toEqual([]);
    expect(Object.keys((all as { channels: object }).channels).sort()).toEqual(['orders', 'presence-lobby', 'private-orders.7']);
    const presence = await sdk(server, defaultApp).get({ path: '/channels', params: { filter_by_prefix: 'presence-', info: 'user_count' } });
    expect(await presence.json()).toEqual({ channels: { 'presence-lobby': { user_count: 2 } } });
  });

  it('describes one channel', async () => {
    const info = await sdk(server, defaultApp).get({ path: '/channels/presence-lobby', params: { info: 'user_count,subscription_count' } });
    expect(await info.json()).toEqual({ occupied: true, user_count: 2, subscription_count: 2 });
    const empty = await sdk(server, defaultApp).get({ path: '/channels/nobody-here' });
    expect(await empty.json()).toEqual({ occupied: false });
  });

  it('lists presence users', async () => {
    const users = await (await sdk(server, defaultApp).get({ path: '/channels/presence-lobby/users' })).json();
    expect(schemaErrors('http.users', users)).toEqual([]);
    expect((users as { users: { id: string }[] }).users.map((u) => u.id).sort()).toEqual(['ann', 'bob']);
  });

  it('refuses user counts for non-presence channels and users of public channels', async () => {
    await expectRefusal(await signed('GET', '/apps/test-app/channels/orders', '', defaultApp, {}, { info: 'user_count' }), 'INVALID_QUERY');
    await expectRefusal(await signed('GET', '/apps/test-app/channels/orders/users'), 'INVALID_QUERY');
    await expectRefusal(await signed('GET', '/apps/test-app/channels', '', defaultApp, {}, { info: 'user_count' }), 'INVALID_QUERY');
  });
});

describe('publishing', () => {
  it('answers {} for a trigger and the channel info when asked', async () => {
    const plain = await sdk(server, defaultApp).trigger('orders', 'e', 'x');
    expect(plain.status).toBe(200);
    expect(await plain.json()).toEqual({});
    const info = await sdk(server, defaultApp).trigger(['orders', 'presence-lobby'], 'e', 'x', { info: 'subscription_count,user_count' });
    expect(await info.json()).toEqual({
      channels: { orders: { subscription_count: 2 }, 'presence-lobby': { subscription_count: 2, user_count: 2 } },
    });
  });

  it('accepts a batch of up to the limit and refuses one more', async () => {
    const batch = Array.from({ length: schema.limits.maxBatchEvents }, (_, i) => ({ channel: 'orders', name: 'b', data: String(i) }));
    expect((await sdk(server, defaultApp).triggerBatch(batch)).status).toBe(200);
    const tooMany = JSON.stringify({ batch: [...batch, batch[0]] });
    await expectRefusal(await signed('POST', '/apps/test-app/batch_events', tooMany), 'BATCH_TOO_LARGE');
  });

  it('accepts up to the channel limit per event and refuses more', async () => {
    const channels = Array.from({ length: schema.limits.maxChannelsPerPublish }, (_, i) => `c${i}`);
    expect((await sdk(server, defaultApp).trigger(channels, 'e', 'x')).status).toBe(200);
    const body = JSON.stringify({ name: 'e', data: 'x', channels: [...channels, 'one-more'] });
    await expectRefusal(await signed('POST', '/apps/test-app/events', body), 'INVALID_CHANNEL_LIST');
  });

  it.each([
    ['no channels', { name: 'e', data: 'x' }, 'INVALID_CHANNEL_LIST'],
    ['an empty channel list', { name: 'e', data: 'x', channels: [] }, 'INVALID_CHANNEL_LIST'],
    ['a channel name too long', { name: 'e', data: 'x', channels: ['c'.repeat(schema.limits.maxChannelNameLength + 1)] }, 'CHANNEL_NAME_TOO_LONG'],
    ['an invalid channel name', { name: 'e', data: 'x', channels: ['no spaces'] }, 'INVALID_CHANNEL_NAME'],
    ['an event name too long', { name: 'e'.repeat(schema.limits.maxEventNameLength + 1), data: 'x', channels: ['c'] }, 'EVENT_NAME_TOO_LONG'],
    ['a reserved event name', { name: 'pusher:fake', data: 'x', channels: ['c'] }, 'INVALID_EVENT_NAME'],
    ['data that is not a string', { name: 'e', data: { a: 1 }, channels: ['c'] }, 'INVALID_PAYLOAD'],
    ['a payload over the limit', { name: 'e', data: 'x'.repeat(schema.limits.maxPayloadBytes + 1), channels: ['c'] }, 'PAYLOAD_TOO_LARGE'],
    ['a malformed socket_id', { name: 'e', data: 'x', channels: ['c'], socket_id: 'abc' }, 'INVALID_PAYLOAD'],
  ] as const)('refuses %s', async (_label, event, name) => {
    await expectRefusal(await signed('POST', '/apps/test-app/events', JSON.stringify(event)), name);
  });

  it('refuses a body that is not JSON', async () => {
    await expectRefusal(await signed('POST', '/apps/test-app/events', '{nope'), 'INVALID_PAYLOAD');
  });

  it('applies per-app payload and body limits', async () => {
    const body = JSON.stringify({ name: 'e', data: 'x'.repeat(101), channels: ['c'] });
    await expectRefusal(await signed('POST', '/apps/tiny/events', body, tiny), 'PAYLOAD_TOO_LARGE');
    const huge = JSON.stringify({ name: 'e', data: 'x'.repeat(3000), channels: ['c'] });
    await expectRefusal(await signed('POST', '/apps/tiny/events', huge, tiny), 'BODY_TOO_LARGE');
  });

  it('terminates a user\'s connections', async () => {
    const response = await sdk(server, defaultApp).terminateUserConnections('nobody');
    expect(await response.json()).toEqual({});
  });
});

describe('request authentication', () => {
  const body = JSON.stringify({ name: 'e', data: 'x', channels: ['orders'] });

  it('refuses a wrong signature', async () => {
    await expectRefusal(await signed('POST', '/apps/test-app/events', body, defaultApp, { auth_signature: 'f'.repeat(64) }), 'INVALID_SIGNATURE');
  });

  it('refuses a request signed with another secret', async () => {
    await expectRefusal(await signed('POST', '/apps/test-app/events', body, { ...defaultApp, secret: 'wrong' }), 'INVALID_SIGNATURE');
  });

  it('refuses a timestamp outside the window, either side', async () => {
    const window = schema.limits.authTimestampWindowSeconds;
    for (const skew of [-(window + 5), window + 5]) {
      const ts = String(Math.floor(Date.now() / 1000) + skew);
      await expectRefusal(await signed('POST', '/apps/test-app/events', body, defaultApp, { auth_timestamp: ts }), 'EXPIRED_TIMESTAMP');
    }
  });

  it('refuses a body that does not match body_md5', async () => {
    await expectRefusal(await signed('POST', '/apps/test-app/events', body, defaultApp, { body_md5: '0'.repeat(32) }), 'BODY_MD5_MISMATCH');
  });

  it('refuses missing parameters, an unknown key, an unsupported version', async () => {
    await expectRefusal(await fetch(`${server.url}/apps/test-app/channels`), 'MISSING_AUTH');
    await expectRefusal(await signed('GET', '/apps/test-app/channels', '', defaultApp, { auth_key: 'other' }), 'INVALID_AUTH_KEY');
    await expectRefusal(await signed('GET', '/apps/test-app/channels', '', defaultApp, { auth_version: '2.0' }), 'UNSUPPORTED_AUTH_VERSION');
  });

  it('refuses unknown apps, disabled apps, unknown paths and wrong methods', async () => {
    await expectRefusal(await signed('POST', '/apps/nope/events', body), 'UNKNOWN_APP');
    await expectRefusal(await signed('POST', '/apps/disabled/events', body, disabled), 'APP_DISABLED');
    await expectRefusal(await signed('GET', '/apps/test-app/nothing'), 'NOT_FOUND');
    await expectRefusal(await signed('DELETE', '/apps/test-app/events'), 'METHOD_NOT_ALLOWED');
  });

  it('answers health checks without a signature', async () => {
    const up = await fetch(`${server.url}/up`);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ status: 'ok' });
  });
});
