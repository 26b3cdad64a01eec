// The preset against the real server process: createEcho() from VITE_POGO_* settings, public, private and
// presence channels authorized by a Laravel-like endpoint, whispers, events published with the official
// `pusher` SDK, and onConnectionProblem() explaining refusals and closes with the schema's codes.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createEcho, connectionState, onConnectionProblem, type ConnectionProblem, type PogoEcho } from '../../src-ts/src/index';
import { defaultApp, startServer, type RunningServer, type TestApp } from '../helpers/server';
import { deferred, publisher, sleep, startAuthEndpoint, until, users, within, type AuthEndpoint } from './helpers';

const schema = JSON.parse(readFileSync(new URL('../../config/pogo-websocket.schema.json', import.meta.url), 'utf8'));
const { closeCodes, errorCodes } = schema;

type Channels = {
  news: { type: 'public'; events: { '.breaking': { title: string }; OrderShipped: { id: number } } };
  'orders.{orderId}': { type: 'private'; events: { OrderShipped: { id: number; trackingNumber: string } } };
  'forbidden.{id}': { type: 'private'; events: Record<never, never> };
  'vault.{id}': { type: 'encrypted'; events: { SecretRotated: { version: number } } };
  'chat.{roomId}': { type: 'presence'; member: { id: number; name: string }; whispers: { typing: { name: string } } };
};

const app: TestApp = { ...defaultApp, limits: { maxClientEventsPerSecond: 3 } };
const full: TestApp = { id: 'full', key: 'full-key', secret: 'full-secret', limits: { maxConnections: 1 } };
const disabled: TestApp = { id: 'off', key: 'off-key', secret: 'off-secret', enabled: false };

let server: RunningServer;
let auth: AuthEndpoint;
const opened: PogoEcho<Channels>[] = [];

function open(options: { key?: string; user?: string; port?: number; echo?: Record<string, unknown> } = {}): PogoEcho<Channels> {
  const echo = createEcho<Channels>({
    env: {
      VITE_POGO_APP_KEY: options.key ?? app.key,
      VITE_POGO_HOST: '127.0.0.1',
      VITE_POGO_PORT: String(options.port ?? server.port),
      VITE_POGO_SCHEME: 'http',
    },
    echo: { authEndpoint: auth.url, auth: { headers: { 'X-User-Id': options.user ?? '1' } }, ...options.echo },
  });
  opened.push(echo);
  return echo;
}

async function connected(echo: PogoEcho<Channels>): Promise<string> {
  await until('connected', () => connectionState(echo) === 'connected');
  return echo.socketId()!;
}

function problems(echo: PogoEcho<Channels>): ConnectionProblem[] {
  const seen: ConnectionProblem[] = [];
  onConnectionProblem(echo, (problem) => seen.push(problem));
  return seen;
}

beforeAll(async () => {
  server = await startServer({ apps: [app, full, disabled] });
  auth = await startAuthEndpoint(server, app);
});
afterEach(() => {
  for (const echo of opened.splice(0)) echo.disconnect();
});
afterAll(async () => {
  await auth?.close();
  await server?.stop();
});

