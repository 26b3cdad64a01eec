// Every channel type through real pusher-js clients, published to with the official pusher SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import schema from '../../config/pogo-websocket.schema.json' with { type: 'json' };
import { collect, connected, nextEvent, pusherClient, RawClient, sdk, sleep, subscribed } from '../helpers/clients.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';
import type Pusher from 'pusher-js';
import PusherServer from 'pusher';

let server: RunningServer;
const clients: Pusher[] = [];
const counting = { id: 'counting', key: 'counting-key', secret: 'counting-secret', subscriptionCount: true };
const small = { id: 'small', key: 'small-key', secret: 'small-secret', limits: { maxPresenceMembers: 2, maxClientEventsPerSecond: 3, maxChannelsPerConnection: 2 } };
const noClientEvents = { id: 'strict', key: 'strict-key', secret: 'strict-secret', clientEvents: false };

function client(options: Parameters<typeof pusherClient>[2] = {}, app = defaultApp) {
  const c = pusherClient(server, app, options);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  server = await startServer({ apps: [defaultApp, counting, small, noClientEvents] });
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await server.stop();
});

describe('public channels', () => {
  it('delivers an event published through the HTTP API to every subscriber, data untouched', async () => {
    const [a, b] = [client(), client()];
    await Promise.all([subscribed(a, 'news'), subscribed(b, 'news')]);
    const got = Promise.all([nextEvent(a, 'news', 'headline'), nextEvent(b, 'news', 'headline')]);
    await sdk(server, defaultApp).trigger('news', 'headline', { title: 'ü ✓', n: 1 });
    expect(await got).toEqual([{ title: 'ü ✓', n: 1 }, { title: 'ü ✓', n: 1 }]);
  });

  it('publishes to several channels at once, and excludes the socket_id sender (toOthers)', async () => {
    const [sender, other] = [client(), client()];
    await Promise.all([subscribed(sender, 'room-1'), subscribed(other, 'room-1'), subscribed(other, 'room-2')]);
    const senderSees = collect(sender, 'room-1', 'said');
    const got = Promise.all([nextEvent(other, 'room-1', 'said'), nextEvent(other, 'room-2', 'said')]);
    await sdk(server, defaultApp).trigger(['room-1', 'room-2'], 'said', 'hi', { socket_id: await connected(sender) });
    expect(await got).toEqual(['hi', 'hi']);
    await sleep(200);
    expect(senderSees).toEqual([]);
  });

  it('stops delivering after unsubscribe', async () => {
    const c = client();
    await subscribed(c, 'leaving');
    const seen = collect(c, 'leaving', 'e');
    c.unsubscribe('leaving');
    await sleep(100);
    await sdk(server, defaultApp).trigger('leaving', 'e', 1);
    await sleep(200);
    expect(seen).toEqual([]);
    const info = await sdk(server, defaultApp).get({ path: '/channels/leaving', params: { info: 'subscription_count' } });
    expect(await info.json()).toEqual({ occupied: false, subscription_count: 0 });
  });
});

describe('private and encrypted channels', () => {
  it('admits a correctly signed private subscription', async () => {
    const c = client();
    await subscribed(c, 'private-orders.1');
    const got = nextEvent(c, 'private-orders.1', 'OrderShipped');
    await sdk(server, defaultApp).trigger('private-orders.1', 'OrderShipped', { id: 1 });
    expect(await got).toEqual({ id: 1 });
  });

  it('refuses a wrongly signed subscription with pusher:subscription_error and a pusher:error', async () => {
    const forger = new PusherServer({ appId: defaultApp.id, key: defaultApp.key, secret: 'not-the-secret', host: server.host });
    const c = client({ signWith: forger });
    const errors: unknown[] = [];
    c.connection.bind('error', (e: unknown) => errors.push(e));
    await expect(subscribed(c, 'private-orders.2')).rejects.toThrow(/AuthError.*401/);
    await sleep(100);
    expect(JSON.stringify(errors)).toContain(String(schema.errorCodes.SUBSCRIPTION_UNAUTHORIZED.code));
  });

  it('relays encrypted payloads the server cannot read, which pusher-js decrypts', async () => {
    const c = client();
    await subscribed(c, 'private-encrypted-vault');
    const got = nextEvent(c, 'private-encrypted-vault', 'secret');
    await sdk(server, defaultApp).trigger('private-encrypted-vault', 'secret', { pin: 1234 });
    expect(await got).toEqual({ pin: 1234 });
  });
});

