// pusher-js's HTTP fallback transports against the built server, spoken by hand (session-client.ts):
// the frame format (prelude, `o`, `a[...]`, `h`, `c[code,"reason"]`) and the session rules (bound
// to its id and the address that opened it, expiry, the outbound budget, CORS for the app's origins).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sdk } from '../helpers/clients';
import { startServer, type RunningServer, type TestApp } from '../helpers/server';
import { carries, messagesOf, newSession, preflight, receive, send, type SessionAddress } from './session-client';

const plain: TestApp = { id: 'plain', key: 'plain-key', secret: 'plain-secret', allowedOrigins: ['http://app.test'] };
const quiet: TestApp = { id: 'quiet', key: 'quiet-key', secret: 'quiet-secret', limits: { activityTimeoutSeconds: 1, pongTimeoutSeconds: 1, maxInactivitySeconds: 60 } };
const slow: TestApp = { id: 'slow', key: 'slow-key', secret: 'slow-secret', limits: { maxOutboundBufferBytes: 65536 } };
const capped: TestApp = { id: 'capped', key: 'capped-key', secret: 'capped-secret', limits: { maxConnections: 1 } };
const counted: TestApp = { id: 'counted', key: 'counted-key', secret: 'counted-secret' };

let server: RunningServer;
const at = (app: TestApp, session = newSession()): SessionAddress => ({ port: server.port, key: app.key, session });
const connections = async () => ((await (await fetch(`${server.url}/up`)).json()) as { connections: number }).connections;

beforeAll(async () => {
  // 127.0.0.1 is a trusted proxy: X-Forwarded-For stands in for clients at other addresses.
  server = await startServer({ apps: [plain, quiet, slow, capped, counted], trustedProxies: ['127.0.0.1'] });
});
afterAll(async () => {
  await server?.stop();
});

describe('xhr_streaming', () => {
  test('a prelude of 2 KiB of h, the open frame, then pusher:connection_established in an a[...] line', async () => {
    const stream = await receive(at(plain), 'xhr_streaming');
    expect(stream.status).toBe(200);
    expect(stream.headers['transfer-encoding']).toBe('chunked');
    await stream.line(carries('pusher:connection_established'));
    expect(stream.lines[0]).toBe('h'.repeat(2048));
    expect(stream.lines[1]).toBe('o');
    const [established] = messagesOf(stream.lines[2]!);
    const data = JSON.parse(established!.data as string) as { socket_id: string; activity_timeout: number };
    expect(data.socket_id).toMatch(/^\d+\.\d+$/);
    expect(data.activity_timeout).toBe(120);
    stream.abort();
  });

  test('xhr_send carries messages in; a publish through the HTTP API comes out as an a[...] line', async () => {
    const address = at(plain);
    const stream = await receive(address, 'xhr_streaming');
    await stream.line(carries('pusher:connection_established'));
    const sent = await send(address, [{ event: 'pusher:subscribe', data: { channel: 'news' } }]);
    expect(sent.status).toBe(204);
    await stream.line(carries('pusher_internal:subscription_succeeded'));
    await sdk(server, plain).trigger('news', 'headline', { title: 'a "quoted" title\nover two lines' });
    const line = await stream.line(carries('headline'));
    const [event] = messagesOf(line);
    expect(event).toMatchObject({ event: 'headline', channel: 'news' });
    expect(JSON.parse(event!.data as string)).toEqual({ title: 'a "quoted" title\nover two lines' });
    stream.abort();
  });

  test('a quiet session is pinged as a WebSocket is (pusher:ping, and an h line); answered with pusher:pong it stays, unanswered it ends with c[4201,…]', async () => {
    const answered = at(quiet);
    const stream = await receive(answered, 'xhr_streaming');
    const from = 2; // past the prelude and `o`
    await stream.line(carries('pusher:ping'), 5_000, from);
    await stream.line((l) => l === 'h', 5_000, from);
    // pusher-js answers pusher:ping with pusher:pong, and `h` with `[]` (which alone keeps nothing alive).
    let seen = from;
    const answering = setInterval(() => {
      const fresh = stream.lines.slice(seen);
      seen = stream.lines.length;
      if (fresh.some(carries('pusher:ping'))) void send(answered, [{ event: 'pusher:pong', data: {} }]);
      if (fresh.includes('h')) void send(answered, '[]');
    }, 100);
    try {
      const silent = at(quiet);
      const unanswered = await receive(silent, 'xhr_streaming');
      // This one answers only `h` with `[]`: that is not an answer to pusher:ping.
      const heartbeats = setInterval(() => void send(silent, '[]'), 300);
      const close = await unanswered.line((l) => l.startsWith('c'), 8_000, from).finally(() => clearInterval(heartbeats));
      expect(JSON.parse(close.slice(1))).toEqual([4201, expect.any(String)]);
      await unanswered.ended;
      // The answering one got no close frame in the same time, and was pinged more than once.
      expect(stream.lines.filter((l) => l.startsWith('c'))).toEqual([]);
      expect(stream.lines.filter(carries('pusher:ping')).length).toBeGreaterThan(1);
    } finally {
      clearInterval(answering);
      stream.abort();
    }
  });

  test('a stream reopened on the same session (pusher-js does past 256 KiB) gets what follows, without another o', async () => {
    const address = at(plain);
    const first = await receive(address, 'xhr_streaming');
    await first.line(carries('pusher:connection_established'));
    await send(address, [{ event: 'pusher:subscribe', data: { channel: 'reopened' } }]);
    await first.line(carries('pusher_internal:subscription_succeeded'));
    first.abort();
    const second = await receive(address, 'xhr_streaming');
    await sdk(server, plain).trigger('reopened', 'after', { n: 1 });
    await second.line(carries('after'));
    expect(second.lines).not.toContain('o');
    second.abort();
  });
});

