// Hub events → metric counters. Each callback is a field increment; the optional detailed
// histograms add two clock reads per delivered channel message and one per flush.
import { performance } from 'node:perf_hooks';
import type { App } from '../apps/app.js';
import type { ServerAuthOutcome } from '../auth/server-side-auth.js';
import type { HubObserver } from '../hub.js';
import type { Connection } from '../transport/connection.js';
import type { ServerMetrics } from './metrics.js';

const maxWaiting = 100_000;

export interface MetricsObserver extends HubObserver {
  /** The outbound queue wrote everything queued (detailed metrics: publish-to-flush latency). */
  flushed(): void;
}

export function metricsObserver(metrics: ServerMetrics): MetricsObserver {
  const { counters } = metrics;
  const fanout = metrics.fanoutDuration;
  const flush = metrics.flushLatency;

  // Publish-to-flush: deliveries wait here until the outbound queue has written their frames
  // (it calls flushed(), wired in server.ts). Bounded, in case frames to closing sockets never flush.
  let waiting: { app: string; startedAt: number }[] = [];
  const flushed = () => {
    if (waiting.length === 0) return;
    const now = performance.now();
    const batch = waiting;
    waiting = [];
    for (const { app, startedAt } of batch) flush!.observe({ app }, (now - startedAt) / 1000);
  };

  return {
    flushed,
    received(app: App) {
      counters.of(app.id).messagesIn++;
    },
    replayed(app: App, _channel: string, count: number) {
      counters.of(app.id).replayed += count;
    },
    discontinuity(app: App, _channel: string, reason: string) {
      const byReason = counters.of(app.id).discontinuities;
      byReason[reason] = (byReason[reason] ?? 0) + 1;
    },
    disconnected(app: App, connection: Connection) {
      if (connection.droppedFrames > 0) counters.of(app.id).clientDropped += connection.droppedFrames;
    },
    serverAuth({ app, outcome, seconds, breakerOpened }: ServerAuthOutcome) {
      // Refusals without a call (breaker open, too many in flight) took no time worth a bucket.
      if (outcome !== 'breaker_open' && outcome !== 'busy') metrics.observeAuthDuration(app.id, seconds);
      if (breakerOpened) metrics.circuitBreakerOpened(app.id);
    },
    subscribed(app: App) {
      counters.of(app.id).subscriptions++;
    },
    delivered(app: App, _channel: string, recipients: number, startedAt: number) {
      counters.of(app.id).messagesOut += recipients;
      if (startedAt > 0 && recipients > 0) {
        if (fanout) fanout.observe({ app: app.id }, (performance.now() - startedAt) / 1000);
        if (flush && waiting.length < maxWaiting) waiting.push({ app: app.id, startedAt });
      }
    },
  };
}
