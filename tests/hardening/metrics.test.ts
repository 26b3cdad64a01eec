// GET /metrics: valid Prometheus text from a private registry, the named metrics labelled by
// app and moving as real clients connect, subscribe, publish, fail auth and stall; detailed
// histograms only when asked; a separate metrics port; GET /ready.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import schema from '../../config/pogo-websocket.schema.json' with { type: 'json' };
import { connected, pusherClient, RawClient, sdk, sleep, subscribed } from '../helpers/clients.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { startRedis } from '../cluster/helpers.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

interface Exposition {
  types: Map<string, string>;
  help: Map<string, string>;
  samples: Sample[];
}

// Values as Go's ParseFloat reads them (Prometheus accepts NaN in any case; prom-client writes `Nan`).
const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|[+-]Inf|[Nn][Aa][Nn]))(?: \d+)?$/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses the text format strictly: every line a HELP, a TYPE or a sample of a declared family. */
function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      (meta[1] === 'HELP' ? help : types).set(meta[2]!, meta[3]!);
      continue;
    }
    const match = sampleLine.exec(line);
    if (!match) throw new Error(`not Prometheus text: ${JSON.stringify(line)}`);
    const [, name, labelText = '', value] = match;
    const labels: Record<string, string> = {};
    for (const [, key, val] of labelText.matchAll(labelPair)) labels[key!] = val!;
    const family = [...types.keys()].find((f) => name === f || (types.get(f) === 'histogram' && /_(bucket|sum|count)$/.test(name!) && name!.replace(/_(bucket|sum|count)$/, '') === f));
    if (!family) throw new Error(`sample ${name} has no # TYPE`);
    samples.push({ name: name!, labels, value: Number(value) });
  }
  return { types, help, samples };
}

function value(exposition: Exposition, name: string, labels: Record<string, string>): number {
  const found = exposition.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (!found) throw new Error(`${name} ${JSON.stringify(labels)} not exposed`);
  return found.value;
}

async function scrape(url: string): Promise<{ text: string; exposition: Exposition; contentType: string | null }> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, exposition: parseExposition(text), contentType: res.headers.get('content-type') };
}

/** Polls /metrics until `predicate` holds (the server counts asynchronously to the client). */
async function until(url: string, predicate: (e: Exposition) => boolean, what: string): Promise<Exposition> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const { exposition } = await scrape(url);
    if (predicate(exposition)) return exposition;
    if (Date.now() > deadline) throw new Error(`metrics never showed ${what}`);
    await sleep(25);
  }
}

const names = [
  'pogo_websocket_connections_active',
  'pogo_websocket_messages_total',
  'pogo_websocket_auth_failures_total',
  'pogo_websocket_circuit_breaker_open_total',
  'pogo_websocket_broker_dropped_messages_total',
  'pogo_websocket_subscriptions_total',
  'pogo_websocket_auth_duration_seconds',
  'pogo_websocket_client_dropped_messages_total',
  'pogo_websocket_publish_failures_total',
  'pogo_websocket_webhook_dropped_total',
];

