// The dashboard over plain HTTP: configuration errors, basic auth, its own port, the test
// event's guards, the SSE console (client events, subscriptions), and the node list across
// two servers sharing a real redis-server.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config/server-config';
import type { ConsoleEvent, NodeSnapshot, Sample, SeriesHistory } from '../../server/src/dashboard/wire';
import { connected, pusherClient, sdk, sleep, subscribed } from '../helpers/clients';
import { defaultApp, startServer, type RunningServer } from '../helpers/server';
import { clusterConfig, eventually, freePort, startRedis, type TestRedis } from '../cluster/helpers';

const token = 'dashboard-server-test-token';
const bearer = { Authorization: `Bearer ${token}` };

function config(dashboard: unknown, env: Record<string, string> = {}) {
  return loadConfig({ env: { WS_APP_ID: 'a', WS_APP_SECRET: 's', ...env }, ...(dashboard === undefined ? {} : { file: writeConfig({ dashboard }) }) });
}

function writeConfig(body: Record<string, unknown>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pogo-dash-config-')), 'pogo.json');
  writeFileSync(file, JSON.stringify({ apps: [defaultApp], ...body }));
  return file;
}

describe('configuration', () => {
  it('is off unless configured', () => {
    expect(config(undefined).dashboard.enabled).toBe(false);
    expect(config({ enabled: false }).dashboard.enabled).toBe(false);
  });

  it('turns on with a token or basic auth, from the file or the environment', () => {
    expect(config({ token })).toMatchObject({ dashboard: { enabled: true, path: '/dashboard', token } });
    expect(config(undefined, { WS_DASHBOARD_TOKEN: token, WS_DASHBOARD_PATH: '/ops/ws/', WS_DASHBOARD_PORT: '7001', WS_DASHBOARD_HOST: '127.0.0.1' }).dashboard).toEqual({
      enabled: true,
      path: '/ops/ws',
      port: 7001,
      host: '127.0.0.1',
      token,
    });
    expect(config(undefined, { WS_DASHBOARD_USER: 'ops', WS_DASHBOARD_PASSWORD: 'secret' }).dashboard).toMatchObject({ enabled: true, basicAuth: { user: 'ops', password: 'secret' } });
    expect(config(undefined, { WS_DASHBOARD_TOKEN: token, WS_DASHBOARD_ENABLED: 'false' }).dashboard.enabled).toBe(false);
  });

  it.each([
    [{}, /dashboard needs a token or basicAuth/],
    [{ token: 'short' }, /dashboard\.token must be at least 16 characters/],
    [{ token, path: 'dashboard' }, /dashboard\.path must be a URL path/],
    [{ token, path: '/apps' }, /dashboard\.path must not overlap/],
    [{ token, path: '/a b' }, /dashboard\.path must be a URL path/],
    [{ token, port: -1 }, /dashboard\.port must be an integer/],
    [{ token, colour: 'red' }, /dashboard\.colour is not a known option/],
    [{ basicAuth: { user: 'a:b', password: 'x' } }, /dashboard\.basicAuth\.user must not contain/],
    [{ basicAuth: { user: 'ops' } }, /dashboard\.basicAuth\.password must be a non-empty string/],
    ['yes', /dashboard must be an object/],
  ])('refuses %j', (dashboard, message) => {
    expect(() => config(dashboard)).toThrow(ConfigError);
    expect(() => config(dashboard)).toThrow(message);
  });

  it('never prints the token in a configuration error', () => {
    let message = '';
    try {
      config({ token: 'shorttokenvalue' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/at least 16 characters/);
    expect(message).not.toContain('shorttokenvalue');
  });
});

/** One Server-Sent Event of the dashboard's stream, its data parsed from JSON. */
interface StreamEvent {
  event: string;
  data: unknown;
}
/** A `sample` event: what server/src/dashboard/dashboard.ts sends every second. */
interface SampleFrame {
  at: number;
  total: Sample;
  apps: Record<string, Sample>;
  nodes: NodeSnapshot[];
}
const consoleEvents = (list: StreamEvent[]): ConsoleEvent[] =>
  list.flatMap((e) => (e.event === 'console' ? (e.data as { events: ConsoleEvent[] }).events : []));
const samples = (list: StreamEvent[]): SampleFrame[] => list.flatMap((e) => (e.event === 'sample' ? [e.data as SampleFrame] : []));

/** Reads Server-Sent Events until `until` returns true for the parsed list, or times out. */
function readStream(server: RunningServer, path: string, until: (events: StreamEvent[]) => boolean, timeoutMs = 4_000) {
  return new Promise<StreamEvent[]>((resolve, reject) => {
    const events: StreamEvent[] = [];
    let carry = '';
    const req = request({ host: server.host, port: server.port, path, headers: bearer }, (res) => {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        carry += chunk;
        for (let end = carry.indexOf('\n\n'); end >= 0; end = carry.indexOf('\n\n')) {
          const block = carry.slice(0, end);
          carry = carry.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
        if (until(events)) {
          clearTimeout(timer);
          req.destroy();
          resolve(events);
        }
      });
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`stream ended without the expected events: ${JSON.stringify(events.map((e) => e.event))}`));
    }, timeoutMs);
    req.on('error', () => undefined);
    req.end();
  });
}

