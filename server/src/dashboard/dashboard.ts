// The live dashboard: overview and charts (a ring of one-second samples), channels, node
// list, and the debug console streamed over Server-Sent Events, all behind a token or basic
// auth, on a path of the public port or on a port of its own. Off unless configured.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Adapter } from '../adapter/adapter.js';
import type { DashboardConfig } from '../config/server-config.js';
import type { PlainRoute } from '../http/router.js';
import type { Hub } from '../hub.js';
import { BucketMap } from '../limits/token-bucket.js';
import type { CounterStore } from '../observe/counters.js';
import { authFailureNames, type Refusal } from '../observe/refusal.js';
import { assets } from './assets.js';
import { DashboardAuth } from './auth.js';
import { ConsoleFeed, type ConsoleEvent } from './console-feed.js';
import { NodeDirectory } from './nodes.js';
import { dashboardObserver } from './observer.js';
import { emptySample, addSamples, ringSeconds, SampleRing, type Sample } from './samples.js';
import { noApp, refusalName, Tally } from './tally.js';
import { parseTestEvent, sendTestEvent } from './test-event.js';
import { readBody } from '../http/body.js';
import { send as sendBody, sendJson as sendJsonBody } from '../http/respond.js';
import { refuseConnect, requestTimeouts } from '../http/timeouts.js';
import { guard } from '../transport/listener-guard.js';

export interface DashboardOptions {
  hub: Hub;
  adapter: Adapter;
  config: DashboardConfig;
  /** The counter store (observe/counters.ts), counted by the counting observer. */
  counters: CounterStore;
  /** Where this server's HTTP API listens (the test event is sent there). */
  api: () => { host: string; port: number };
}

/** Where the dashboard is, for `GET /up` (read by `php artisan pogo:ws-doctor`). */
export interface DashboardInfo {
  path: string;
  /** Only when it has a port of its own. */
  port?: number;
  host?: string;
}

const securityHeaders = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

const maxStreams = 32;
/** A console whose socket has this much unsent is skipped until it catches up. */
const maxStreamBacklog = 4 * 1024 * 1024;

/** Every dashboard answer carries the security headers. */
function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  sendBody(res, status, type, body, { ...securityHeaders, ...headers });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJsonBody(res, status, body, { ...securityHeaders, ...headers }, 'application/json; charset=utf-8');
}

