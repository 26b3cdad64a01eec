// Connection recovery on one node: serials on every event, resume_from replays exactly what was
// missed, in order, then live; pogo:discontinuity when that is impossible; plain clients unaffected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import schema from '../../config/pogo-websocket.schema.json' with { type: 'json' };
import { nextEvent, pusherClient, RawClient, sdk, sleep, subscribed, type RawMessage } from '../helpers/clients.js';
import { schemaErrors } from '../helpers/schema.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';

/** The top-level field every recovered event carries its serial in. */
const serialField = schema.recovery.serialField;

let server: RunningServer;
const shortWindow = { id: 'short', key: 'short-key', secret: 'short-secret', limits: { recoveryWindowSeconds: 1 } };
const budget = { id: 'budget', key: 'budget-key', secret: 'budget-secret', limits: { recoveryMaxBytes: 50_000 } };
const partial = { id: 'partial', key: 'partial-key', secret: 'partial-secret', recovery: { disabledPrefixes: ['volatile-'] } };
const off = { id: 'off', key: 'off-key', secret: 'off-secret', recovery: false };

beforeAll(async () => {
  server = await startServer({ apps: [defaultApp, shortWindow, budget, partial, off] });
});
afterAll(async () => {
  await server.stop();
});

async function subscribe(key: string, channel: string, extra: Record<string, string> = {}): Promise<RawClient> {
  const client = await RawClient.connect(server, key);
  client.send({ event: 'pusher:subscribe', data: { channel, ...extra } });
  await client.nextEvent('pusher_internal:subscription_succeeded');
  return client;
}

const events = (client: RawClient, name: string) => client.log.filter((m) => m.event === name);

async function waitFor(client: RawClient, name: string, count: number): Promise<RawMessage[]> {
  for (let i = 0; i < 100 && events(client, name).length < count; i++) await sleep(50);
  return events(client, name);
}

describe('serials', () => {
  it('puts a serial on every published event, increasing per channel, and plain pusher-js ignores it', async () => {
    const raw = await subscribe(defaultApp.key, 'news');
    const plain = pusherClient(server, defaultApp);
    await subscribed(plain, 'news');
    const got = nextEvent(plain, 'news', 'headline');
    await sdk(server, defaultApp).trigger('news', 'headline', { n: 1 });
    await sdk(server, defaultApp).trigger('news', 'headline', { n: 2 });
    expect(await got).toEqual({ n: 1 });
    const received = await waitFor(raw, 'headline', 2);
    for (const message of received) expect(schemaErrors('server.channelEvent', message)).toEqual([]);
    const [a, b] = received.map((m) => m[serialField] as string);
    expect(a).toMatch(/^[0-9A-Za-z]{8}$/);
    // Base 62 in ASCII order, one length for years: a later serial sorts after an earlier one.
    expect(b!.length).toBe(a!.length);
    expect(b! > a!).toBe(true);
    plain.disconnect();
    raw.close();
  });

  it('leaves events without serial where recovery is off', async () => {
    const raw = await subscribe(off.key, 'news');
    await sdk(server, off).trigger('news', 'headline', 1);
    const [message] = await waitFor(raw, 'headline', 1);
    expect(message).not.toHaveProperty(serialField);
    raw.close();
  });
});

