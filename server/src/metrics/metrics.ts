// The server's metrics: the counter store (observe/counters.ts) exposed through a private
// prom-client Registry. Counters are read at scrape time by `collect()` callbacks; only the
// auth-duration histogram (one observation per HTTP auth call) and the opt-in detailed
// histograms call prom-client as things happen.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { scrapeAcrossWorkers, type AskPrimaryToScrape } from './workers.js';
import type { App } from '../apps/app.js';
import { listenerErrorCounts } from '../transport/listener-guard.js';
import { webhookDropReasons, type AppCounters, type CounterStore, type WebhookDropReason } from '../observe/counters.js';

/** What the scrape needs to know about live state. */
export interface MetricsSource {
  readonly apps: App[];
  connectionCount(app?: App): number;
  /** Bytes of connection-recovery history held for the app on this node. */
  historyBytes(app: App): number;
}

export interface MetricsOptions {
  /** Hot-path histograms (fan-out duration, publish-to-flush latency). */
  detailed: boolean;
  /** Node.js process metrics (CPU, memory, event loop lag, GC). */
  processMetrics?: boolean;
}

type CounterField = {
  [K in keyof AppCounters]: AppCounters[K] extends number ? K : never;
}[keyof AppCounters];

export class ServerMetrics {
  /** Private: never the prom-client global registry, so nothing else can add to or read it. */
  readonly registry = new Registry();
  private source: MetricsSource | undefined;
  private readonly authDuration: Histogram<'app'>;
  /** Bus messages from nodes of another release (a mixed-release cluster), dropped unread. */
  private readonly foreignBusMessages = new Counter<'version'>({
    name: 'pogo_websocket_bus_foreign_messages_total',
    help: 'Bus messages from cluster nodes of another release, dropped unread, by their wire format version (1: a release without versions)',
    labelNames: ['version'],
    registers: [],
  });
  /** Set by expose() when `metrics.detailed` is on; undefined otherwise (observers check). */
  fanoutDuration: Histogram<'app'> | undefined;
  flushLatency: Histogram<'app'> | undefined;
  private exposed = false;