/** Is `origin` this host? False for "null" and anything that is not a URL. */
function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return origin !== 'null' && new URL(origin).host === host;
  } catch {
    return false;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export class Dashboard {
  readonly feed: ConsoleFeed;
  readonly tally = new Tally();
  readonly nodes: NodeDirectory;
  private readonly auth: DashboardAuth;
  private readonly base: string;
  private readonly streams = new Set<ServerResponse>();
  private readonly rings = new Map<string, SampleRing>();
  private readonly totalRing = new SampleRing();
  private previous = new Map<string, { messagesIn: number; messagesOut: number; httpPublishes: number; clientEvents: number; errors: number }>();
  private latest: { total: Sample; apps: Record<string, Sample> } = { total: emptySample(), apps: {} };
  private sampler: NodeJS.Timeout | undefined;
  /** Wrong credentials per client address: 2 a second, bursts of 10, then 429. */
  private readonly failures = new BucketMap(2, 10);
  private samples = 0;
  private listener: Server | undefined;
  /** Closed: the observer stays subscribed to the hub but no longer counts. */
  private closed = false;

  constructor(private readonly options: DashboardOptions) {
    this.base = options.config.path;
    this.auth = new DashboardAuth(options.config);
    this.nodes = new NodeDirectory(options.adapter.notes);
    this.feed = new ConsoleFeed(this.nodes.id, (payload) => this.consoleOut(payload));
    this.nodes.onConsole = (payload) => {
      if (this.streams.size > 0) this.broadcast('console', payload);
    };
    for (const app of options.hub.apps) this.rings.set(app.id, new SampleRing());
  }

  get info(): DashboardInfo {
    if (!this.listener) return { path: `${this.base}/` };
    return { path: `${this.base}/`, port: (this.listener.address() as AddressInfo).port, host: this.options.config.host ?? '127.0.0.1' };
  }

  /** Starts counting and sampling; with `config.port`, listens there. Returns the dashboard's URL. */
  async start(): Promise<string | undefined> {
    const { hub, config } = this.options;
    hub.observe({ ...dashboardObserver(this.feed), refused: (refusal) => this.refused(refusal) });
    this.sample();
    this.sampler = setInterval(() => this.sample(), 1_000);
    this.sampler.unref();
    if (config.port === undefined) return undefined;
    const host = config.host ?? '127.0.0.1';
    const route = this.route;
    const server = createServer(requestTimeouts, (req, res) =>
      guard(
        'dashboard',
        async () => {
          // The path as sent, split by hand: new URL() throws on targets like "//".
          const target = req.url ?? '/';
          const mark = target.indexOf('?');
          const handled = await route(req, res, mark < 0 ? target : target.slice(0, mark));
          if (!handled) {
            req.resume();
            send(res, 404, 'text/plain; charset=utf-8', `Not found: the dashboard is at ${this.base}/\n`);
          }
        },
        () => res.destroy(),
      ),
    );
    refuseConnect(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, host, () => resolve());
    });
    this.listener = server;
    return `http://${host}:${(server.address() as AddressInfo).port}${this.base}/`;
  }

  async close(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    this.closed = true;
    this.feed.stop();
    for (const stream of this.streams) stream.end();
    this.streams.clear();
    this.nodes.close();
    if (this.listener) {
      const listener = this.listener;
      await new Promise<void>((resolve) => {
        listener.close(() => resolve());
        listener.closeAllConnections();
      });
    }
  }

  // ── counting ───────────────────────────────────────────────────────────────────────

  private refused(refusal: Refusal): void {
    if (this.closed) return;
    const at = Date.now();
    let appId = refusal.appId;
    if (appId === undefined && refusal.kind === 'connection' && refusal.url) {
      const key = /^\/app\/([^/?]+)/.exec(refusal.url)?.[1];
      if (key) appId = this.options.hub.appByKey(key)?.id;
    }
    if (appId !== undefined && !this.rings.has(appId)) appId = undefined;
    const name = refusalName(refusal);
    this.tally.error(appId ?? noApp, refusal, name, at);
    if (!this.feed.on || !this.feed.take()) return;
    const type: ConsoleEvent['type'] = authFailureNames.has(name)
      ? 'auth_failed'
      : refusal.kind === 'connection'
        ? 'refused'
        : refusal.kind === 'closed'
          ? 'closed'
          : refusal.kind === 'http'
            ? 'http_error'
            : 'error';
    this.feed.push({
      at,
      type,
      ...(appId !== undefined ? { app: appId } : {}),
      code: refusal.code,
      name,
      reason: refusal.detail ? `${refusal.message}: ${refusal.detail}` : refusal.message,
      ...(refusal.channel !== undefined ? { channel: refusal.channel } : {}),
      ...(refusal.socketId !== undefined ? { socketId: refusal.socketId } : {}),
      ...(refusal.ip !== undefined ? { ip: refusal.ip } : {}),
      ...(refusal.kind === 'http' && refusal.url ? { event: refusal.url } : {}),
    });
  }

  /** This node's console batch: to the consoles here, and to other nodes while one is watched there. */
  private consoleOut(payload: string): void {
    if (this.streams.size > 0) this.broadcast('console', payload);
    if (this.nodes.remoteWatching()) this.nodes.forwardConsole(payload);
  }

  /** The console feed runs while a console streams here or on another node. */
  private updateFeed(): void {
    if (this.streams.size > 0 || this.nodes.remoteWatching()) this.feed.on = true;
    else if (this.feed.on) this.feed.stop();
  }

  /**
   * Once a second: this node's sample goes to the other nodes; the sum over every node
   * (just this one when alone) goes into the rings and to every console here.
   */
  private sample(at = Date.now()): void {
    const { hub, counters } = this.options;
    const total = emptySample();
    const apps: Record<string, Sample> = {};
    for (const app of hub.apps) {
      const sample = emptySample();
      sample.connections = hub.connectionCount(app);
      for (const channel of hub.localChannels(app.id, '')) {
        if (channel.name.startsWith('#')) continue; // #server-to-user-… are not subscriptions
        sample.channels++;
        sample.presenceMembers += channel.userCount ?? 0;
      }
      const c = counters.of(app.id);
      const now = { messagesIn: c.messagesIn, messagesOut: c.messagesOut, httpPublishes: c.httpPublishes, clientEvents: c.clientEvents, errors: this.tally.of(app.id).errors };
      const before = this.previous.get(app.id) ?? now;
      sample.messagesIn = now.messagesIn - before.messagesIn;
      sample.messagesOut = now.messagesOut - before.messagesOut;
      sample.httpPublishes = now.httpPublishes - before.httpPublishes;
      sample.clientEvents = now.clientEvents - before.clientEvents;
      sample.errors = now.errors - before.errors;
      this.previous.set(app.id, now);
      apps[app.id] = sample;
      addSamples(total, sample);
    }
    // Refusals no app could be named for count in the total only.
    const orphan = this.tally.of(noApp).errors;
    const orphanBefore = this.previous.get(noApp)?.errors ?? orphan;
    total.errors += orphan - orphanBefore;
    this.previous.set(noApp, { messagesIn: 0, messagesOut: 0, httpPublishes: 0, clientEvents: 0, errors: orphan });
    if (++this.samples % 60 === 0) this.failures.prune(at);
    this.nodes.update(total, apps, at, this.streams.size > 0);
    const sum = this.nodes.sum();
    for (const [id, ring] of this.rings) ring.push(at, sum.apps[id] ?? emptySample());
    this.totalRing.push(at, sum.total);
    this.latest = sum;
    this.updateFeed();
    if (this.streams.size === 0) return;
    this.broadcast('sample', JSON.stringify({ at, total: sum.total, apps: sum.apps, errors: this.errors(), nodes: this.nodes.list() }));
  }

  private errors() {
    const byApp: Record<string, ReturnType<Tally['errorsByCode']>> = {};
    for (const app of this.options.hub.apps) byApp[app.id] = this.tally.errorsByCode(app.id);
    return { total: this.tally.errorsByCode(), apps: byApp };
  }

  private overview() {
    const { hub } = this.options;
    const apps: Record<string, ReturnType<SampleRing['history']>> = {};
    for (const [id, ring] of this.rings) apps[id] = ring.history();
    return {
      node: { id: this.nodes.id, sharing: this.nodes.sharing ?? null },
      apps: hub.apps.map((app) => ({ id: app.id, key: app.key, enabled: app.enabled, clientEvents: app.clientEvents })),
      ringSeconds,
      consoleMaxPerSecond: this.feed.maxPerSecond,
      history: { total: this.totalRing.history(), apps },
      latest: this.latest,
      errors: this.errors(),
      nodes: this.nodes.list(),
    };
  }

  // ── streaming ──────────────────────────────────────────────────────────────────────

  private broadcast(event: 'console' | 'sample', payload: string): void {
    const frame = `event: ${event}\ndata: ${payload}\n\n`;
    for (const stream of this.streams) {
      // A slow console misses console batches rather than growing the server's memory.
      if (event === 'console' && stream.writableLength > maxStreamBacklog) continue;
      stream.write(frame);
    }
  }

  private openStream(req: IncomingMessage, res: ServerResponse): void {
    if (this.streams.size >= maxStreams) {
      sendJson(res, 503, { error: `at most ${maxStreams} dashboards may stream at once` });
      return;
    }
    req.socket.setNoDelay(true);
    res.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write(`retry: 2000\nevent: overview\ndata: ${JSON.stringify(this.overview())}\n\n`);
    this.streams.add(res);
    this.updateFeed();
    const closed = () => {
      if (!this.streams.delete(res)) return;
      this.updateFeed();
    };
    // The response's close (the request's fires as soon as its empty body is read).
    res.on('close', closed);
    res.on('error', closed);
  }

  // ── routes ─────────────────────────────────────────────────────────────────────────

  readonly route: PlainRoute = async (req, res, path) => {
    if (path !== this.base && !path.startsWith(`${this.base}/`)) return false;
    const sub = path.slice(this.base.length);
    const method = req.method ?? 'GET';
    if (sub === '' && method === 'GET') {
      req.resume();
      send(res, 308, 'text/plain; charset=utf-8', `${this.base}/\n`, { Location: `${this.base}/` });
      return true;
    }
    if (sub === '/dashboard.css' && method === 'GET') {
      req.resume();
      send(res, 200, 'text/css; charset=utf-8', assets.css);
      return true;
    }
    if (sub === '/login' && method === 'POST') {
      await this.login(req, res);
      return true;
    }
    if (!this.auth.allows(req)) {
      req.resume();
      if (this.auth.presented(req) && this.tooManyFailures(req, res)) return true;
      this.unauthorized(res, sub === '/' && method === 'GET');
      return true;
    }
    try {
      await this.authorized(req, res, sub, method);
    } catch (error) {
      if (!res.headersSent) sendJson(res, 400, { error: (error as Error).message });
      else res.end();
    }
    return true;
  };

  /** Counts a failed sign-in; true (and a 429 sent) when this address has failed too often. */
  private tooManyFailures(req: IncomingMessage, res: ServerResponse): boolean {
    const ip = req.socket.remoteAddress ?? '';
    if (this.failures.take(ip)) return false;
    sendJson(res, 429, { error: 'too many failed sign-ins from this address; wait and try again' }, { 'Retry-After': String(this.failures.retryAfter(ip)) });
    return true;
  }

  private unauthorized(res: ServerResponse, page: boolean, problem?: string): void {
    const headers = { 'WWW-Authenticate': this.auth.challenge() };
    if (!page) {
      sendJson(res, 401, { error: 'dashboard credentials required: a bearer token, basic auth or the login form' }, headers);
      return;
    }
    const mode = this.auth.scheme === 'Basic' ? 'basic' : 'token';
    const body = assets.login
      .replaceAll('__BASE__', escapeHtml(this.base))
      .replace('__MODE__', mode)
      .replace('__PROBLEM__', problem ? escapeHtml(problem) : '');
    send(res, 401, 'text/html; charset=utf-8', body, headers);
  }

  private async login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let token = '';
    try {
      token = new URLSearchParams((await readBody(req, 4096, 'destroy')).toString('utf8')).get('token') ?? '';
    } catch {
      // Too long: certainly not the token.
    }
    if (!this.auth.tokenMatches(token)) {
      if (this.tooManyFailures(req, res)) return;
      this.unauthorized(res, true, token === '' ? 'Enter the dashboard token.' : 'That token is not right.');
      return;
    }
    const secure = req.headers['x-forwarded-proto'] === 'https' || (req.socket as { encrypted?: boolean }).encrypted === true;
    send(res, 303, 'text/plain; charset=utf-8', 'signed in\n', { Location: `${this.base}/`, 'Set-Cookie': this.auth.sessionCookie(secure) });
  }

  private async authorized(req: IncomingMessage, res: ServerResponse, sub: string, method: string): Promise<void> {
    const target = req.url ?? '/';
    const mark = target.indexOf('?');
    const params = new URLSearchParams(mark < 0 ? '' : target.slice(mark + 1));
    if (method === 'POST' && sub === '/logout') {
      req.resume();
      this.auth.revoke(req);
      send(res, 303, 'text/plain; charset=utf-8', 'signed out\n', { Location: `${this.base}/`, 'Set-Cookie': this.auth.clearCookie() });
      return;
    }
    if (method === 'POST' && sub === '/api/publish') {
      await this.testEvent(req, res, params);
      return;
    }
    req.resume();
    if (method !== 'GET' && method !== 'HEAD') {
      sendJson(res, 405, { error: `${method} is not allowed here` }, { Allow: 'GET' });
      return;
    }
    switch (sub) {
      case '/':
        send(res, 200, 'text/html; charset=utf-8', assets.html.replaceAll('__BASE__', escapeHtml(this.base)));
        return;
      case '/dashboard.js':
        send(res, 200, 'text/javascript; charset=utf-8', assets.js);
        return;
      case '/api/overview':
        sendJson(res, 200, this.overview());
        return;
      case '/api/stream':
        this.openStream(req, res);
        return;
      case '/api/channels':
        sendJson(res, 200, await this.channels(params));
        return;
      case '/api/members':
        sendJson(res, 200, await this.members(params));
        return;
      default:
        sendJson(res, 404, { error: `no dashboard page ${sub}` });
    }
  }

  private app(params: URLSearchParams) {
    const id = params.get('app') ?? '';
    const app = this.options.hub.appById(id);
    if (!app) throw new Error(`unknown app ${JSON.stringify(id)}`);
    return app;
  }

  /** Occupied channels (cluster-wide through the adapter), filtered by a search text, at most 500. */
  private async channels(params: URLSearchParams) {
    const app = this.app(params);
    const search = (params.get('q') ?? '').toLowerCase();
    const all = (await this.options.adapter.channels(app.id, '')).filter((c) => !c.name.startsWith('#') && c.name.toLowerCase().includes(search));
    all.sort((a, b) => b.subscriptionCount - a.subscriptionCount || (a.name < b.name ? -1 : 1));
    return { app: app.id, total: all.length, channels: all.slice(0, 500) };
  }

  /** A presence channel's members: ids cluster-wide, user_info where this node has it. */
  private async members(params: URLSearchParams) {
    const app = this.app(params);
    const name = params.get('channel') ?? '';
    if (!name.startsWith('presence-')) throw new Error('members are listed for presence channels only');
    const ids = await this.options.adapter.presenceUsers(app.id, name);
    const local = this.options.hub.channel(app, name)?.members;
    return { app: app.id, channel: name, members: ids.slice(0, 1000).map((id) => ({ id, info: local?.get(id)?.info ?? null })), total: ids.length };
  }

  private async testEvent(req: IncomingMessage, res: ServerResponse, params: URLSearchParams): Promise<void> {
    // Cross-site requests cannot send JSON without a preflight, and the cookie is SameSite=Strict.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      req.resume();
      sendJson(res, 415, { error: 'send the test event as application/json' });
      return;
    }
    // A browser sends Origin on every POST; "null" (a sandboxed frame, a file: page) is never the dashboard.
    const origin = req.headers.origin;
    if (origin !== undefined && !sameHost(origin, req.headers.host)) {
      req.resume();
      sendJson(res, 403, { error: 'cross-origin requests are not allowed' });
      return;
    }
    const app = this.app(params);
    let raw: unknown;
    try {
      raw = JSON.parse((await readBody(req, app.limits.maxHttpBodyBytes, 'destroy')).toString('utf8'));
    } catch (error) {
      sendJson(res, 400, { error: `the body is not JSON: ${(error as Error).message}` });
      return;
    }
    const test = parseTestEvent(raw);
    if (typeof test === 'string') {
      sendJson(res, 400, { error: test });
      return;
    }
    const { host, port } = this.options.api();
    const loopback = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
    try {
      sendJson(res, 200, await sendTestEvent(loopback, port, app, test));
    } catch (error) {
      sendJson(res, 502, { error: `the HTTP API could not be reached: ${(error as Error).message}` });
    }
  }
}