describe('resume', () => {
  it('gives a client that dropped exactly the 100 events it missed, in order, then live ones', async () => {
    const first = await subscribe(defaultApp.key, 'orders');
    const publisher = sdk(server, defaultApp);
    await publisher.trigger('orders', 'tick', 'before');
    const [seen] = await waitFor(first, 'tick', 1);
    first.ws.terminate(); // the TCP connection drops mid-stream
    for (let i = 0; i < 100; i += 10) {
      await publisher.triggerBatch(Array.from({ length: 10 }, (_, j) => ({ channel: 'orders', name: 'tick', data: String(i + j) })));
    }
    const second = await subscribe(defaultApp.key, 'orders', { resume_from: seen![serialField] as string, previous_socket_id: first.socketId });
    const replayed = await waitFor(second, 'tick', 100);
    expect(replayed.map((m) => m.data)).toEqual(Array.from({ length: 100 }, (_, i) => String(i)));
    await publisher.trigger('orders', 'tick', 'live');
    const all = await waitFor(second, 'tick', 101);
    expect(all.map((m) => m.data).slice(-1)).toEqual(['live']);
    expect(new Set(all.map((m) => m[serialField])).size).toBe(101);
    expect(events(second, schema.recovery.discontinuityEvent)).toEqual([]);
    second.close();
  });

  it('has no gap and no duplicate while events keep arriving during the resume', async () => {
    const first = await subscribe(defaultApp.key, 'stream');
    const publisher = sdk(server, defaultApp);
    await publisher.trigger('stream', 'n', '0');
    const [seen] = await waitFor(first, 'n', 1);
    first.ws.terminate();
    let n = 1;
    let publishing = true;
    const flood = (async () => {
      while (publishing) await publisher.trigger('stream', 'n', String(n++));
    })();
    await sleep(100);
    const second = await subscribe(defaultApp.key, 'stream', { resume_from: seen![serialField] as string });
    await sleep(150);
    publishing = false;
    await flood;
    const got = await waitFor(second, 'n', n - 1);
    expect(got.map((m) => Number(m.data))).toEqual(Array.from({ length: n - 1 }, (_, i) => i + 1));
    second.close();
  });

  it('keeps an event that excluded the old socket (socket_id) excluded on replay', async () => {
    const first = await subscribe(defaultApp.key, 'chat');
    const publisher = sdk(server, defaultApp);
    await publisher.trigger('chat', 'said', 'hello');
    const [seen] = await waitFor(first, 'said', 1);
    first.ws.terminate();
    await publisher.trigger('chat', 'said', 'mine', { socket_id: first.socketId });
    await publisher.trigger('chat', 'said', 'theirs');
    const second = await subscribe(defaultApp.key, 'chat', { resume_from: seen![serialField] as string, previous_socket_id: first.socketId });
    expect((await waitFor(second, 'said', 1)).map((m) => m.data)).toEqual(['theirs']);
    await sleep(200);
    expect(events(second, 'said')).toHaveLength(1);
    second.close();
  });

  it('replays neither client events nor presence member events', async () => {
    const signer = sdk(server, defaultApp);
    const first = await RawClient.connect(server, defaultApp.key);
    const auth = (c: RawClient, user: string) => signer.authorizeChannel(c.socketId, 'presence-recover', { user_id: user });
    first.send({ event: 'pusher:subscribe', data: { channel: 'presence-recover', ...auth(first, 'a') } });
    await first.nextEvent('pusher_internal:subscription_succeeded');
    await signer.trigger('presence-recover', 'api', 'one');
    const [seen] = await waitFor(first, 'api', 1);
    first.ws.terminate();
    const other = await RawClient.connect(server, defaultApp.key);
    other.send({ event: 'pusher:subscribe', data: { channel: 'presence-recover', ...auth(other, 'b') } });
    await other.nextEvent('pusher_internal:subscription_succeeded');
    other.send({ event: 'client-typing', channel: 'presence-recover', data: {} });
    await signer.trigger('presence-recover', 'api', 'two');
    await sleep(100);
    const back = await RawClient.connect(server, defaultApp.key);
    back.send({ event: 'pusher:subscribe', data: { channel: 'presence-recover', ...auth(back, 'a'), resume_from: seen![serialField] as string } });
    await back.nextEvent('pusher_internal:subscription_succeeded');
    await sleep(200);
    expect(back.log.filter((m) => m.channel === 'presence-recover').map((m) => m.event)).toEqual(['pusher_internal:subscription_succeeded', 'api']);
    other.close();
    back.close();
  });
});

