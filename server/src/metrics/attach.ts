// Metrics on a running server: the live state read from the hub at scrape time, every worker's
// registry summed when this process is a `--workers` worker, and the observer that counts and
// times as things happen (the detailed histograms only when asked for).
import type { Hub } from '../hub.js';
import type { ServerMetrics } from './metrics.js';
import { type MetricsObserver, metricsObserver } from './observer.js';
import type { AskPrimaryToScrape } from './workers.js';

/** Answers what the outbound queue should tell of its rounds (detailed metrics), if anything. */
export function attachMetrics(metrics: ServerMetrics, hub: Hub, options: { detailed: boolean }, askPrimary: AskPrimaryToScrape | undefined): MetricsObserver | undefined {
  metrics.expose(hub, { detailed: options.detailed });
  if (askPrimary) metrics.shareAcrossWorkers(askPrimary);
  hub.timeDeliveries = options.detailed;
  const observer = metricsObserver(metrics);
  hub.observe(observer);
  return options.detailed ? observer : undefined;
}
