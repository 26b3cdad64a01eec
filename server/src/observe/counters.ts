// What the server counts, as plain numbers per app: the one counter store. The counting observer
// (counting.ts) increments fields here; prom-client reads them when /metrics is scraped and the
// dashboard once a second, so counting a message costs one property increment, not a label hash
// and a map lookup in a metrics library.

/** Why webhook events were not delivered. */
export type WebhookDropReason = 'queue_full' | 'retries_exhausted' | 'rejected' | 'shutdown';

export const webhookDropReasons: readonly WebhookDropReason[] = ['queue_full', 'retries_exhausted', 'rejected', 'shutdown'];

export class AppCounters {
  /** WebSocket messages received from clients. */
  messagesIn = 0;
  /** Channel messages written to client sockets (one per recipient). */
  messagesOut = 0;
  /** Refused subscription or signin signatures, failed server-side auth calls. */
  authFailures = 0;
  circuitBreakerOpen = 0;
  /** Messages the cluster adapter could not pass on (Redis down, buffer full). */
  brokerDropped = 0;
  /** Successful channel subscriptions. */
  subscriptions = 0;
  /** Frames discarded for slow consumers (closed with SLOW_CONSUMER). */
  clientDropped = 0;
  /** Publishes (HTTP API or client events) that could not be handed to the adapter. */
  publishFailures = 0;
  webhookDropped: Record<WebhookDropReason, number> = { queue_full: 0, retries_exhausted: 0, rejected: 0, shutdown: 0 };
  /** Webhook events a receiver accepted (2xx). */
  webhookDelivered = 0;
  /** Events accepted by the HTTP API (once per event, not per channel). */
  httpPublishes = 0;
  /** Client events accepted and published. */
  clientEvents = 0;
  /** Connection recovery: events replayed to resuming subscribers. */
  replayed = 0;
  /** Connection recovery: resumes that could not be covered, by reason. */
  discontinuities: Record<string, number> = {};
  /** Gauges, set as they change: connections with a watchlist on this node, and the distinct users they watch. */
  watchlistWatchers = 0;
  watchlistUsers = 0;
}

/** Per-app counters, created on first use. */
export class CounterStore {
  private readonly apps = new Map<string, AppCounters>();

  of(appId: string): AppCounters {
    let counters = this.apps.get(appId);
    if (!counters) {
      counters = new AppCounters();
      this.apps.set(appId, counters);
    }
    return counters;
  }

  entries(): IterableIterator<[string, AppCounters]> {
    return this.apps.entries();
  }
}