describe('xhr_polling', () => {
  test('the first poll gets o and connection_established; later polls wait for messages and end with one a[...] line', async () => {
    const address = at(plain);
    const first = await receive(address, 'xhr');
    await first.ended;
    expect(first.lines[0]).toBe('o');
    expect(first.lines.slice(1).some(carries('pusher:connection_established'))).toBe(true);

    const poll = receive(address, 'xhr');
    let answered = false;
    void poll.then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    expect((await send(address, [{ event: 'pusher:subscribe', data: { channel: 'polled' } }])).status).toBe(204);
    const waiting = await poll;
    await waiting.ended;
    expect(waiting.lines).toHaveLength(1);
    expect(messagesOf(waiting.lines[0]!)[0]?.event).toBe('pusher_internal:subscription_succeeded');

    // Published while no poll is open: held for the next one.
    await sdk(server, plain).trigger('polled', 'held', { n: 2 });
    await new Promise((r) => setTimeout(r, 200));
    const next = await receive(address, 'xhr');
    await next.ended;
    expect(next.lines.some(carries('held'))).toBe(true);
  });
});

describe('session rules', () => {
  test('a malformed session id, an unknown session and a session of another transport are 404', async () => {
    expect((await receive({ port: server.port, key: plain.key, session: '1/bad.id' }, 'xhr_streaming')).status).toBe(404);
    expect((await send(at(plain), [{ event: 'pusher:ping', data: {} }])).status).toBe(404);
    const address = at(plain);
    const stream = await receive(address, 'xhr_streaming');
    await stream.line(carries('pusher:connection_established'));
    expect((await receive(address, 'xhr')).status).toBe(404);
    expect((await send(address, 'not json')).status).toBe(400);
    stream.abort();
  });

  test('a session answers only the address that opened it', async () => {
    const address = at(plain);
    const stream = await receive(address, 'xhr_streaming', { 'X-Forwarded-For': '10.0.0.1' });
    await stream.line(carries('pusher:connection_established'));
    const subscribe = [{ event: 'pusher:subscribe', data: { channel: 'mine' } }];
    expect((await send(address, subscribe, { 'X-Forwarded-For': '10.0.0.2' })).status).toBe(404);
    expect((await receive(address, 'xhr_streaming', { 'X-Forwarded-For': '10.0.0.2' })).status).toBe(404);
    await new Promise((r) => setTimeout(r, 200));
    expect(stream.lines.some(carries('pusher_internal:subscription_succeeded'))).toBe(false);
    expect((await send(address, subscribe, { 'X-Forwarded-For': '10.0.0.1' })).status).toBe(204);
    await stream.line(carries('pusher_internal:subscription_succeeded'));
    stream.abort();
  });

  test('guessing sessions is slow: past a burst of unknown ones an address gets 429', async () => {
    const headers = { 'X-Forwarded-For': '10.9.9.9' };
    const statuses: number[] = [];
    for (let i = 0; i < 70; i++) statuses.push((await send(at(plain), '[]', headers)).status);
    expect(statuses.slice(0, 40).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
  });

  test('a session with no receive request open for 15 s expires: it leaves the hub and its id answers 404', { timeout: 40_000 }, async () => {
    const publisher = sdk(server, plain);
    const occupied = async () => ((await (await publisher.get({ path: '/channels/expiring', params: {} })).json()) as { occupied: boolean }).occupied;
    const address = at(plain);
    await (await receive(address, 'xhr')).ended;
    const poll = receive(address, 'xhr');
    await new Promise((r) => setTimeout(r, 200));
    await send(address, [{ event: 'pusher:subscribe', data: { channel: 'expiring' } }]);
    await (await poll).ended;
    expect(await occupied()).toBe(true);
    await new Promise((r) => setTimeout(r, 12_000));
    expect(await occupied()).toBe(true);
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await occupied()).toBe(false);
    expect((await send(address, '[]')).status).toBe(404);
  });

  test('a session counts as a connection in pogo_websocket_connections_active', async () => {
    const active = async () => Number(/pogo_websocket_connections_active\{app="counted"\} (\d+)/.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1]);
    expect(await active()).toBe(0);
    const stream = await receive(at(counted), 'xhr_streaming');
    await stream.line(carries('pusher:connection_established'));
    expect(await active()).toBe(1);
    stream.abort();
  });

  test('a session counts as a connection: maxConnections refuses the next with o, pusher:error and c[4100,…]', async () => {
    const one = await receive(at(capped), 'xhr_streaming');
    await one.line(carries('pusher:connection_established'));
    const two = await receive(at(capped), 'xhr_streaming');
    await two.ended;
    expect(two.lines[1]).toBe('o');
    expect(messagesOf(two.lines[2]!)[0]).toMatchObject({ event: 'pusher:error', data: { code: 4100 } });
    expect(JSON.parse(two.lines[3]!.slice(1))[0]).toBe(4100);
    one.abort();
  });

  test('a protocol the server does not speak is refused as the WebSocket refuses it', async () => {
    const refused = await receive(at(plain), 'xhr_streaming', {}, 'protocol=99');
    await refused.ended;
    expect(JSON.parse(refused.lines.at(-1)!.slice(1))[0]).toBe(4007);
  });

  test('over the outbound budget while no poll reads: the next poll gets pusher:error 4101 and c[4101,…]', async () => {
    const address = at(slow);
    await (await receive(address, 'xhr')).ended;
    const poll = receive(address, 'xhr');
    await new Promise((r) => setTimeout(r, 200));
    await send(address, [{ event: 'pusher:subscribe', data: { channel: 'firehose' } }]);
    await (await poll).ended;
    const publisher = sdk(server, slow);
    const payload = 'x'.repeat(8_000);
    for (let i = 0; i < 12; i++) await publisher.trigger('firehose', 'big', { i, payload });
    await new Promise((r) => setTimeout(r, 200));
    const next = await receive(address, 'xhr');
    await next.ended;
    const last = next.lines.at(-1)!;
    expect(JSON.parse(last.slice(1))[0]).toBe(4101);
    expect(next.lines.some((line) => messagesOf(line).some((m) => m.event === 'pusher:error' && (m.data as { code: number }).code === 4101))).toBe(true);
    // What was held stayed within the budget (64 KiB) plus the goodbye.
    expect(next.lines.join('\n').length).toBeLessThan(65536 * 2);
    expect((await send(address, '[]')).status).toBe(404);
  });
});