describe('one server', () => {
  let server: RunningServer;
  const path = '/ops/ws';
  beforeAll(async () => {
    server = await startServer({ apps: [defaultApp], dashboard: { token, path } });
  });
  afterAll(() => server.stop());

  it('streams client events, subscriptions and unsubscriptions on the console', async () => {
    const a = pusherClient(server, defaultApp);
    const b = pusherClient(server, defaultApp);
    try {
      await Promise.all([connected(a), connected(b)]);
      const seen = readStream(server, `${path}/api/stream`, (events) => consoleEvents(events).some((c) => c.type === 'unsubscribed'));
      await sleep(200);
      await subscribed(a, 'private-chat');
      await subscribed(b, 'private-chat');
      a.channel('private-chat')!.trigger('client-typing', { who: 'a' });
      await sleep(200);
      b.unsubscribe('private-chat');
      const console = consoleEvents(await seen);
      expect(console).toContainEqual(expect.objectContaining({ type: 'subscribed', app: 'test-app', channel: 'private-chat', socketId: expect.any(String) }));
      expect(console).toContainEqual(expect.objectContaining({ type: 'client_event', channel: 'private-chat', event: 'client-typing', data: '{"who":"a"}' }));
      expect(console).toContainEqual(expect.objectContaining({ type: 'unsubscribed', channel: 'private-chat' }));
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });

  it('sends an overview first, then a sample every second', async () => {
    const events = await readStream(server, `${path}/api/stream`, (list) => samples(list).length >= 2);
    expect(events[0]!.event).toBe('overview');
    const overview = events[0]!.data as { history: { total: SeriesHistory } };
    expect(overview.history.total.series.connections.length).toBeGreaterThan(0);
    const [one, two] = samples(events);
    expect(two!.at - one!.at).toBeGreaterThanOrEqual(900);
    expect(two!.at - one!.at).toBeLessThan(1_600);
    expect(one!.nodes).toHaveLength(1);
  });

  it('guards the test event: JSON only, same origin only, clear errors, no secret in the answer', async () => {
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${server.url}${path}/api/publish?app=test-app`, { method: 'POST', headers: { ...bearer, ...headers }, body });
    expect((await post('channel=x', { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await post('{}', { 'Content-Type': 'application/json', Origin: 'http://evil.example' })).status).toBe(403);
    const missing = await post('{"event":"x"}', { 'Content-Type': 'application/json' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: '"channel" must be a non-empty string' });
    const notJson = await post('{', { 'Content-Type': 'application/json' });
    expect(notJson.status).toBe(400);
    const unknownApp = await fetch(`${server.url}${path}/api/publish?app=nope`, { method: 'POST', headers: { ...bearer, 'Content-Type': 'application/json' }, body: '{}' });
    expect(await unknownApp.json()).toEqual({ error: 'unknown app "nope"' });
    const sent = await post(JSON.stringify({ channel: 'news', event: 'hello', data: '{"a":1}' }), { 'Content-Type': 'application/json', Origin: server.url });
    expect(sent.status).toBe(200);
    const text = await sent.text();
    expect(JSON.parse(text)).toEqual({ status: 200, body: {} });
    expect(text).not.toContain(defaultApp.secret);
  });

  it('answers 405 and 404 clearly, and redirects the bare path', async () => {
    expect((await fetch(`${server.url}${path}/api/overview`, { method: 'DELETE', headers: bearer })).status).toBe(405);
    expect((await fetch(`${server.url}${path}/api/nothing`, { headers: bearer })).status).toBe(404);
    const bare = await fetch(`${server.url}${path}`, { redirect: 'manual' });
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe(`${path}/`);
  });

  it('signs in with the form: an HttpOnly SameSite=Strict cookie that is not the token', async () => {
    const res = await fetch(`${server.url}${path}/login`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual' });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(token);
    const session = cookie.split(';')[0]!;
    expect((await fetch(`${server.url}${path}/api/overview`, { headers: { Cookie: session } })).status).toBe(200);
    expect((await fetch(`${server.url}${path}/api/overview`, { headers: { Cookie: `${session}x` } })).status).toBe(401);
  });

  it('answers 429 to an address that keeps failing, while the right token still works', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await fetch(`${server.url}${path}/api/overview`, { headers: { Authorization: `Bearer wrong-${i}` } })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses).toContain(429);
    const limited = await fetch(`${server.url}${path}/login`, { method: 'POST', body: new URLSearchParams({ token: 'guess' }) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await fetch(`${server.url}${path}/api/overview`, { headers: bearer })).status).toBe(200);
  });
});

describe('basic auth on its own port', () => {
  let server: RunningServer;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    server = await startServer({ apps: [defaultApp], dashboard: { basicAuth: { user: 'ops', password: 'pa55word' }, port, host: '127.0.0.1' } });
  });
  afterAll(() => server.stop());

  it('asks for basic auth and serves only on its port', async () => {
    const base = `http://127.0.0.1:${port}/dashboard/`;
    const none = await fetch(base);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm="pogo-ws dashboard"/);
    const basic = (user: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
    expect((await fetch(base, { headers: basic('ops', 'wrong') })).status).toBe(401);
    expect((await fetch(base, { headers: basic('ops', 'pa55word') })).status).toBe(200);
    // No token configured: the login form refuses every token.
    expect((await fetch(`${base}login`, { method: 'POST', body: new URLSearchParams({ token: 'pa55word' }), redirect: 'manual' })).status).toBe(401);
    expect((await fetch(`${server.url}/dashboard/`)).status).toBe(404);
    expect(((await (await fetch(`${server.url}/up`)).json()) as { dashboard: unknown }).dashboard).toEqual({ path: '/dashboard/', port, host: '127.0.0.1' });
    expect(server.output()).toContain(`pogo-ws dashboard on http://127.0.0.1:${port}/dashboard/`);
  });
});

/** Streams from `node` until a sample lists `count` nodes, and returns that sample. */
async function sampleWithNodes(node: RunningServer, count: number): Promise<SampleFrame> {
  const events = await readStream(node, '/dashboard/api/stream', (list) => samples(list).some((s) => s.nodes.length === count), 6_000);
  return samples(events).filter((s) => s.nodes.length === count).pop()!;
}

/** Streams from `node` while `act` runs elsewhere; resolves with the console events seen. */
async function consoleWhile(node: RunningServer, until: (events: ConsoleEvent[]) => boolean, act: () => Promise<void>): Promise<ConsoleEvent[]> {
  const seen = readStream(node, '/dashboard/api/stream', (list) => until(consoleEvents(list)), 8_000);
  // The other nodes learn that a console watches from this node's next sample (within a second).
  await sleep(1_300);
  await act();
  return consoleEvents(await seen);
}

describe('nodes sharing Redis', () => {
  let redis: TestRedis;
  let nodes: RunningServer[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    const shared = { ...clusterConfig(redis.url, { prefix: 'pogo-dash:' }), dashboard: { token } };
    nodes = await Promise.all([startServer(shared), startServer(shared)]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await redis?.stop();
  });

  it('lists every node, and the overview is their sum', async () => {
    const client = pusherClient(nodes[1]!, defaultApp);
    try {
      await connected(client);
      await eventually(async () => {
        const sample = await sampleWithNodes(nodes[0]!, 2);
        expect(sample.nodes.map((n) => n.total.connections).sort()).toEqual([0, 1]);
        expect(sample.total.connections).toBe(1);
        expect(sample.apps['test-app']!.connections).toBe(1);
      }, 10_000);
      const overview = await (await fetch(`${nodes[0]!.url}/dashboard/api/overview`, { headers: bearer })).json();
      expect(overview.node.sharing).toBe('redis');
    } finally {
      client.disconnect();
    }
  });

  it("shows another node's HTTP publishes and client events in this node's console", async () => {
    const a = pusherClient(nodes[1]!, defaultApp);
    try {
      await connected(a);
      await subscribed(a, 'private-remote');
      const events = await consoleWhile(
        nodes[0]!,
        (list) => list.some((e) => e.type === 'api_message') && list.some((e) => e.type === 'client_event'),
        async () => {
          await sdk(nodes[1]!, defaultApp).trigger('elsewhere', 'from-node-1', { n: 1 });
          a.channel('private-remote')!.trigger('client-hi', { n: 2 });
        },
      );
      expect(events).toContainEqual(expect.objectContaining({ type: 'api_message', channel: 'elsewhere', event: 'from-node-1', data: '{"n":1}' }));
      expect(events).toContainEqual(expect.objectContaining({ type: 'client_event', channel: 'private-remote', event: 'client-hi' }));
    } finally {
      a.disconnect();
    }
  });
});

describe('--workers 2 without Redis', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ apps: [defaultApp], dashboard: { token } }, { args: ['--workers', '2'] });
  }, 30_000);
  afterAll(() => server?.stop());

  it('lists both workers, sums them, and every worker feeds the console', async () => {
    const clients = Array.from({ length: 4 }, () => pusherClient(server, defaultApp));
    try {
      await Promise.all(clients.map(connected));
      await eventually(async () => {
        const sample = await sampleWithNodes(server, 2);
        expect(sample.total.connections).toBe(4);
        expect(sample.nodes.map((n) => n.id).sort()).toEqual(['worker0000000001', 'worker0000000002']);
      }, 10_000);
      // node:cluster spreads the HTTP requests too: whichever worker takes each publish, the console sees all four.
      const events = await consoleWhile(
        server,
        (list) => list.filter((e) => e.type === 'api_message' && e.event === 'spread').length === 4,
        async () => {
          for (let i = 0; i < 4; i++) await sdk(server, defaultApp).trigger('spread-channel', 'spread', { i });
        },
      );
      expect(events.filter((e) => e.event === 'spread').map((e) => JSON.parse(e.data!).i).sort()).toEqual([0, 1, 2, 3]);
    } finally {
      for (const c of clients) c.disconnect();
    }
  });
});
