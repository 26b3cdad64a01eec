// With `--workers N`, whichever worker takes a scrape answers for all of them: it asks the
// primary, which gathers every worker's registry with prom-client's AggregatorRegistry (over
// the IPC channel node:cluster set up) and sums them — connections, messages, histograms —
// while prom-client's own aggregators take version info and the like once. How a worker asks
// its primary is passed in by the wiring (server.ts): metrics/ knows nothing of workers/.
import { AggregatorRegistry, type Registry } from 'prom-client';

/** Asks the primary for every worker's metrics, summed, waiting at most `timeoutMs`. */
export type AskPrimaryToScrape = (timeoutMs: number) => Promise<string>;

/** prom-client gives up gathering after 5 s; the worker waits a little longer for that answer. */
const scrapeTimeoutMs = 6_000;

/** In a worker: lets the primary read `registry`; returns a scrape that answers for every worker. */
export function scrapeAcrossWorkers(registry: Registry, askPrimary: AskPrimaryToScrape): () => Promise<string> {
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry(); // installs prom-client's worker-side listener
  return () =>
    askPrimary(scrapeTimeoutMs).catch((error: Error) => {
      throw new Error(`the workers' metrics could not be gathered: ${error.message}`);
    });
}

/** In the primary: every worker's metrics, summed (the answer to a worker's 'scrape'). */
export function workerMetricsGatherer(): () => Promise<string> {
  const aggregator = new AggregatorRegistry();
  return () => aggregator.clusterMetrics();
}
