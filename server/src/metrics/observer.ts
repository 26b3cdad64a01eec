// Hub events → metric counters. Each callback is a field increment; the optional detailed
// histograms add two clock reads per delivered channel message and one timer per turn.
import { performance } from 'node:perf_hooks';
import type { App } from '../apps/app.js';
import type { ServerAuthOutcome } from '../auth/server-side-auth.js';
import type { HubObserver } from '../hub.js';
import type { Connection } from '../transport/connection.js';
import type { ServerMetrics } from './metrics.js';

export function metricsObserver(metrics: ServerMetrics): HubObserver {
  const { counters } = metrics;
  const fanout = metrics.fanoutDuration;
  const flush = metrics.flushLatency;

  // Publish-to-flush: the outbound queue writes every socket's frames in a setImmediate
  // scheduled by the first frame of the turn; ours is scheduled after it, so it runs once
  // the frames are written.
  let waiting: { app: string; startedAt: number }[] = [];
  const observeFlushed = () => {
    const now = performance.now();
    const batch = waiting;
    waiting = [];
    for (const { app, startedAt } of batch) flush!.observe({ app }, (now - startedAt) / 1000);
  };

  return {
    connected(app: App, connection: Connection) {
      const c = counters.of(app.id);
      connection.ws.on('message', () => {
        c.messagesIn++;
      });
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
        if (flush) {
          if (waiting.length === 0) setImmediate(observeFlushed);
          waiting.push({ app: app.id, startedAt });
        }
      }
    },
  };
}