describe('metrics of a running server', () => {
  let server: RunningServer;
  let authEndpoint: Server;
  const app = { id: 'metered', key: 'metered-key', secret: 'metered-secret-value' };
  const other = { id: 'other', key: 'other-key', secret: 'other-secret-value' };
  const slow = { id: 'slow', key: 'slow-key', secret: 'slow-secret-value', limits: { maxOutboundBufferBytes: 65536 } };
  let authCalls = 0;

  beforeAll(async () => {
    // The app's auth endpoint is broken: server-side auth fails until the breaker opens.
    authEndpoint = createServer((req, res) => {
      authCalls++;
      req.resume();
      res.writeHead(500).end('down');
    });
    await new Promise<void>((resolve) => authEndpoint.listen(0, '127.0.0.1', () => resolve()));
    const ssa = {
      id: 'ssa',
      key: 'ssa-key',
      secret: 'ssa-secret-value',
      authEndpoint: `http://127.0.0.1:${(authEndpoint.address() as AddressInfo).port}/broadcasting/auth`,
      limits: { serverAuthBreakerFailures: 2, serverAuthBreakerOpenSeconds: 30 },
    };
    server = await startServer({ apps: [app, other, slow, ssa] });
  });
  afterAll(async () => {
    await server.stop();
    authEndpoint.close();
  });

  it('exposes every named metric, labelled by app, as valid Prometheus text with process metrics', async () => {
    const { text, exposition, contentType } = await scrape(server.url);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of names) {
      expect(exposition.types.has(name), name).toBe(true);
      expect(exposition.help.get(name)?.length, name).toBeGreaterThan(10);
    }
    expect(exposition.types.get('pogo_websocket_connections_active')).toBe('gauge');
    expect(exposition.types.get('pogo_websocket_messages_total')).toBe('counter');
    expect(exposition.types.get('pogo_websocket_auth_duration_seconds')).toBe('histogram');
    expect(value(exposition, 'pogo_websocket_connections_active', { app: app.id })).toBe(0);
    expect(value(exposition, 'pogo_websocket_messages_total', { app: other.id, direction: 'in' })).toBe(0);
    // Default process metrics from the same private registry.
    expect(exposition.types.has('process_cpu_user_seconds_total')).toBe(true);
    expect(exposition.types.has('nodejs_eventloop_lag_seconds')).toBe(true);
    // Detailed histograms are off by default.
    expect(exposition.types.has('pogo_websocket_fanout_duration_seconds')).toBe(false);
    // Labels carry app ids only: no key, no secret.
    for (const secret of [app.secret, other.secret, slow.secret, 'ssa-secret-value']) expect(text).not.toContain(secret);
    expect(text).not.toContain(app.key);
  });

  it('follows connections, subscriptions and messages in both directions', async () => {
    const before = (await scrape(server.url)).exposition;
    const subscriptionsBefore = value(before, 'pogo_websocket_subscriptions_total', { app: app.id });
    const outBefore = value(before, 'pogo_websocket_messages_total', { app: app.id, direction: 'out' });
    const inBefore = value(before, 'pogo_websocket_messages_total', { app: app.id, direction: 'in' });

    const a = pusherClient(server, app);
    const b = pusherClient(server, app);
    try {
      await Promise.all([connected(a), connected(b)]);
      await until(server.url, (e) => value(e, 'pogo_websocket_connections_active', { app: app.id }) === 2, '2 connections');
      await subscribed(a, 'scores');
      await subscribed(b, 'scores');
      const afterSubscribe = await until(
        server.url,
        (e) => value(e, 'pogo_websocket_subscriptions_total', { app: app.id }) === subscriptionsBefore + 2,
        'two subscriptions',
      );
      // Two pusher:subscribe messages came in.
      expect(value(afterSubscribe, 'pogo_websocket_messages_total', { app: app.id, direction: 'in' })).toBeGreaterThanOrEqual(inBefore + 2);

      await sdk(server, app).trigger('scores', 'goal', { minute: 90 });
      const afterPublish = await until(
        server.url,
        (e) => value(e, 'pogo_websocket_messages_total', { app: app.id, direction: 'out' }) >= outBefore + 2,
        'two messages out',
      );
      expect(value(afterPublish, 'pogo_websocket_messages_total', { app: app.id, direction: 'out' })).toBe(outBefore + 2);
      // The other app's counters did not move.
      expect(value(afterPublish, 'pogo_websocket_subscriptions_total', { app: other.id })).toBe(0);
      expect(value(afterPublish, 'pogo_websocket_connections_active', { app: other.id })).toBe(0);
    } finally {
      a.disconnect();
      b.disconnect();
    }
    await until(server.url, (e) => value(e, 'pogo_websocket_connections_active', { app: app.id }) === 0, 'no connections');
  });

  it('counts refused subscription and signin signatures as auth failures', async () => {
    const before = value((await scrape(server.url)).exposition, 'pogo_websocket_auth_failures_total', { app: other.id });
    const raw = await RawClient.connect(server, other.key);
    try {
      raw.send({ event: 'pusher:subscribe', data: { channel: 'private-vault', auth: `${other.key}:${'0'.repeat(64)}` } });
      await raw.nextEvent('pusher:subscription_error');
      raw.send({ event: 'pusher:signin', data: { auth: `${other.key}:${'0'.repeat(64)}`, user_data: '{"id":"1"}' } });
      await raw.next((m) => m.event === 'pusher:error' && (m.data as { code?: number }).code === schema.errorCodes.SIGNIN_FAILED.code);
      // A public subscription is no auth failure.
      raw.send({ event: 'pusher:subscribe', data: { channel: 'public-one' } });
      await raw.nextEvent('pusher_internal:subscription_succeeded');
      await until(server.url, (e) => value(e, 'pogo_websocket_auth_failures_total', { app: other.id }) === before + 2, 'two auth failures');
    } finally {
      raw.close();
    }
  });

  it('times server-side auth calls and counts the circuit breaker opening', async () => {
    const raw = await RawClient.connect(server, 'ssa-key');
    try {
      for (let i = 0; i < 3; i++) {
        raw.send({ event: 'pusher:subscribe', data: { channel: `private-ssa-${i}` } });
        await raw.nextEvent('pusher:subscription_error');
      }
      const exposition = await until(server.url, (e) => value(e, 'pogo_websocket_circuit_breaker_open_total', { app: 'ssa' }) === 1, 'the breaker opening');
      // Two calls reached the endpoint and were timed; the third was refused by the open breaker.
      expect(authCalls).toBe(2);
      expect(value(exposition, 'pogo_websocket_auth_duration_seconds_count', { app: 'ssa' })).toBe(2);
      expect(value(exposition, 'pogo_websocket_auth_duration_seconds_bucket', { app: 'ssa', le: '+Inf' })).toBe(2);
      expect(value(exposition, 'pogo_websocket_auth_failures_total', { app: 'ssa' })).toBe(3);
    } finally {
      raw.close();
    }
  });

  it('counts a slow consumer cut off with SLOW_CONSUMER', async () => {
    const stalled = await RawClient.connect(server, slow.key);
    stalled.send({ event: 'pusher:subscribe', data: { channel: 'firehose' } });
    await stalled.nextEvent('pusher_internal:subscription_succeeded');
    (stalled.ws as unknown as { _socket: Socket })._socket.pause();
    const publisher = sdk(server, slow);
    const data = 'x'.repeat(9000);
    let closed = false;
    void stalled.closed.then(() => (closed = true));
    // Enough to overflow loopback buffers (~10 MB at most); stops as soon as the server gives up.
    for (let i = 0; i < 120; i++) {
      await publisher.triggerBatch(Array.from({ length: 10 }, () => ({ channel: 'firehose', name: 'chunk', data })));
      const e = (await scrape(server.url)).exposition;
      if (value(e, 'pogo_websocket_client_dropped_messages_total', { app: slow.id }) > 0) break;
    }
    (stalled.ws as unknown as { _socket: Socket })._socket.resume();
    expect((await stalled.closed).code).toBe(schema.closeCodes.SLOW_CONSUMER.code);
    expect(closed).toBe(true);
    const e = await until(server.url, (x) => value(x, 'pogo_websocket_client_dropped_messages_total', { app: slow.id }) >= 1, 'a dropped frame');
    expect(value(e, 'pogo_websocket_client_dropped_messages_total', { app: app.id })).toBe(0);
  }, 30_000);

  it('answers /ready with 200 while serving, /up stays the liveness probe', async () => {
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect((await fetch(`${server.url}/up`)).status).toBe(200);
    const post = await fetch(`${server.url}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
  });
});

describe('metrics options', () => {
  it('adds the hot-path histograms only with metrics.detailed', async () => {
    const app = { id: 'detailed', key: 'detailed-key', secret: 'detailed-secret' };
    const server = await startServer({ apps: [app], metrics: { detailed: true } });
    const client = pusherClient(server, app);
    try {
      await connected(client);
      await subscribed(client, 'ticks');
      await sdk(server, app).trigger('ticks', 'tick', { n: 1 });
      const e = await until(server.url, (x) => {
        try {
          return value(x, 'pogo_websocket_publish_flush_seconds_count', { app: app.id }) >= 1;
        } catch {
          return false;
        }
      }, 'a flush latency observation');
      expect(e.types.get('pogo_websocket_fanout_duration_seconds')).toBe('histogram');
      expect(value(e, 'pogo_websocket_fanout_duration_seconds_count', { app: app.id })).toBeGreaterThanOrEqual(1);
      // Flushed within the same second on an idle loopback server.
      expect(value(e, 'pogo_websocket_publish_flush_seconds_bucket', { app: app.id, le: '1' })).toBe(
        value(e, 'pogo_websocket_publish_flush_seconds_count', { app: app.id }),
      );
    } finally {
      client.disconnect();
      await server.stop();
    }
  });

  it('serves /metrics on metrics.port only, and nowhere with metrics.enabled false', async () => {
    const app = { id: 'ported', key: 'ported-key', secret: 'ported-secret' };
    const server = await startServer({ apps: [app], metrics: { port: 0 } });
    try {
      const port = Number(/metrics on http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(server.output())?.[1]);
      expect(port).toBeGreaterThan(0);
      expect(port).not.toBe(server.port);
      const { exposition } = await scrape(`http://127.0.0.1:${port}`);
      expect(value(exposition, 'pogo_websocket_connections_active', { app: app.id })).toBe(0);
      expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    } finally {
      expect(await server.stop()).toBe(0);
    }

    const off = await startServer({ apps: [app], metrics: { enabled: false } });
    try {
      expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
      expect((await fetch(`${off.url}/ready`)).status).toBe(200);
    } finally {
      await off.stop();
    }
  });

  it('refuses unknown or invalid metrics and webhook options at start-up, naming the key', async () => {
    await expect(startServer({ apps: [{ id: 'x', key: 'x', secret: 'y' }], metrics: { port: 'abc' } })).rejects.toThrow(/metrics\.port must be an integer/);
    await expect(startServer({ apps: [{ id: 'x', key: 'x', secret: 'y' }], webhooks: { retry: 3 } })).rejects.toThrow(/webhooks\.retry is not a known option/);
    await expect(
      startServer({ apps: [{ id: 'x', key: 'x', secret: 'y', webhooks: [{ url: 'http://127.0.0.1:1/', events: ['channel_created'] }] }] }),
    ).rejects.toThrow(/apps\[0\]\.webhooks\[0\]\.events has an unknown event "channel_created"/);
  });
});