  constructor(readonly counters: CounterStore) {
    this.authDuration = new Histogram({
      name: 'pogo_websocket_auth_duration_seconds',
      help: 'Duration of server-side channel authorization calls to the application',
      labelNames: ['app'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [],
    });
  }

  /** One server-side auth call took `seconds` (success or failure). */
  observeAuthDuration(appId: string, seconds: number): void {
    this.authDuration.observe({ app: appId }, seconds);
  }

  foreignBusMessage(version: number): void {
    this.foreignBusMessages.inc({ version: String(version) });
  }

  webhookDropped(appId: string, reason: WebhookDropReason, events: number): void {
    this.counters.of(appId).webhookDropped[reason] += events;
  }

  webhookDelivered(appId: string, events: number): void {
    this.counters.of(appId).webhookDelivered += events;
  }

  /** Registers every metric in the private registry; call once, when the server starts. */
  expose(source: MetricsSource, options: MetricsOptions): void {
    if (this.exposed) throw new Error('metrics are already exposed');
    this.exposed = true;
    this.source = source;
    const registry = this.registry;
    // Every app appears from the first scrape on, at zero, so rates never start from nothing.
    for (const app of source.apps) this.counters.of(app.id);
    const store = this.counters;
    const appIds = () => source.apps.map((app) => app.id);

    new Gauge({
      name: 'pogo_websocket_connections_active',
      help: 'Open WebSocket connections',
      labelNames: ['app'],
      registers: [registry],
      collect() {
        this.reset();
        for (const app of source.apps) this.set({ app: app.id }, source.connectionCount(app));
      },
    });

    new Counter({
      name: 'pogo_websocket_messages_total',
      help: 'WebSocket messages received from clients (direction="in") and channel messages written to clients, one per recipient (direction="out")',
      labelNames: ['app', 'direction'],
      registers: [registry],
      collect() {
        this.reset();
        for (const id of appIds()) {
          const c = store.of(id);
          this.inc({ app: id, direction: 'in' }, c.messagesIn);
          this.inc({ app: id, direction: 'out' }, c.messagesOut);
        }
      },
    });

    // One series per app, read from a number in the counter store at each scrape. After reset(),
    // inc() sets the value, for a Counter and a Gauge alike.
    const perAppField = (Metric: typeof Counter | typeof Gauge, name: string, help: string, field: CounterField): void => {
      new Metric<'app'>({
        name,
        help,
        labelNames: ['app'],
        registers: [registry],
        collect(this: Counter<'app'> | Gauge<'app'>) {
          this.reset();
          for (const id of appIds()) this.inc({ app: id }, store.of(id)[field]);
        },
      });
    };
    const plainCounter = (name: string, help: string, field: CounterField) => perAppField(Counter, name, help, field);
    plainCounter('pogo_websocket_auth_failures_total', 'Refused channel or user authentication (bad or missing signature, failed server-side auth)', 'authFailures');
    plainCounter('pogo_websocket_circuit_breaker_open_total', 'Times the server-side auth circuit breaker opened', 'circuitBreakerOpen');
    plainCounter('pogo_websocket_broker_dropped_messages_total', 'Messages the cluster adapter (Redis) could not pass on', 'brokerDropped');
    plainCounter('pogo_websocket_subscriptions_total', 'Successful channel subscriptions', 'subscriptions');
    plainCounter('pogo_websocket_client_dropped_messages_total', 'Messages discarded for slow consumers (queued when the client was closed with SLOW_CONSUMER)', 'clientDropped');
    plainCounter('pogo_websocket_publish_failures_total', 'Publishes that could not be handed to the adapter', 'publishFailures');
    plainCounter('pogo_websocket_webhook_delivered_total', 'Webhook events accepted by a receiver (2xx)', 'webhookDelivered');
    plainCounter('pogo_websocket_recovery_replayed_total', 'Events replayed to subscribers resuming after a reconnect (connection recovery)', 'replayed');

    new Counter({
      name: 'pogo_websocket_recovery_discontinuities_total',
      help: 'Resumes the history could not cover (pogo:discontinuity sent), by reason',
      labelNames: ['app', 'reason'],
      registers: [registry],
      collect() {
        this.reset();
        for (const id of appIds()) {
          for (const [reason, count] of Object.entries(store.of(id).discontinuities)) this.inc({ app: id, reason }, count);
        }
      },
    });

    new Gauge({
      name: 'pogo_websocket_recovery_history_bytes',
      help: 'Bytes of connection-recovery history held on this node (bounded by limits.recoveryMaxBytes)',
      labelNames: ['app'],
      registers: [registry],
      collect() {
        this.reset();
        for (const app of source.apps) this.set({ app: app.id }, source.historyBytes(app));
      },
    });

    const watchlistGauge = (name: string, help: string, field: 'watchlistWatchers' | 'watchlistUsers') => perAppField(Gauge, name, help, field);
    watchlistGauge('pogo_websocket_watchlist_watchers', 'Signed-in connections with a watchlist (online status) on this node (bounded by limits.maxWatchlistConnections)', 'watchlistWatchers');
    watchlistGauge('pogo_websocket_watchlist_users', 'Distinct users watched by the watchlists on this node', 'watchlistUsers');

    new Counter({
      name: 'pogo_websocket_webhook_dropped_total',
      help: 'Webhook events not delivered: queue full, retries exhausted, rejected by the receiver (4xx), or still queued at shutdown',
      labelNames: ['app', 'reason'],
      registers: [registry],
      collect() {
        this.reset();
        for (const id of appIds()) {
          const dropped = store.of(id).webhookDropped;
          for (const reason of webhookDropReasons) this.inc({ app: id, reason }, dropped[reason]);
        }
      },
    });

    new Counter({
      name: 'pogo_websocket_listener_errors_total',
      help: 'Unexpected errors caught in a listener (the one connection or request was closed, the process carried on), by listener',
      labelNames: ['listener'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [listener, count] of listenerErrorCounts()) this.inc({ listener }, count);
      },
    });

    registry.registerMetric(this.authDuration);
    registry.registerMetric(this.foreignBusMessages);

    if (options.detailed) {
      this.fanoutDuration = new Histogram({
        name: 'pogo_websocket_fanout_duration_seconds',
        help: 'Time to queue one channel message for every local subscriber',
        labelNames: ['app'],
        buckets: [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
        registers: [registry],
      });
      this.flushLatency = new Histogram({
        name: 'pogo_websocket_publish_flush_seconds',
        help: 'Time from a channel message reaching this node to its frames being written to the sockets',
        labelNames: ['app'],
        buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
        registers: [registry],
      });
    }
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  }

  /** Set in a `--workers` worker: a scrape then answers for every worker (see workers.ts). */
  private scrapeAll: (() => Promise<string>) | undefined;

  /** In a `--workers` worker: every scrape from now on sums all workers' metrics. */
  shareAcrossWorkers(askPrimary: AskPrimaryToScrape): void {
    this.scrapeAll = scrapeAcrossWorkers(this.registry, askPrimary);
  }

  /** The Prometheus text exposition of every metric. */
  scrape(): Promise<string> {
    return this.scrapeAll ? this.scrapeAll() : this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  get isExposed(): boolean {
    return this.source !== undefined;
  }
}

