// The live dashboard: overview and charts (a ring of one-second samples), channels, node
// list, and the debug console streamed over Server-Sent Events, all behind a token or basic
// auth, on a path of the public port or on a port of its own. Off unless configured.
// This file wires the parts (session.ts, routes.ts, streams.ts, sampling.ts, nodes.ts) and
// turns the hub's refusals into error counts and console events.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Adapter } from '../adapter/adapter.js';
import type { DashboardConfig } from '../config/server-config.js';
import type { PlainRoute } from '../http/router.js';
import type { Hub } from '../hub.js';
import type { CounterStore } from '../observe/counters.js';
import { authFailureNames, type Refusal } from '../observe/refusal.js';
import { send } from './answers.js';
import { ConsoleFeed, type ConsoleEvent } from './console-feed.js';
import { NodeDirectory } from './nodes.js';
import { dashboardObserver } from './observer.js';
import { dashboardRoute } from './routes.js';
import { ringSeconds } from './samples.js';
import { Sampler } from './sampling.js';
import { DashboardSession } from './session.js';
import { EventStreams } from './streams.js';
import { noApp, refusalName, Tally } from './tally.js';
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

export class Dashboard {
  readonly feed: ConsoleFeed;
  readonly tally = new Tally();
  readonly nodes: NodeDirectory;
  readonly route: PlainRoute;
  private readonly base: string;
  private readonly session: DashboardSession;
  private readonly streams = new EventStreams(() => this.updateFeed());
  private readonly sampler: Sampler;
  private ticker: NodeJS.Timeout | undefined;
  private samples = 0;
  private listener: Server | undefined;
  /** Closed: the observer stays subscribed to the hub but no longer counts. */
  private closed = false;

  constructor(private readonly options: DashboardOptions) {
    this.base = options.config.path;
    this.session = new DashboardSession(options.config);
    this.nodes = new NodeDirectory(options.adapter.notes);
    this.feed = new ConsoleFeed(this.nodes.id, (payload) => this.consoleOut(payload));
    this.nodes.onConsole = (payload) => {
      if (this.streams.size > 0) this.streams.broadcast('console', payload);
    };
    this.sampler = new Sampler(options.hub, options.counters, this.tally);
    this.route = dashboardRoute({
      base: this.base,
      hub: options.hub,
      adapter: options.adapter,
      session: this.session,
      api: options.api,
      overview: () => this.overview(),
      openStream: (req, res) => this.streams.open(req, res, () => this.overview()),
    });
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
    this.ticker = setInterval(() => this.sample(), 1_000);
    this.ticker.unref();
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
    if (this.ticker) clearInterval(this.ticker);
    this.closed = true;
    this.feed.stop();
    this.streams.endAll();
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
    if (appId !== undefined && !this.sampler.knows(appId)) appId = undefined;
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
    if (this.streams.size > 0) this.streams.broadcast('console', payload);
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
    const { total, apps } = this.sampler.measure();
    if (++this.samples % 60 === 0) this.session.prune(at);
    this.nodes.update(total, apps, at, this.streams.size > 0);
    const sum = this.nodes.sum();
    this.sampler.record(at, sum);
    this.updateFeed();
    if (this.streams.size === 0) return;
    this.streams.broadcast('sample', JSON.stringify({ at, total: sum.total, apps: sum.apps, errors: this.errors(), nodes: this.nodes.list() }));
  }

  private errors() {
    const byApp: Record<string, ReturnType<Tally['errorsByCode']>> = {};
    for (const app of this.options.hub.apps) byApp[app.id] = this.tally.errorsByCode(app.id);
    return { total: this.tally.errorsByCode(), apps: byApp };
  }

  private overview() {
    const { hub } = this.options;
    return {
      node: { id: this.nodes.id, sharing: this.nodes.sharing ?? null },
      apps: hub.apps.map((app) => ({ id: app.id, key: app.key, enabled: app.enabled, clientEvents: app.clientEvents })),
      ringSeconds,
      consoleMaxPerSecond: this.feed.maxPerSecond,
      history: this.sampler.history(),
      latest: this.sampler.latest,
      errors: this.errors(),
      nodes: this.nodes.list(),
    };
  }
}
