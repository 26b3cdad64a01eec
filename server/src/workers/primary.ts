// `--workers N`: the primary forks N workers that share one port (node:cluster hands out the
// connections), restarts a worker that dies, and — without Redis — keeps the workers' shared
// store and introduces each new worker to the others on the mesh (the bus itself runs between
// the workers). With Redis each worker is simply one more node. Wiring only: the pool is
// worker-pool.ts, the answers to the workers worker-requests.ts.
import cluster from 'node:cluster';
import { rmSync } from 'node:fs';
import { MemoryStore } from '../stores/memory-store.js';
import { workerNodeId } from './ipc-messages.js';
import { createMeshDirectory, meshAddress, meshDirectoryVariable, removeSocketFile } from './mesh.js';
import { WorkerPool, type PrimaryLog } from './worker-pool.js';
import { WorkerRequests } from './worker-requests.js';
import { restartLine } from '../deploy/restart.js';

export interface PrimaryOptions {
  workers: number;
  /** Mesh and store over IPC (no Redis configured). */
  ipc: boolean;
  log: PrimaryLog;
  /** Every worker's metrics, summed: the answer to a worker's 'scrape' (metrics/workers.ts, passed in by the CLI). */
  gatherMetrics: () => Promise<string>;
}

/** Runs until SIGTERM/SIGINT; resolves with the exit code. */
export function runPrimary(options: PrimaryOptions): Promise<number> {
  const { log } = options;
  cluster.setupPrimary({ serialization: 'advanced' });
  const meshDirectory = options.ipc ? createMeshDirectory() : undefined;
  const store = new MemoryStore();
  const requests = new WorkerRequests(store, options.gatherMetrics);
  // The workers' "listening" lines become one, once all of them listen.
  const listeningLines: string[] = [];
  // Every worker passes the restart on; the first one counts.
  let restarting = false;

  const pool = new WorkerPool({
    size: options.workers,
    env: { POGO_WORKER: '1', POGO_WORKER_IPC: options.ipc ? '1' : '0', ...(meshDirectory ? { [meshDirectoryVariable]: meshDirectory } : {}) },
    log,
    message: (worker, message) => {
      if (message.pogo === 'listening') {
        listeningLines.push(message.line);
        if (listeningLines.length === options.workers) {
          log.info(`${listeningLines[0]} [${options.workers} workers, ${options.ipc ? 'coordinated by the primary process' : 'coordinated through Redis'}]`);
        }
      } else if (message.pogo === 'restart') {
        if (restarting) return;
        restarting = true;
        log.info(`${restartLine(message.appId, message.reason)}: stopping ${pool.size} workers, then exiting with 0 for the supervisor to start pogo-ws again`);
        pool.stop(0);
      } else requests.handle(worker, message);
    },
    exited: (worker, announcer) => {
      if (meshDirectory) removeSocketFile(meshAddress(meshDirectory, workerNodeId(worker.id)));
      requests.left(worker, announcer, options.ipc);
    },
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info(`${signal}: stopping ${pool.size} workers`);
      pool.stop(0);
    });
  }
  // Each worker reads the configuration again on its own (apps, the certificate).
  process.on('SIGHUP', () => {
    log.info(`SIGHUP: passed on to ${pool.size} workers`);
    pool.signal('SIGHUP');
  });
  const expiry = setInterval(() => store.expire(), 10_000);
  expiry.unref();

  return pool.start().then((code) => {
    if (meshDirectory) rmSync(meshDirectory, { recursive: true, force: true });
    return code;
  });
}