describe('CORS', () => {
  test('the preflight is answered for the app allowed origins only', async () => {
    const allowed = await preflight(at(plain), 'xhr_streaming', 'http://app.test');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://app.test');
    expect(allowed.headers['access-control-allow-headers']).toMatch(/content-type/i);
    expect(allowed.headers['access-control-allow-methods']).toMatch(/POST/);
    const refused = await preflight(at(plain), 'xhr_send', 'http://evil.test');
    expect(refused.status).toBe(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('requests carry Access-Control-Allow-Origin for an allowed origin; a refused one gets 403 and no session', async () => {
    const before = await connections();
    const refused = await receive(at(plain), 'xhr_streaming', { Origin: 'http://evil.test' });
    expect(refused.status).toBe(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect(await connections()).toBe(before);

    const address = at(plain);
    const stream = await receive(address, 'xhr_streaming', { Origin: 'http://app.test' });
    expect(stream.status).toBe(200);
    expect(stream.headers['access-control-allow-origin']).toBe('http://app.test');
    await stream.line(carries('pusher:connection_established'));
    const sent = await send(address, '[]', { Origin: 'http://app.test' });
    expect(sent.headers['access-control-allow-origin']).toBe('http://app.test');
    expect((await send(address, '[]', { Origin: 'http://evil.test' })).status).toBe(403);
    stream.abort();
  });
});
