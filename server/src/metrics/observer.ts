// Observer events → the metrics' own histograms (the counters are counted by observe/counting.ts).
// The optional detailed histograms add two clock reads per delivered channel message and one per flush.
import { performance } from 'node:perf_hooks';
import type { App } from '../apps/app.js';
import type { ServerAuthOutcome } from '../auth/server-side-auth.js';
import type { ServerObserver } from '../observe/observer.js';
import type { ServerMetrics } from './metrics.js';

const maxWaiting = 100_000;

export interface MetricsObserver extends ServerObserver {
  /** The outbound queue begins a round, and has written it (detailed metrics: publish-to-write latency; wired in server.ts). */
  roundStarted(): void;
  roundWritten(): void;
}

export function metricsObserver(metrics: ServerMetrics): MetricsObserver {
  const fanout = metrics.fanoutDuration;
  const flush = metrics.flushLatency;

  // Publish-to-write: deliveries wait here until the outbound queue's next round has written their
  // frames (a round started later may still be writing the frames of messages that came during it).
  // Bounded, in case frames to closing sockets never go out.
  let waiting: { app: string; startedAt: number }[] = [];
  let inRound: { app: string; startedAt: number }[] = [];

  return {
    roundStarted() {
      inRound = waiting;
      waiting = [];
    },
    roundWritten() {
      if (inRound.length === 0 || !flush) return;
      const now = performance.now();
      for (const { app, startedAt } of inRound) flush.observe({ app }, (now - startedAt) / 1000);
      inRound = [];
    },
    serverAuth({ app, outcome, seconds }: ServerAuthOutcome) {
      // Refusals without a call (breaker open, too many in flight) took no time worth a bucket.
      if (outcome !== 'breaker_open' && outcome !== 'busy') metrics.observeAuthDuration(app.id, seconds);
    },
    foreignBusFrame(_node: string, version: number) {
      metrics.foreignBusMessage(version);
    },
    delivered(app: App, _channel: string, recipients: number, startedAt: number) {
      if (startedAt > 0 && recipients > 0) {
        if (fanout) fanout.observe({ app: app.id }, (performance.now() - startedAt) / 1000);
        if (flush && waiting.length < maxWaiting) waiting.push({ app: app.id, startedAt });
      }
    },
  };
}