describe('channels', () => {
  test('public: receives events published through the HTTP API, with and without the App.Events namespace', async () => {
    const echo = open();
    const breaking = deferred<{ title: string }>();
    const shipped = deferred<{ id: number }>();
    const subscribed = deferred<void>();
    echo
      .channel('news')
      .listen('.breaking', (e) => breaking.resolve(e))
      .listen('OrderShipped', (e) => shipped.resolve(e))
      .subscribed(() => subscribed.resolve());
    await within(subscribed.promise, 'subscription to news');
    const sdk = publisher(server, app);
    await sdk.trigger('news', 'breaking', { title: 'ü ✓ <b>' });
    await sdk.trigger('news', 'App\\Events\\OrderShipped', { id: 7 });
    expect(await within(breaking.promise, '.breaking')).toEqual({ title: 'ü ✓ <b>' });
    expect(await within(shipped.promise, 'OrderShipped')).toEqual({ id: 7 });
  });

  test('private: authorized by the endpoint for this socket, then receives the event', async () => {
    const echo = open({ user: '2' });
    const shipped = deferred<{ id: number; trackingNumber: string }>();
    const subscribed = deferred<void>();
    echo
      .private('orders.41')
      .listen('OrderShipped', (e) => shipped.resolve(e))
      .subscribed(() => subscribed.resolve());
    await within(subscribed.promise, 'subscription to private-orders.41');
    expect(auth.requests.filter((r) => r.channel === 'private-orders.41')).toEqual([
      { channel: 'private-orders.41', socketId: echo.socketId(), userId: '2' },
    ]);
    await publisher(server, app).trigger('private-orders.41', 'App\\Events\\OrderShipped', { id: 41, trackingNumber: 'PG-41' });
    expect(await within(shipped.promise, 'OrderShipped')).toEqual({ id: 41, trackingNumber: 'PG-41' });
  });

  test('private: a refused authorization reaches error() with the HTTP status, and nothing is delivered', async () => {
    const echo = open();
    const failed = deferred<{ type?: string; status?: number }>();
    const received: unknown[] = [];
    echo
      .private('forbidden.1')
      .listenToAll((event, data) => received.push([event, data]))
      .error((error) => failed.resolve(error));
    expect(await within(failed.promise, 'subscription error')).toMatchObject({ type: 'AuthError', status: 403 });
    await publisher(server, app).trigger('private-forbidden.1', 'Anything', {});
    await sleep(200);
    expect(received).toEqual([]);
  });

  test('encrypted private: the SDK encrypts, the server relays ciphertext, Echo decrypts', async () => {
    const echo = open();
    const rotated = deferred<{ version: number }>();
    const subscribed = deferred<void>();
    echo
      .encryptedPrivate('vault.9')
      .listen('SecretRotated', (e) => rotated.resolve(e))
      .subscribed(() => subscribed.resolve());
    await within(subscribed.promise, 'subscription to private-encrypted-vault.9');
    await publisher(server, app).trigger('private-encrypted-vault.9', 'App\\Events\\SecretRotated', { version: 3 });
    expect(await within(rotated.promise, 'SecretRotated')).toEqual({ version: 3 });
  });

  test('presence: here, joining and leaving carry the members the endpoint returned', async () => {
    const ada = open({ user: '1' });
    const hereAda = deferred<{ id: number; name: string }[]>();
    const joined = deferred<{ id: number; name: string }>();
    const left = deferred<{ id: number; name: string }>();
    ada
      .join('chat.1')
      .here((members) => hereAda.resolve(members))
      .joining((member) => joined.resolve(member))
      .leaving((member) => left.resolve(member));
    expect(await within(hereAda.promise, 'here for Ada')).toEqual([users['1']]);

    const grace = open({ user: '2' });
    const hereGrace = deferred<{ id: number; name: string }[]>();
    grace.join('chat.1').here((members) => hereGrace.resolve(members));
    const graceSees = await within(hereGrace.promise, 'here for Grace');
    expect([...graceSees].sort((a, b) => a.id - b.id)).toEqual([users['1'], users['2']]);
    expect(await within(joined.promise, 'joining')).toEqual(users['2']);

    grace.leave('chat.1');
    expect(await within(left.promise, 'leaving')).toEqual(users['2']);
  });

  test('presence: whispers go to the other members', async () => {
    const [ada, grace] = [open({ user: '1' }), open({ user: '2' })];
    const adaReady = deferred<void>();
    const typing = deferred<{ name: string }>();
    ada.join('chat.2').here(() => adaReady.resolve());
    const graceChannel = grace.join('chat.2').listenForWhisper('typing', (e) => typing.resolve(e));
    const graceReady = deferred<void>();
    graceChannel.here(() => graceReady.resolve());
    await within(Promise.all([adaReady.promise, graceReady.promise]), 'both members');
    ada.join('chat.2').whisper('typing', { name: 'Ada' });
    expect(await within(typing.promise, 'whisper')).toEqual({ name: 'Ada' });
  });
});

