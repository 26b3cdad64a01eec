// `--workers N`: the primary forks N workers that share one port (node:cluster hands out the
// connections), restarts a worker that dies, and — without Redis — keeps the workers' shared
// store and introduces each new worker to the others on the mesh (the bus itself runs between
// the workers). With Redis each worker is simply one more node.
import cluster, { type Worker } from 'node:cluster';
import { MemoryStore } from '../stores/memory-store.js';
import { isPogoMessage, workerNodeId, type PrimaryToWorker, type WorkerToPrimary } from './ipc-messages.js';
import { rmSync } from 'node:fs';
import { createMeshDirectory, meshAddress, meshDirectoryVariable, removeSocketFile } from './mesh.js';

export interface PrimaryOptions {
  workers: number;
  /** Relay and store over IPC (no Redis configured). */
  ipc: boolean;
  log: { info(message: string): void; warn(message: string): void; error(message: string): void };
  /** Every worker's metrics, summed: the answer to a worker's 'scrape' (metrics/workers.ts, passed in by the CLI). */
  gatherMetrics: () => Promise<string>;
}

/** Runs until SIGTERM/SIGINT; resolves with the exit code. */
export function runPrimary(options: PrimaryOptions): Promise<number> {
  const { log } = options;
  const store = new MemoryStore();
  const workers = new Set<Worker>();
  const listeningLines: string[] = [];
  /** Workers on the mesh, in the order they joined: each new one connects to those before it. */
  const meshAddresses = new Map<Worker, string>();
  let announced = false;
  let stopping = false;
  let recentDeaths: number[] = [];

  cluster.setupPrimary({ serialization: 'advanced' });
  const meshDirectory = options.ipc ? createMeshDirectory() : undefined;
  const { gatherMetrics } = options;

  const sendTo = (worker: Worker, message: PrimaryToWorker) => {
    if (worker.isConnected()) worker.send(message);
  };

  const onMessage = (worker: Worker, raw: unknown) => {
    if (!isPogoMessage(raw)) return;
    const message = raw as WorkerToPrimary;
    if (message.pogo === 'cache') {
      store.setCached(message.cache.appId, message.cache.channel, message.cache.message, message.cache.ttlMs);
    } else if (message.pogo === 'call' && message.op === 'scrape') {
      gatherMetrics().then(
        (result) => sendTo(worker, { pogo: 'result', id: message.id, result }),
        (error: Error) => sendTo(worker, { pogo: 'result', id: message.id, error: error.message }),
      );
    } else if (message.pogo === 'call' && message.op === 'join') {
      // Answered from here, in arrival order: of two workers joining at once, exactly one connects to the other.
      const earlier = [...meshAddresses.values()];
      meshAddresses.set(worker, message.args[0] as string);
      sendTo(worker, { pogo: 'result', id: message.id, result: earlier });
    } else if (message.pogo === 'call') {
      let reply: PrimaryToWorker;
      try {
        const [a, b, c, d, e, f] = message.args as [never, never, never, never, never, never];
        const result =
          message.op === 'enter' ? store.enter(a, b, c, d, e, f)
          : message.op === 'exit' ? store.exit(a, b, c, d, e)
          : message.op === 'members' ? store.members(a, b)
          : message.op === 'userCount' ? store.userCount(a, b)
          : message.op === 'cached' ? store.cached(a, b)
          : message.op === 'entries' ? store.entries(a)
          : store.setCount(a, b, c, d);
        reply = { pogo: 'result', id: message.id, result };
      } catch (error) {
        reply = { pogo: 'result', id: message.id, error: (error as Error).message };
      }
      sendTo(worker, reply);
    } else if (message.pogo === 'listening') {
      listeningLines.push(message.line);
      if (!announced && listeningLines.length >= options.workers) {
        announced = true;
        log.info(`${listeningLines[0]} [${options.workers} workers, ${options.ipc ? 'coordinated by the primary process' : 'coordinated through Redis'}]`);
      }
    }
  };

  const fork = () => {
    const worker = cluster.fork({ POGO_WORKER: '1', POGO_WORKER_IPC: options.ipc ? '1' : '0', ...(meshDirectory ? { [meshDirectoryVariable]: meshDirectory } : {}) });
    workers.add(worker);
    worker.on('message', (message: unknown) => onMessage(worker, message));
    worker.on('exit', (code, signal) => {
      workers.delete(worker);
      meshAddresses.delete(worker);
      if (meshDirectory) removeSocketFile(meshAddress(meshDirectory, workerNodeId(worker.id)));
      if (options.ipc) {
        // Its members leave the cluster now; one surviving worker announces it (and fires webhooks).
        const changes = store.reap(workerNodeId(worker.id));
        const announcer = [...workers][0];
        if (changes.length > 0 && announcer) sendTo(announcer, { pogo: 'reaped', changes });
      }
      if (stopping) {
        if (workers.size === 0) finish(exitCode);
        return;
      }
      log.warn(`worker ${worker.id} exited (${signal ?? `code ${code}`}); starting another`);
      const now = Date.now();
      recentDeaths = [...recentDeaths.filter((t) => now - t < 10_000), now];
      if (recentDeaths.length > options.workers * 3) {
        log.error('workers keep dying; giving up');
        stop(1);
        return;
      }
      setTimeout(fork, 200);
    });
  };

  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (finish = resolve)).then((code) => {
    if (meshDirectory) rmSync(meshDirectory, { recursive: true, force: true });
    return code;
  });
  let exitCode = 0;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    if (workers.size === 0) finish(code);
    for (const worker of workers) worker.process.kill('SIGTERM');
    // Workers drain on their own deadline; never wait forever for them.
    setTimeout(() => {
      for (const worker of workers) worker.process.kill('SIGKILL');
      finish(code);
    }, 30_000).unref();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info(`${signal}: stopping ${workers.size} workers`);
      stop(0);
    });
  }
  const expiry = setInterval(() => store.expire(), 10_000);
  expiry.unref();

  for (let i = 0; i < options.workers; i++) fork();
  return done;
}