describe('discontinuity', () => {
  async function resumeAfter(app: { key: string }, channel: string, serial: string): Promise<RawClient> {
    const client = await subscribe(app.key, channel, { resume_from: serial });
    await client.nextEvent(schema.recovery.discontinuityEvent);
    return client;
  }

  it('says WINDOW_EXPIRED beyond the window, then delivers live events without loss', async () => {
    const first = await subscribe(shortWindow.key, 'slow');
    const publisher = sdk(server, shortWindow);
    await publisher.trigger('slow', 'e', 'seen');
    const [seen] = await waitFor(first, 'e', 1);
    first.ws.terminate();
    await publisher.trigger('slow', 'e', 'missed');
    await sleep(2_500);
    const second = await resumeAfter(shortWindow, 'slow', seen![serialField] as string);
    const notice = second.log.find((m) => m.event === schema.recovery.discontinuityEvent)!;
    expect(schemaErrors('server.discontinuity', notice)).toEqual([]);
    expect(JSON.parse(notice.data as string)).toMatchObject({ reason: 'WINDOW_EXPIRED', resume_from: seen![serialField] });
    await publisher.trigger('slow', 'e', 'after');
    expect((await waitFor(second, 'e', 1)).map((m) => m.data)).toEqual(['after']);
    second.close();
  });

  it('says UNKNOWN_SERIAL for a serial this server never issued', async () => {
    const client = await resumeAfter(defaultApp, 'orders', 'not-a-serial.5');
    const notice = client.log.find((m) => m.event === schema.recovery.discontinuityEvent)!;
    expect(JSON.parse(notice.data as string).reason).toBe('UNKNOWN_SERIAL');
    client.close();
  });

  it('says RECOVERY_DISABLED on a prefix the app switched off, and sends those events without serial', async () => {
    const client = await subscribe(partial.key, 'volatile-prices', { resume_from: 'x.1' });
    const notice = await client.nextEvent(schema.recovery.discontinuityEvent);
    expect(JSON.parse(notice.data as string).reason).toBe('RECOVERY_DISABLED');
    await sdk(server, partial).trigger('volatile-prices', 'p', '1');
    expect((await waitFor(client, 'p', 1))[0]).not.toHaveProperty(serialField);
    client.close();
  });

  it('keeps history within the byte budget under a publish flood', async () => {
    const own = await startServer({ apps: [budget] });
    const publisher = sdk(own, budget);
    const listener = await RawClient.connect(own, budget.key);
    listener.send({ event: 'pusher:subscribe', data: { channel: 'flood' } });
    await listener.nextEvent('pusher_internal:subscription_succeeded');
    const data = 'x'.repeat(900);
    for (let i = 0; i < 20; i++) {
      await publisher.triggerBatch(Array.from({ length: 10 }, () => ({ channel: 'flood', name: 'f', data })));
    }
    const health = (await (await fetch(`${own.url}/up`)).json()) as { historyBytes: number };
    expect(health.historyBytes).toBeGreaterThan(45_000); // 200 events of ~1 KB were offered
    expect(health.historyBytes).toBeLessThanOrEqual(50_000);
    const first = (await waitFor(listener, 'f', 200))[0]!;
    const resumed = await RawClient.connect(own, budget.key);
    resumed.send({ event: 'pusher:subscribe', data: { channel: 'flood', resume_from: first[serialField] as string } });
    const notice = await resumed.nextEvent(schema.recovery.discontinuityEvent);
    expect(JSON.parse(notice.data as string).reason).toBe('HISTORY_TRIMMED');
    listener.close();
    resumed.close();
    await own.stop();
  });
});

describe('metrics', () => {
  it('counts replayed events, discontinuities by reason and history bytes per app', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
    expect(value(/^pogo_websocket_recovery_replayed_total\{app="test-app"\} (\d+)/m)).toBeGreaterThanOrEqual(100);
    expect(value(/^pogo_websocket_recovery_discontinuities_total\{app="test-app",reason="UNKNOWN_SERIAL"\} (\d+)/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^pogo_websocket_recovery_discontinuities_total\{app="short",reason="WINDOW_EXPIRED"\} (\d+)/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^pogo_websocket_recovery_history_bytes\{app="test-app"\} (\d+)/m)).toBeGreaterThan(0);
    expect(value(/^pogo_websocket_recovery_history_bytes\{app="off"\} (\d+)/m)).toBe(0);
  });
});