describe('onConnectionProblem explains refusals and closes', () => {
  test('an unknown app key: 4001 APP_NOT_FOUND, and pusher-js stops trying', async () => {
    const echo = open({ key: 'no-such-key' });
    const seen = problems(echo);
    await until('a problem report', () => seen.length > 0);
    expect(seen[0]).toMatchObject({
      kind: 'closed',
      code: closeCodes.APP_NOT_FOUND.code,
      name: 'APP_NOT_FOUND',
      message: closeCodes.APP_NOT_FOUND.message,
      action: 'refuse',
      willReconnect: false,
    });
    expect(seen[0]!.serverMessage).toContain(closeCodes.APP_NOT_FOUND.message);
    await until('disconnected', () => connectionState(echo) === 'disconnected');
    await sleep(1_500);
    expect(seen).toHaveLength(1);
  });

  test('a disabled app: 4003 APP_DISABLED', async () => {
    const echo = open({ key: disabled.key });
    const seen = problems(echo);
    await until('a problem report', () => seen.length > 0);
    expect(seen[0]).toMatchObject({ kind: 'closed', code: closeCodes.APP_DISABLED.code, name: 'APP_DISABLED', willReconnect: false });
  });

  test('over capacity: 4100 OVER_CAPACITY with backoff, then connects once a slot frees up', async () => {
    const first = open({ key: full.key });
    await connected(first);
    const second = open({ key: full.key });
    const seen = problems(second);
    await until('a problem report', () => seen.length > 0);
    expect(seen[0]).toMatchObject({
      kind: 'closed',
      code: closeCodes.OVER_CAPACITY.code,
      name: 'OVER_CAPACITY',
      message: closeCodes.OVER_CAPACITY.message,
      action: 'backoff',
      willReconnect: true,
    });
    expect(connectionState(second)).not.toBe('connected');
    first.disconnect();
    await within(connected(second), 'the second client after backoff', 8_000);
  }, 15_000);

  test('a live connection over its client event rate: 4301 CLIENT_EVENT_RATE_LIMIT, and it stays connected', async () => {
    const echo = open({ user: '3' });
    const seen = problems(echo);
    const ready = deferred<void>();
    const channel = echo.join('chat.3').here(() => ready.resolve());
    await within(ready.promise, 'presence subscription');
    for (let i = 0; i < 8; i++) channel.whisper('typing', { name: `burst ${i}` });
    await until('a rate-limit report', () => seen.some((p) => p.code === errorCodes.CLIENT_EVENT_RATE_LIMIT.code));
    expect(seen.find((p) => p.code === errorCodes.CLIENT_EVENT_RATE_LIMIT.code)).toMatchObject({
      kind: 'error',
      name: 'CLIENT_EVENT_RATE_LIMIT',
      message: errorCodes.CLIENT_EVENT_RATE_LIMIT.message,
      action: null,
      willReconnect: true,
    });
    expect(seen.every((p) => p.kind === 'error')).toBe(true);
    expect(connectionState(echo)).toBe('connected');
  });

  test('an unreachable server: unavailable, still retrying', async () => {
    const probe = await startServer({ apps: [app] });
    const port = probe.port;
    await probe.stop();
    const echo = open({ port, echo: { unavailableTimeout: 1_000 } });
    const seen = problems(echo);
    await until('an unavailable report', () => seen.some((p) => p.kind === 'unavailable'), 5_000);
    expect(seen.find((p) => p.kind === 'unavailable')).toMatchObject({ code: null, willReconnect: true });
    expect(seen.find((p) => p.kind === 'unavailable')!.message).toMatch(/VITE_POGO_HOST/);
  });

  test('a server shutting down: 4200 RECONNECT, reported once, and the client keeps reconnecting', async () => {
    const restarting = await startServer({ apps: [app] });
    const echo = open({ port: restarting.port });
    await connected(echo);
    const seen = problems(echo);
    await restarting.stop();
    await until('a close report', () => seen.length > 0);
    expect(seen[0]).toMatchObject({ kind: 'closed', code: closeCodes.RECONNECT.code, name: 'RECONNECT', action: 'retry', willReconnect: true });
    await sleep(500);
    expect(seen.filter((p) => p.kind === 'closed')).toHaveLength(1);
    expect(connectionState(echo)).toBe('connecting');
  });

  test('the returned function stops the reports', async () => {
    const echo = open({ key: 'no-such-key' });
    const seen: ConnectionProblem[] = [];
    const stop = onConnectionProblem(echo, (p) => seen.push(p));
    stop();
    await until('disconnected', () => connectionState(echo) === 'disconnected');
    expect(seen).toEqual([]);
  });
});