describe('presence channels', () => {
  it('reports members, adds on first connection, removes on last', async () => {
    const ann = client({ user: { id: 'ann', info: { name: 'Ann' } } });
    const members = (await subscribed(ann, 'presence-room')) as { count: number; members: Record<string, unknown> };
    expect(members.count).toBe(1);
    expect(members.members).toEqual({ ann: { name: 'Ann' } });

    const added = nextEvent<{ id: string; info: unknown }>(ann, 'presence-room', 'pusher:member_added');
    const bob = client({ user: { id: 'bob', info: { name: 'Bob' } } });
    const bobView = (await subscribed(bob, 'presence-room')) as { count: number; members: Record<string, unknown> };
    expect(bobView.count).toBe(2);
    expect(await added).toEqual({ id: 'bob', info: { name: 'Bob' } });

    // Bob's second tab: no new member_added; closing one tab: no member_removed.
    const addedAgain = collect(ann, 'presence-room', 'pusher:member_added');
    const removed = collect(ann, 'presence-room', 'pusher:member_removed');
    const bobTab2 = client({ user: { id: 'bob', info: { name: 'Bob' } } });
    await subscribed(bobTab2, 'presence-room');
    bobTab2.disconnect();
    await sleep(300);
    expect(addedAgain).toEqual([]);
    expect(removed).toEqual([]);

    const users = await sdk(server, defaultApp).get({ path: '/channels/presence-room/users' });
    expect(((await users.json()) as { users: { id: string }[] }).users.map((u) => u.id).sort()).toEqual(['ann', 'bob']);

    const gone = nextEvent<{ id: string }>(ann, 'presence-room', 'pusher:member_removed');
    bob.disconnect();
    expect((await gone).id).toBe('bob');
  });

  it('refuses a member past the cap, and channel_data that is not signed as sent', async () => {
    const [u1, u2, u3] = ['p1', 'p2', 'p3'].map((id) => client({ user: { id } }, small));
    await subscribed(u1!, 'presence-small');
    await subscribed(u2!, 'presence-small');
    await expect(subscribed(u3!, 'presence-small')).rejects.toThrow(/LimitReached/);

    const raw = await RawClient.connect(server, defaultApp.key);
    const signer = sdk(server, defaultApp);
    const signed = signer.authorizeChannel(raw.socketId, 'presence-raw', { user_id: 'mallory' });
    raw.send({ event: 'pusher:subscribe', data: { channel: 'presence-raw', auth: signed.auth, channel_data: '{"user_id":"admin"}' } });
    const refused = await raw.nextEvent('pusher:subscription_error');
    expect(refused.data).toMatchObject({ type: 'AuthError', status: 401 });
    raw.close();
  });
});

describe('cache channels', () => {
  it('sends pusher:cache_miss when empty, and replays the last event to new subscribers', async () => {
    const first = client();
    const miss = new Promise((resolve) => first.subscribe('cache-weather').bind('pusher:cache_miss', resolve));
    await miss;
    await sdk(server, defaultApp).trigger('cache-weather', 'forecast', { sky: 'grey' });
    await sdk(server, defaultApp).trigger('cache-weather', 'forecast', { sky: 'blue' });
    const late = client();
    const replay = new Promise((resolve) => late.subscribe('cache-weather').bind('forecast', resolve));
    expect(await replay).toEqual({ sky: 'blue' });
  });

  it('keeps the last event even when nobody was subscribed', async () => {
    await sdk(server, defaultApp).trigger('private-cache-ledger', 'balance', { total: 7 });
    const c = client();
    const replay = new Promise((resolve) => c.subscribe('private-cache-ledger').bind('balance', resolve));
    expect(await replay).toEqual({ total: 7 });
  });
});