describe('readiness and broker metrics with Redis', () => {
  it('answers /ready 503 while Redis is down, counts what the broker dropped, and recovers', async () => {
    const redis = await startRedis();
    const app = { id: 'clustered', key: 'clustered-key', secret: 'clustered-secret' };
    const server = await startServer({ apps: [app], redis: { url: redis.url, prefix: 'pogo-metrics:', commandTimeoutMs: 300 } });
    try {
      expect((await fetch(`${server.url}/ready`)).status).toBe(200);
      await redis.kill();
      let ready: Response | undefined;
      for (const deadline = Date.now() + 5_000; Date.now() < deadline; await sleep(50)) {
        ready = await fetch(`${server.url}/ready`);
        if (ready.status === 503) break;
      }
      expect(ready!.status).toBe(503);
      expect(await ready!.json()).toEqual({ status: 'not ready', reason: 'the message broker is not connected' });
      // Liveness is not readiness: the process is fine.
      expect((await fetch(`${server.url}/up`)).status).toBe(200);

      await expect(sdk(server, app).trigger('lost', 'event', {})).rejects.toThrow();
      const e = await until(server.url, (x) => value(x, 'pogo_websocket_broker_dropped_messages_total', { app: app.id }) >= 1, 'a dropped broker message');
      expect(value(e, 'pogo_websocket_publish_failures_total', { app: app.id })).toBe(1);

      await redis.restart();
      let back = 0;
      for (const deadline = Date.now() + 10_000; Date.now() < deadline && back !== 200; await sleep(100)) {
        back = (await fetch(`${server.url}/ready`)).status;
      }
      expect(back).toBe(200);
    } finally {
      await server.stop();
      await redis.stop();
    }
  }, 30_000);
});
