// Webhooks: every event kind in Pusher's format, batched, signed (checked with the official
// SDK), retried on 5xx and timeouts but never on 4xx, drops counted, and drained at shutdown.
// A real server process sends them to a real HTTP receiver in this file.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import PusherServer from 'pusher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import vectors from '../fixtures/pusher-signatures.json' with { type: 'json' };
import { WebhookDispatcher } from '../../server/src/webhooks/dispatcher.js';
import { webhookBody, type WebhookEvent } from '../../server/src/webhooks/events.js';
import { backoffMs, webhookHeaders } from '../../server/src/webhooks/target-queue.js';
import type { WebhookDeliveryConfig } from '../../server/src/config/server-config.js';
import { connected, pusherClient, sleep, subscribed } from '../helpers/clients.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { startRedis } from '../cluster/helpers.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  events: (WebhookEvent & { time_ms?: number })[];
  timeMs: number;
  status: number;
}

/** A webhook receiver whose answer depends on the path: /ok, /flaky (500 twice per body), /slow-once, /reject (400). */
class Receiver {
  readonly requests: Received[] = [];
  private readonly attempts = new Map<string, number>();
  private server!: Server;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        const seen = (this.attempts.get(body) ?? 0) + 1;
        this.attempts.set(body, seen);
        let status = 200;
        if (path === '/flaky' && seen <= 2) status = 500;
        if (path === '/reject') status = 400;
        const parsed = JSON.parse(body) as { time_ms: number; events: Received['events'] };
        const record = { path, headers: req.headers, body, events: parsed.events, timeMs: parsed.time_ms, status };
        if (path === '/slow-once' && seen === 1) {
          // Longer than the server's timeout: it gives up, then retries.
          setTimeout(() => res.writeHead(200).end(), 1_500);
          this.requests.push({ ...record, status: 0 });
          return;
        }
        this.requests.push(record);
        res.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 200 ? 'ok' : 'no');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Accepted events sent to `path`, flattened. */
  events(path: string): Received['events'] {
    return this.requests.filter((r) => r.path === path && r.status === 200).flatMap((r) => r.events);
  }

  async waitFor(predicate: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; received ${JSON.stringify(this.requests.map((r) => [r.path, r.status, r.events]))}`);
      await sleep(20);
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The official SDK's check of a webhook: key, HMAC and content type. */
function sdkAccepts(app: { id: string; key: string; secret: string }, request: Received): boolean {
  const pusher = new PusherServer({ appId: app.id, key: app.key, secret: app.secret, host: '127.0.0.1' });
  const webhook = pusher.webhook({ headers: request.headers as Record<string, string>, rawBody: request.body });
  return webhook.isValid() && Array.isArray(webhook.getEvents());
}

function metric(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const labelText = line.slice(name.length + 1, line.indexOf('}'));
    if (wanted.every((pair) => labelText.split(',').includes(pair))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  throw new Error(`${name} ${JSON.stringify(labels)} not in /metrics`);
}

async function scrape(server: RunningServer): Promise<string> {
  const res = await fetch(`${server.url}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

describe('webhook signatures (unit)', () => {
  it('signs exactly as the official SDK verifies: the shared vector', () => {
    for (const vector of vectors.webhook) {
      const headers = webhookHeaders(vectors.app, vector.body);
      expect(headers['X-Pusher-Key']).toBe(vector['X-Pusher-Key']);
      expect(headers['X-Pusher-Signature']).toBe(vector['X-Pusher-Signature']);
      expect(headers['Content-Type']).toBe('application/json');
    }
  });

  it('builds the body Pusher sends: time_ms and events', () => {
    const body = webhookBody([{ name: 'channel_occupied', channel: 'orders' }], 1764072000000);
    expect(body).toBe(vectors.webhook[0]!.body);
  });

  it('backs off exponentially with jitter, capped at 30 s', () => {
    expect(backoffMs(500, 0, () => 0)).toBe(250);
    expect(backoffMs(500, 0, () => 1)).toBe(500);
    expect(backoffMs(500, 3, () => 1)).toBe(4000);
    expect(backoffMs(500, 20, () => 1)).toBe(30_000);
  });
});

describe('vacated and removed are held back to absorb flapping (unit)', () => {
  const options: WebhookDeliveryConfig = {
    batchSize: 50, batchIntervalMs: 10, timeoutMs: 1000, retries: 0, retryBackoffMs: 10, maxQueuedEvents: 100, concurrency: 1, vacatedDelayMs: 100,
  };
  const app = { id: 'u', key: 'uk', secret: 'us', enabled: true, clientEvents: true, subscriptionCount: false, allowedOrigins: [], limits: {} as never, webhooks: [{ url: 'http://127.0.0.1:9/x', events: [] }] };

  function dispatcher() {
    const sent: WebhookEvent[] = [];
    const d = new WebhookDispatcher([app as never], options, { delivered: () => {}, dropped: () => {}, warn: () => {} }, async (_url, body) => {
      sent.push(...(JSON.parse(body) as { events: WebhookEvent[] }).events);
      return { ok: true, status: 200 };
    });
    return { d, sent };
  }

  it('a re-join within the delay cancels both events', async () => {
    const { d, sent } = dispatcher();
    d.channelOccupied(app as never, 'presence-a');
    d.memberAdded(app as never, 'presence-a', 'u1');
    await sleep(50);
    d.memberRemoved(app as never, 'presence-a', 'u1');
    d.channelVacated(app as never, 'presence-a');
    await sleep(30);
    d.channelOccupied(app as never, 'presence-a');
    d.memberAdded(app as never, 'presence-a', 'u1');
    await sleep(250);
    expect(sent.map((e) => e.name)).toEqual(['channel_occupied', 'member_added']);
  });

  it('otherwise sends them after the delay, removed before vacated', async () => {
    const { d, sent } = dispatcher();
    d.channelOccupied(app as never, 'presence-b');
    d.memberAdded(app as never, 'presence-b', 'u1');
    d.memberRemoved(app as never, 'presence-b', 'u1');
    d.channelVacated(app as never, 'presence-b');
    await sleep(60);
    expect(sent.map((e) => e.name)).toEqual(['channel_occupied', 'member_added']);
    await sleep(150);
    expect(sent.map((e) => e.name)).toEqual(['channel_occupied', 'member_added', 'member_removed', 'channel_vacated']);
  });

  it('drain sends held events at once', async () => {
    const { d, sent } = dispatcher();
    d.channelVacated(app as never, 'c');
    await d.drain(Date.now() + 1000);
    expect(sent).toEqual([{ name: 'channel_vacated', channel: 'c' }]);
  });
});

describe('webhooks from a running server', () => {
  const receiver = new Receiver();
  let server: RunningServer;
  const all = { id: 'hooks', key: 'hooks-key', secret: 'hooks-secret', subscriptionCount: true };
  const flaky = { id: 'flaky', key: 'flaky-key', secret: 'flaky-secret' };
  const slow = { id: 'slow', key: 'slow-key', secret: 'slow-secret' };
  const rejecting = { id: 'rejecting', key: 'rejecting-key', secret: 'rejecting-secret' };
  const picky = { id: 'picky', key: 'picky-key', secret: 'picky-secret' };

  beforeAll(async () => {
    await receiver.start();
    server = await startServer({
      apps: [
        { ...all, webhooks: [{ url: receiver.url('/ok'), events: [] }] },
        { ...flaky, webhooks: [{ url: receiver.url('/flaky'), events: ['channel_occupied'] }] },
        { ...slow, webhooks: [{ url: receiver.url('/slow-once'), events: ['channel_occupied'] }] },
        { ...rejecting, webhooks: [{ url: receiver.url('/reject'), events: ['channel_occupied'] }] },
        { ...picky, webhooks: [{ url: receiver.url('/picky'), events: ['member_added'] }] },
      ],
      webhooks: { batchIntervalMs: 50, timeoutMs: 400, retries: 3, retryBackoffMs: 50, vacatedDelayMs: 600 },
    });
  });
  afterAll(async () => {
    await server.stop();
    await receiver.close();
  });

  it('sends each event kind in Pusher format, signed with the app key and secret', async () => {
    const ann = pusherClient(server, all, { user: { id: 'u-ann', info: { name: 'Ann' } } });
    const bob = pusherClient(server, all, { user: { id: 'u-bob' } });
    try {
      await Promise.all([connected(ann), connected(bob)]);
      await subscribed(ann, 'presence-room');
      await subscribed(bob, 'presence-room');
      await subscribed(ann, 'news');
      await subscribed(ann, 'cache-prices');
      ann.channel('presence-room')!.trigger('client-typing', { text: 'ü ✓', n: 1 });
      await receiver.waitFor(() => receiver.events('/ok').some((e) => e.name === 'client_event'), 'client_event');
      bob.unsubscribe('presence-room');
      await receiver.waitFor(() => receiver.events('/ok').some((e) => e.name === 'member_removed'), 'member_removed');

      const events = receiver.events('/ok');
      expect(events).toContainEqual({ name: 'channel_occupied', channel: 'presence-room' });
      expect(events).toContainEqual({ name: 'member_added', channel: 'presence-room', user_id: 'u-ann' });
      expect(events).toContainEqual({ name: 'member_added', channel: 'presence-room', user_id: 'u-bob' });
      expect(events).toContainEqual({ name: 'channel_occupied', channel: 'news' });
      expect(events).toContainEqual({ name: 'subscription_count', channel: 'news', subscription_count: 1 });
      expect(events).toContainEqual({ name: 'cache_miss', channel: 'cache-prices' });
      expect(events).toContainEqual({
        name: 'client_event',
        channel: 'presence-room',
        event: 'client-typing',
        data: JSON.stringify({ text: 'ü ✓', n: 1 }),
        socket_id: ann.connection.socket_id,
        user_id: 'u-ann',
      });
      expect(events).toContainEqual({ name: 'member_removed', channel: 'presence-room', user_id: 'u-bob' });
      // Ann is still there: the channel is not vacated.
      expect(events).not.toContainEqual({ name: 'channel_vacated', channel: 'presence-room' });

      ann.unsubscribe('news');
      await receiver.waitFor(() => receiver.events('/ok').some((e) => e.name === 'channel_vacated'), 'channel_vacated');
      expect(receiver.events('/ok')).toContainEqual({ name: 'channel_vacated', channel: 'news' });

      for (const request of receiver.requests.filter((r) => r.path === '/ok')) {
        expect(request.headers['content-type']).toBe('application/json');
        expect(request.headers['x-pusher-key']).toBe(all.key);
        expect(request.headers['x-pusher-signature']).toBe(createHmac('sha256', all.secret).update(request.body).digest('hex'));
        expect(sdkAccepts(all, request)).toBe(true);
        expect(sdkAccepts({ ...all, secret: 'wrong' }, request)).toBe(false);
        expect(Math.abs(request.timeMs - Date.now())).toBeLessThan(10_000);
      }
    } finally {
      ann.disconnect();
      bob.disconnect();
    }
  });

  it('batches events that happen together into one request', async () => {
    const client = pusherClient(server, all);
    try {
      await connected(client);
      const before = receiver.requests.length;
      const names = Array.from({ length: 12 }, (_, i) => `batch-${i}`);
      await Promise.all(names.map((name) => subscribed(client, name)));
      await receiver.waitFor(
        () => names.every((name) => receiver.events('/ok').some((e) => e.name === 'channel_occupied' && e.channel === name)),
        'twelve channel_occupied',
      );
      const occupiedRequests = receiver.requests
        .slice(before)
        .filter((r) => r.events.some((e) => e.name === 'channel_occupied' && e.channel.startsWith('batch-')));
      // 12 occupied + 12 subscription_count, in far fewer requests than events.
      expect(occupiedRequests.length).toBeLessThan(6);
      expect(Math.max(...occupiedRequests.map((r) => r.events.length))).toBeGreaterThan(1);
    } finally {
      client.disconnect();
    }
  });

  it('does not report a channel that is left and re-joined within the delay', async () => {
    const client = pusherClient(server, all);
    try {
      await connected(client);
      await subscribed(client, 'flap');
      await receiver.waitFor(() => receiver.events('/ok').some((e) => e.name === 'channel_occupied' && e.channel === 'flap'), 'occupied flap');
      client.unsubscribe('flap');
      await sleep(100);
      await subscribed(client, 'flap');
      await sleep(900);
      const flap = receiver.events('/ok').filter((e) => e.channel === 'flap' && e.name !== 'subscription_count');
      expect(flap).toEqual([{ name: 'channel_occupied', channel: 'flap' }]);
    } finally {
      client.disconnect();
    }
  });

  it('only sends a target the events it asked for', async () => {
    const client = pusherClient(server, picky, { user: { id: 'p1' } });
    try {
      await connected(client);
      await subscribed(client, 'presence-picky');
      await subscribed(client, 'plain');
      await receiver.waitFor(() => receiver.events('/picky').length > 0, 'picky events');
      await sleep(200);
      expect(receiver.events('/picky')).toEqual([{ name: 'member_added', channel: 'presence-picky', user_id: 'p1' }]);
    } finally {
      client.disconnect();
    }
  });

  it('retries a 500 with the same signed body until it is accepted', async () => {
    const client = pusherClient(server, flaky);
    try {
      await connected(client);
      await subscribed(client, 'retry-me');
      await receiver.waitFor(() => receiver.events('/flaky').length > 0, 'the accepted retry');
      const attempts = receiver.requests.filter((r) => r.path === '/flaky');
      expect(attempts.map((r) => r.status)).toEqual([500, 500, 200]);
      expect(new Set(attempts.map((r) => r.body)).size).toBe(1);
      expect(new Set(attempts.map((r) => r.headers['x-pusher-signature'])).size).toBe(1);
      expect(receiver.events('/flaky')).toEqual([{ name: 'channel_occupied', channel: 'retry-me' }]);
    } finally {
      client.disconnect();
    }
  });

  it('retries after a timeout', async () => {
    const client = pusherClient(server, slow);
    try {
      await connected(client);
      await subscribed(client, 'slow-one');
      await receiver.waitFor(() => receiver.events('/slow-once').length > 0, 'the retry after the timeout');
      const attempts = receiver.requests.filter((r) => r.path === '/slow-once');
      expect(attempts.length).toBe(2);
      expect(attempts[0]!.body).toBe(attempts[1]!.body);
      expect(receiver.events('/slow-once')).toEqual([{ name: 'channel_occupied', channel: 'slow-one' }]);
    } finally {
      client.disconnect();
    }
  });

  it('never retries a 4xx, and counts the events as dropped (rejected)', async () => {
    const client = pusherClient(server, rejecting);
    try {
      await connected(client);
      await subscribed(client, 'refused-one');
      await receiver.waitFor(() => receiver.requests.some((r) => r.path === '/reject'), 'the rejected request');
      await sleep(500); // more than every backoff the server would use
      expect(receiver.requests.filter((r) => r.path === '/reject').length).toBe(1);
      const text = await scrape(server);
      expect(metric(text, 'pogo_websocket_webhook_dropped_total', { app: rejecting.id, reason: 'rejected' })).toBe(1);
      expect(metric(text, 'pogo_websocket_webhook_dropped_total', { app: rejecting.id, reason: 'retries_exhausted' })).toBe(0);
      expect(metric(text, 'pogo_websocket_webhook_delivered_total', { app: all.id })).toBeGreaterThan(10);
    } finally {
      client.disconnect();
    }
  });
});

describe('webhooks to a receiver that is down or stuck', () => {
  it('gives up after the retries and counts every dropped event', async () => {
    // A port nobody listens on: connection refused, every attempt.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const app = { id: 'down', key: 'down-key', secret: 'down-secret', webhooks: [{ url: `http://127.0.0.1:${deadPort}/hook`, events: ['channel_occupied'] }] };
    const server = await startServer({ apps: [app], webhooks: { batchIntervalMs: 20, retries: 2, retryBackoffMs: 20, timeoutMs: 500 } });
    const client = pusherClient(server, app);
    try {
      await connected(client);
      await Promise.all(['d1', 'd2', 'd3'].map((name) => subscribed(client, name)));
      let dropped = 0;
      const until = Date.now() + 5_000;
      while (dropped < 3 && Date.now() < until) {
        await sleep(50);
        dropped = metric(await scrape(server), 'pogo_websocket_webhook_dropped_total', { app: app.id, reason: 'retries_exhausted' });
      }
      expect(dropped).toBe(3);
      // Logged once, without the secret.
      expect(server.output()).toMatch(/webhook to http:\/\/127\.0\.0\.1:\d+\/hook \(app down\): 3 events dropped \(retries exhausted/);
      expect(server.output()).not.toContain(app.secret);
    } finally {
      client.disconnect();
      await server.stop();
    }
  });

  it('never queues more than maxQueuedEvents: the rest is dropped and counted, the server stays responsive', async () => {
    const stuck = createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', () => resolve()));
    const app = {
      id: 'stuck',
      key: 'stuck-key',
      secret: 'stuck-secret',
      webhooks: [{ url: `http://127.0.0.1:${(stuck.address() as AddressInfo).port}/`, events: ['channel_occupied'] }],
    };
    const server = await startServer({
      apps: [app],
      shutdownTimeoutSeconds: 1,
      webhooks: { maxQueuedEvents: 5, batchSize: 1, concurrency: 1, timeoutMs: 10_000, retries: 0 },
    });
    const client = pusherClient(server, app);
    try {
      await connected(client);
      const names = Array.from({ length: 20 }, (_, i) => `q${i}`);
      const started = Date.now();
      await Promise.all(names.map((name) => subscribed(client, name)));
      // Subscriptions are not slowed by the stuck receiver.
      expect(Date.now() - started).toBeLessThan(2_000);
      const text = await scrape(server);
      expect(metric(text, 'pogo_websocket_webhook_dropped_total', { app: app.id, reason: 'queue_full' })).toBe(15);
      // Shutdown waits for the stuck receiver only as long as the shutdown timeout allows.
      client.disconnect();
      const stopping = Date.now();
      expect(await server.stop()).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(3_000);
      expect(server.output()).toMatch(/\(app stuck\): 5 events dropped \(shutdown/);
    } finally {
      client.disconnect();
      await server.stop();
      stuck.closeAllConnections();
      stuck.close();
    }
  });
});

describe('webhooks at shutdown', () => {
  it('sends the held channel_vacated before the process exits', async () => {
    const receiver = new Receiver();
    await receiver.start();
    const app = { id: 'bye', key: 'bye-key', secret: 'bye-secret', webhooks: [{ url: receiver.url('/ok'), events: ['channel_occupied', 'channel_vacated'] }] };
    // A long flap delay: without the drain, the vacated event would never leave.
    const server = await startServer({ apps: [app], webhooks: { vacatedDelayMs: 60_000 } });
    const client = pusherClient(server, app);
    try {
      await connected(client);
      await subscribed(client, 'leaving');
      await receiver.waitFor(() => receiver.events('/ok').length > 0, 'occupied');
      client.disconnect();
      await sleep(100);
      expect(await server.stop()).toBe(0);
      expect(receiver.events('/ok')).toEqual([
        { name: 'channel_occupied', channel: 'leaving' },
        { name: 'channel_vacated', channel: 'leaving' },
      ]);
    } finally {
      await receiver.close();
    }
  });
});

describe('webhooks configured from the environment', () => {
  it('WS_WEBHOOK_URL and WS_WEBHOOK_EVENTS add a target to the app from WS_APP_*', async () => {
    const receiver = new Receiver();
    await receiver.start();
    const app = { id: 'env-app', key: 'env-key', secret: 'env-secret' };
    const server = await startServer(
      { apps: undefined },
      {
        env: {
          WS_APP_ID: app.id,
          WS_APP_KEY: app.key,
          WS_APP_SECRET: app.secret,
          WS_WEBHOOK_URL: receiver.url('/ok'),
          WS_WEBHOOK_EVENTS: 'channel_occupied,member_added',
        },
      },
    );
    const client = pusherClient(server, app);
    try {
      await connected(client);
      await subscribed(client, 'from-env');
      await receiver.waitFor(() => receiver.events('/ok').length > 0, 'occupied');
      expect(receiver.events('/ok')).toEqual([{ name: 'channel_occupied', channel: 'from-env' }]);
      expect(sdkAccepts(app, receiver.requests[0]!)).toBe(true);
    } finally {
      client.disconnect();
      await server.stop();
      await receiver.close();
    }
  });
});

describe('webhooks in a cluster', () => {
  it('a client that moves to another node within the delay never leaves the receiver on "vacated"', async () => {
    const redis = await startRedis();
    const receiver = new Receiver();
    await receiver.start();
    const app = { id: 'moving', key: 'moving-key', secret: 'moving-secret', webhooks: [{ url: receiver.url('/ok'), events: ['channel_occupied', 'channel_vacated'] }] };
    const config = { apps: [app], redis: { url: redis.url, prefix: 'pogo-webhooks:' }, webhooks: { vacatedDelayMs: 500, batchIntervalMs: 10 } };
    const [nodeA, nodeB] = await Promise.all([startServer(config), startServer(config)]);
    const onA = pusherClient(nodeA, app);
    const onB = pusherClient(nodeB, app);
    try {
      await Promise.all([connected(onA), connected(onB)]);
      await subscribed(onA, 'roaming');
      await receiver.waitFor(() => receiver.events('/ok').length === 1, 'occupied from node A');
      // The client reconnects to node B: A sees the channel vacated, B sees it occupied again.
      onA.unsubscribe('roaming');
      await sleep(100);
      await subscribed(onB, 'roaming');
      await sleep(1_000); // past A's held vacated and its re-check
      const events = receiver.events('/ok').filter((e) => e.channel === 'roaming');
      expect(events.every((e) => e.name === 'channel_occupied')).toBe(true);

      // Once it is really gone everywhere, the vacated does arrive.
      onB.unsubscribe('roaming');
      await receiver.waitFor(() => receiver.events('/ok').some((e) => e.name === 'channel_vacated'), 'vacated from node B');
      expect(receiver.events('/ok').at(-1)).toEqual({ name: 'channel_vacated', channel: 'roaming' });
    } finally {
      onA.disconnect();
      onB.disconnect();
      await Promise.all([nodeA.stop(), nodeB.stop()]);
      await receiver.close();
      await redis.stop();
    }
  }, 30_000);
});
