// SIGHUP applies each app's webhook targets: an app given a target (or a new app with one) gets
// its events after the reload, a moved URL gets only later events, a new `events` filter applies
// to later events, a rotated secret signs them, and a target unchanged across the reload loses
// nothing it held while a removed one still delivers what it held. The log line names app ids and
// target counts, never a URL. A real server process, real HTTP receivers, the official SDK's check.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import PusherServer from 'pusher';
import Pusher from 'pusher-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../server/src/apps/app.js';
import type { WebhookDeliveryConfig } from '../../server/src/config/server-config.js';
import { hmacHex } from '../../server/src/protocol/signature.js';
import { WebhookDispatcher } from '../../server/src/webhooks/dispatcher.js';
import type { SendOutcome } from '../../server/src/webhooks/sender.js';
import { eventually } from '../cluster/helpers.js';
import { sleep } from '../helpers/clients.js';
import { startDeployServer, type DeployServer } from './helpers.js';

interface Hook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  events: { name: string; channel: string }[];
}

/** A webhook receiver: records every request; while `hold` is on, answers nothing until `release()`. */
class Receiver {
  readonly hooks: Hook[] = [];
  hold = false;
  private readonly held: ServerResponse[] = [];
  private readonly server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      this.hooks.push({ path: req.url ?? '/', headers: req.headers, body, events: (JSON.parse(body) as { events: Hook['events'] }).events });
      if (this.hold) this.held.push(res);
      else res.writeHead(200).end('ok');
    });
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  release(): void {
    this.hold = false;
    for (const res of this.held.splice(0)) res.writeHead(200).end('ok');
  }

  /** `name:channel` of every event received on `path`, in order. */
  events(path: string): string[] {
    return this.hooks.filter((h) => h.path === path).flatMap((h) => h.events.map((e) => `${e.name}:${e.channel}`));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface TestApp {
  id: string;
  key: string;
  secret: string;
  webhooks?: { url: string; events: string[] }[];
}

const app = (id: string, webhooks?: TestApp['webhooks']): TestApp => ({ id, key: `${id}-key`, secret: `${id}-secret`, ...(webhooks ? { webhooks } : {}) });

/** The official SDK's check of a webhook (key, HMAC-SHA256 of the body, content type) with `secret`. */
function verifies(a: TestApp, secret: string, hook: Hook): boolean {
  const pusher = new PusherServer({ appId: a.id, key: a.key, secret, host: '127.0.0.1' });
  return pusher.webhook({ headers: hook.headers as Record<string, string>, rawBody: hook.body }).isValid();
}

const servers: DeployServer[] = [];
const receivers: Receiver[] = [];
const clients: Pusher[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  for (const r of receivers) r.release();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(): Promise<Receiver> {
  const r = await new Receiver().start();
  receivers.push(r);
  return r;
}

async function server(config: Record<string, unknown>): Promise<DeployServer> {
  const s = await startDeployServer(config);
  servers.push(s);
  return s;
}

async function client(s: DeployServer, a: TestApp): Promise<Pusher> {
  const pusher = new Pusher(a.key, { wsHost: '127.0.0.1', wsPort: s.port, forceTLS: false, enabledTransports: ['ws'], cluster: 'local', disableStats: true });
  clients.push(pusher);
  await new Promise<void>((resolve) => pusher.connection.bind('connected', () => resolve()));
  return pusher;
}

function occupy(pusher: Pusher, channel: string): Promise<void> {
  return new Promise((resolve) => pusher.subscribe(channel).bind('pusher:subscription_succeeded', () => resolve()));
}

/** Rewrites the config, sends SIGHUP and answers the new "configuration reloaded" line. */
async function reload(s: DeployServer, config: Record<string, unknown>): Promise<string> {
  const lines = () => s.output().split('\n').filter((l) => l.includes('configuration reloaded'));
  const before = lines().length;
  writeFileSync(s.configFile, JSON.stringify(config));
  s.process.kill('SIGHUP');
  await eventually(() => expect(lines().length).toBe(before + 1));
  return lines()[before] ?? '';
}

// Quick batches, vacated sent at once: what arrives is what the test caused, in order.
const delivery = { batchIntervalMs: 20, vacatedDelayMs: 0, timeoutMs: 10_000 };

describe('SIGHUP applies webhook targets', () => {
  it('a target added to an app, a new app with one, a moved URL with a rotated secret, a new events filter, a removed app', async () => {
    const [first, second] = [await receiver(), await receiver()];
    const a = app('a');
    const s = await server({ apps: [a], webhooks: delivery });
    const onA = await client(s, a);
    await occupy(onA, 'before-any-target');

    // (1) A gets a target, (2) B is added with one.
    const aHooked = { ...a, webhooks: [{ url: first.url('/a'), events: ['channel_occupied'] }] };
    const b = app('b', [{ url: first.url('/b'), events: [] }]);
    const line1 = await reload(s, { apps: [aHooked, b], webhooks: delivery });
    expect(line1).toContain('added b; changed a; webhooks: a 1 target (1 added); b 1 target (1 added)');
    await occupy(onA, 'after-first-reload');
    const onB = await client(s, b);
    await occupy(onB, 'b-room');
    await eventually(() => expect(first.events('/a')).toEqual(['channel_occupied:after-first-reload']));
    await eventually(() => expect(first.events('/b')).toEqual(['channel_occupied:b-room']));
    const [toA, toB] = [first.hooks.find((h) => h.path === '/a')!, first.hooks.find((h) => h.path === '/b')!];
    expect(verifies(a, a.secret, toA)).toBe(true);
    expect(verifies(b, b.secret, toB)).toBe(true);
    expect(verifies(b, a.secret, toB)).toBe(false);

    // (3) A's target moves to the second receiver and (4) A's secret is rotated in the same reload.
    const aMoved = { ...aHooked, secret: 'a-rotated-secret', webhooks: [{ url: second.url('/a'), events: ['channel_occupied'] }] };
    const line2 = await reload(s, { apps: [aMoved, b], webhooks: delivery });
    expect(line2).toContain('changed a; webhooks: a 1 target (1 added, 1 removed)');
    await occupy(onA, 'after-move');
    await eventually(() => expect(second.events('/a')).toEqual(['channel_occupied:after-move']));
    const moved = second.hooks[0]!;
    expect(verifies(a, 'a-rotated-secret', moved)).toBe(true);
    expect(verifies(a, a.secret, moved)).toBe(false);
    // B's target, unchanged, still works; the old URL got nothing more (a margin for a stray batch).
    await occupy(onB, 'b-after-move');
    await eventually(() => expect(first.events('/b')).toEqual(['channel_occupied:b-room', 'channel_occupied:b-after-move']));
    await sleep(300);
    expect(first.events('/a')).toEqual(['channel_occupied:after-first-reload']);

    // A new events filter on the same URL: vacated, not sent before, is sent after.
    onA.unsubscribe('after-first-reload');
    await occupy(onA, 'marker-1');
    await eventually(() => expect(second.events('/a')).toContain('channel_occupied:marker-1'));
    const aVacated = { ...aMoved, webhooks: [{ url: second.url('/a'), events: ['channel_occupied', 'channel_vacated'] }] };
    const line3 = await reload(s, { apps: [aVacated, b], webhooks: delivery });
    expect(line3).toContain('changed a; webhooks: a 1 target (1 events changed)');
    onA.unsubscribe('after-move');
    await eventually(() => expect(second.events('/a')).toEqual(['channel_occupied:after-move', 'channel_occupied:marker-1', 'channel_vacated:after-move']));

    // B removed: its target goes too.
    const line4 = await reload(s, { apps: [aVacated], webhooks: delivery });
    expect(line4).toContain('removed b; webhooks: b 0 targets (1 removed)');

    // No URL (with its port) and no secret in any reload line.
    for (const line of [line1, line2, line3, line4]) {
      expect(line).not.toMatch(/http|127\.0\.0\.1|secret/);
    }
  }, 30_000);

  it('a target unchanged across a reload loses nothing it held; a removed target still delivers what it held', async () => {
    const held = await receiver();
    const other = await receiver();
    const a = app('a', [{ url: held.url('/kept'), events: ['channel_occupied'] }]);
    const moving = app('m', [{ url: held.url('/old'), events: ['channel_occupied'] }]);
    // One request at a time, one event a request: while the receiver holds the first, the rest queue.
    const config = { webhooks: { ...delivery, batchSize: 1, concurrency: 1, retries: 0 } };
    const s = await server({ ...config, apps: [a, moving] });
    const [onA, onM] = [await client(s, a), await client(s, moving)];
    held.hold = true;
    for (const channel of ['k1', 'k2', 'k3']) await occupy(onA, channel);
    for (const channel of ['m1', 'm2', 'm3']) await occupy(onM, channel);
    await eventually(() => expect(held.hooks.map((h) => h.path).sort()).toEqual(['/kept', '/old']));

    // A unchanged (C added), M's target moved to another receiver.
    const movedM = { ...moving, webhooks: [{ url: other.url('/new'), events: ['channel_occupied'] }] };
    const line = await reload(s, { ...config, apps: [a, movedM, app('c')] });
    expect(line).toContain('added c; changed m; webhooks: m 1 target (1 added, 1 removed)');
    expect(line).not.toContain('webhooks: a');
    await occupy(onA, 'k4');
    await occupy(onM, 'm4');
    await eventually(() => expect(other.events('/new')).toEqual(['channel_occupied:m4']));

    held.release();
    // Every event exactly once, in order: the kept queue's, and what the removed target held.
    await eventually(() => expect(held.events('/kept')).toEqual(['k1', 'k2', 'k3', 'k4'].map((c) => `channel_occupied:${c}`)));
    await eventually(() => expect(held.events('/old')).toEqual(['m1', 'm2', 'm3'].map((c) => `channel_occupied:${c}`)));
    await sleep(300);
    expect(held.events('/kept')).toHaveLength(4);
    expect(held.events('/old')).toHaveLength(3);
    expect(other.events('/new')).toEqual(['channel_occupied:m4']);
    for (const hook of held.hooks) expect(verifies(hook.path === '/kept' ? a : moving, hook.path === '/kept' ? a.secret : moving.secret, hook)).toBe(true);
  }, 30_000);
});

describe('WebhookDispatcher.reconfigure (unit)', () => {
  const options: WebhookDeliveryConfig = {
    batchSize: 1, batchIntervalMs: 5, timeoutMs: 1000, retries: 2, retryBackoffMs: 100, maxQueuedEvents: 100, concurrency: 1, vacatedDelayMs: 0,
  };
  const unitApp = (secret: string, webhooks: App['webhooks']): App =>
    ({ id: 'u', key: 'uk', secret, enabled: true, clientEvents: true, subscriptionCount: false, allowedOrigins: [], webhooks, authEndpoint: undefined, limits: {} as never, recovery: { enabled: false, disabledPrefixes: [] } });
  const sink = { delivered: () => {}, dropped: () => {}, warn: () => {} };

  it('a retry after a reload that rotated the secret is signed with the new one', async () => {
    const signatures: string[] = [];
    const bodies: string[] = [];
    const send = async (_url: URL, body: string, headers: Record<string, string>): Promise<SendOutcome> => {
      signatures.push(headers['X-Pusher-Signature'] ?? '');
      bodies.push(body);
      return signatures.length === 1 ? { ok: false, retry: true, status: 503, reason: 'HTTP 503' } : { ok: true, status: 200 };
    };
    const targets = [{ url: 'http://127.0.0.1:9/hook', events: [] }];
    const d = new WebhookDispatcher([unitApp('old', targets)], options, sink, send);
    d.emit(unitApp('old', targets), { name: 'channel_occupied', channel: 'c' });
    await eventually(() => expect(signatures).toHaveLength(1));
    // During the backoff (50..100 ms): same target, new secret.
    expect(d.reconfigure([unitApp('new', targets)])).toEqual([]);
    await eventually(() => expect(signatures).toHaveLength(2));
    expect(bodies[1]).toBe(bodies[0]);
    expect(signatures).toEqual([hmacHex('old', bodies[0]!), hmacHex('new', bodies[0]!)]);
  });

  it('the same URL named twice keeps the queue whose events match; the removed one still delivers what it held', async () => {
    const sent: string[] = [];
    const waiting: (() => void)[] = [];
    let holding = true;
    const send = async (url: URL, body: string): Promise<SendOutcome> => {
      // The first request of each target waits until the test lets it go: what follows it queues.
      if (holding) await new Promise<void>((resolve) => waiting.push(resolve));
      for (const e of (JSON.parse(body) as { events: { name: string; channel: string }[] }).events) sent.push(`${url.pathname} ${e.name} ${e.channel}`);
      return { ok: true, status: 200 };
    };
    const occupied = { url: 'http://127.0.0.1:9/same', events: ['channel_occupied'] };
    const vacated = { url: 'http://127.0.0.1:9/same', events: ['channel_vacated'] };
    const before = unitApp('s', [occupied, vacated]);
    const d = new WebhookDispatcher([before], options, sink, send);
    for (const channel of ['c1', 'c2']) d.emit(before, { name: 'channel_occupied', channel });
    d.emit(before, { name: 'channel_vacated', channel: 'v1' });
    await eventually(() => expect(waiting).toHaveLength(2));

    const after = unitApp('s', [vacated]);
    expect(d.reconfigure([after])).toEqual([{ appId: 'u', targets: 1, kept: 1, refiltered: 0, added: 0, retired: 1 }]);
    d.emit(after, { name: 'channel_occupied', channel: 'c3' });
    expect(d.wants(after, 'channel_occupied')).toBe(false);
    d.emit(after, { name: 'channel_vacated', channel: 'v2' });
    holding = false;
    for (const resolve of waiting) resolve();
    await eventually(() => expect(d.pending).toBe(0));
    // The removed (occupied) target sent what it held, c1 and c2; nothing after the reload.
    expect(sent.filter((e) => e.includes('occupied')).sort()).toEqual(['/same channel_occupied c1', '/same channel_occupied c2']);
    expect(sent.filter((e) => e.includes('vacated'))).toEqual(['/same channel_vacated v1', '/same channel_vacated v2']);

    // An app removed: its queue is retired, its later events go nowhere.
    expect(d.reconfigure([])).toEqual([{ appId: 'u', targets: 0, kept: 0, refiltered: 0, added: 0, retired: 1 }]);
    expect(d.wants(after, 'channel_vacated')).toBe(false);
  });
});