describe('client events', () => {
  it('relays client events to the other members, never echoed, with user_id on presence', async () => {
    const ann = client({ user: { id: 'ann2' } });
    const bob = client({ user: { id: 'bob2' } });
    await Promise.all([subscribed(ann, 'presence-chat'), subscribed(bob, 'presence-chat')]);
    const echo = collect(ann, 'presence-chat', 'client-typing');
    const got = new Promise<{ data: unknown; meta: unknown }>((resolve) =>
      bob.channel('presence-chat')!.bind('client-typing', (data: unknown, meta: unknown) => resolve({ data, meta })),
    );
    ann.channel('presence-chat')!.trigger('client-typing', { on: true });
    const { data, meta } = await got;
    expect(data).toEqual({ on: true });
    expect(meta).toEqual({ user_id: 'ann2' });
    await sleep(100);
    expect(echo).toEqual([]);
  });

  it('refuses client events on public channels, unjoined channels, and apps that disable them', async () => {
    const raw = await RawClient.connect(server, defaultApp.key);
    raw.send({ event: 'pusher:subscribe', data: { channel: 'open' } });
    await raw.nextEvent('pusher_internal:subscription_succeeded');
    raw.send({ event: 'client-x', channel: 'open', data: {} });
    expect((await raw.nextEvent('pusher:error')).data).toMatchObject({ code: schema.errorCodes.CLIENT_EVENT_REJECTED.code });
    raw.send({ event: 'client-x', channel: 'private-not-joined', data: {} });
    expect((await raw.nextEvent('pusher:error')).data).toMatchObject({ code: schema.errorCodes.CLIENT_EVENT_REJECTED.code });
    raw.close();

    const strict = client({}, noClientEvents);
    await subscribed(strict, 'private-a');
    const errors: unknown[] = [];
    strict.connection.bind('error', (e: unknown) => errors.push(e));
    strict.channel('private-a')!.trigger('client-x', {});
    await sleep(200);
    expect(JSON.stringify(errors)).toContain('disabled');
  });

  it('rate-limits client events per connection with 4301, dropping the excess', async () => {
    const [sender, receiver] = [client({}, small), client({}, small)];
    await Promise.all([subscribed(sender, 'private-flood'), subscribed(receiver, 'private-flood')]);
    const received = collect(receiver, 'private-flood', 'client-n');
    const errors: { data?: { code?: number } }[] = [];
    sender.connection.bind('error', (e: { data?: { code?: number } }) => errors.push(e));
    for (let i = 0; i < 6; i++) sender.channel('private-flood')!.trigger('client-n', i);
    await sleep(300);
    expect(received).toEqual([0, 1, 2]);
    expect(errors.filter((e) => e.data?.code === schema.errorCodes.CLIENT_EVENT_RATE_LIMIT.code)).toHaveLength(3);
    expect(sender.connection.state).toBe('connected');
  });

  it('caps channels per connection', async () => {
    const c = client({}, small);
    await subscribed(c, 'one');
    await subscribed(c, 'two');
    await expect(subscribed(c, 'three')).rejects.toThrow(/LimitReached/);
  });
});

describe('user authentication', () => {
  it('signs in, receives server-to-user messages, and is terminated by the API', async () => {
    const c = client({ user: { id: 'u-42', info: { name: 'Zed' } } });
    await connected(c);
    c.signin();
    await c.user.signinDonePromise;
    expect(c.user.user_data).toEqual({ id: 'u-42', user_info: { name: 'Zed' } });
    await sleep(100);
    const got = new Promise((resolve) => c.user.bind('invoice', resolve));
    await sdk(server, defaultApp).sendToUser('u-42', 'invoice', { amount: 5 });
    expect(await got).toEqual({ amount: 5 });

    const closed = new Promise<void>((resolve) => c.connection.bind('state_change', (s: { current: string }) => {
      if (s.current === 'unavailable' || s.current === 'failed' || s.current === 'disconnected') resolve();
    }));
    await sdk(server, defaultApp).terminateUserConnections('u-42');
    await closed;
  });

  it('refuses a signin with a bad signature', async () => {
    const raw = await RawClient.connect(server, defaultApp.key);
    raw.send({ event: 'pusher:signin', data: { auth: `${defaultApp.key}:${'a'.repeat(64)}`, user_data: '{"id":"x"}' } });
    expect((await raw.nextEvent('pusher:error')).data).toMatchObject({ code: schema.errorCodes.SIGNIN_FAILED.code });
    raw.send({ event: 'pusher:subscribe', data: { channel: '#server-to-user-someone' } });
    expect((await raw.nextEvent('pusher:subscription_error')).data).toMatchObject({ type: 'AuthError', status: 403 });
    raw.close();
  });
});

describe('subscription counts', () => {
  it('tells subscribers how many there are when the app enables it', async () => {
    const a = client({}, counting);
    await subscribed(a, 'counted');
    const counts: number[] = [];
    a.channel('counted')!.bind('pusher:subscription_count', (d: { subscription_count: number }) => counts.push(d.subscription_count));
    const b = client({}, counting);
    await subscribed(b, 'counted');
    await sleep(200);
    expect(counts.at(-1)).toBe(2);
    b.disconnect();
    await sleep(300);
    expect(counts.at(-1)).toBe(1);
  });
});
