// With `--workers N`, whichever worker takes a scrape answers for all of them: it asks the
// primary, which gathers every worker's registry with prom-client's AggregatorRegistry (over
// the IPC channel node:cluster set up) and sums them — connections, messages, histograms —
// while prom-client's own aggregators take version info and the like once.
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

/** prom-client gives up gathering after 5 s; the worker waits a little longer for that answer. */
const scrapeTimeoutMs = 6_000;

type ScrapeRequest = { pogo: 'scrape'; id: number };
type ScrapeAnswer = { pogo: 'scraped'; id: number; text?: string; error?: string };

const isMessage = <T extends { pogo: string }>(message: unknown, pogo: T['pogo']): message is T =>
  typeof message === 'object' && message !== null && (message as { pogo?: unknown }).pogo === pogo;

/** In a worker: lets the primary read `registry`; returns a scrape that answers for every worker. */
export function scrapeAcrossWorkers(registry: Registry): () => Promise<string> {
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry(); // installs prom-client's worker-side listener
  const waiting = new Map<number, { resolve(text: string): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  process.on('message', (message: unknown) => {
    if (!isMessage<ScrapeAnswer>(message, 'scraped')) return;
    const scrape = waiting.get(message.id);
    if (!scrape) return;
    waiting.delete(message.id);
    clearTimeout(scrape.timer);
    if (message.text !== undefined) scrape.resolve(message.text);
    else scrape.reject(new Error(`the workers' metrics could not be gathered: ${message.error ?? 'no answer'}`));
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      if (!process.connected) return reject(new Error('the primary process is gone'));
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`the primary did not gather the workers' metrics within ${scrapeTimeoutMs} ms`));
      }, scrapeTimeoutMs);
      waiting.set(id, { resolve, reject, timer });
      process.send!({ pogo: 'scrape', id } satisfies ScrapeRequest);
    });
}

/** In the primary: answers the workers' scrape requests with the sum over all workers. */
export function answerWorkerScrapes(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker: Worker, message: unknown) => {
    if (!isMessage<ScrapeRequest>(message, 'scrape')) return;
    const answer = (reply: ScrapeAnswer) => worker.isConnected() && worker.send(reply);
    aggregator.clusterMetrics().then(
      (text) => answer({ pogo: 'scraped', id: message.id, text }),
      (error: Error) => answer({ pogo: 'scraped', id: message.id, error: error.message }),
    );
  });
}
