// The primary's workers (`--workers N`): forks them onto the one port, starts another when one
// dies (giving up when they keep dying), and stops them all: SIGTERM, then SIGKILL when they
// have not drained within 30 s.
import cluster, { type Worker } from 'node:cluster';
import { isPogoMessage, type WorkerToPrimary } from './ipc-messages.js';

export interface PrimaryLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

interface WorkerPoolOptions {
  size: number;
  /** The environment every worker gets on top of the primary's. */
  env: Record<string, string>;
  log: PrimaryLog;
  /** A message from a worker. */
  message(worker: Worker, message: WorkerToPrimary): void;
  /** A worker is gone (already out of the pool); `announcer`: a surviving worker, if any. */
  exited(worker: Worker, announcer: Worker | undefined): void;
}

/** Deaths within 10 s beyond this many per worker: something is wrong, stop restarting. */
const deathsPerWorker = 3;

export class WorkerPool {
  private readonly workers = new Set<Worker>();
  private stopping = false;
  private exitCode = 0;
  private recentDeaths: number[] = [];
  private finish: (code: number) => void = () => {};
  private readonly done = new Promise<number>((resolve) => (this.finish = resolve));

  constructor(private readonly options: WorkerPoolOptions) {}

  get size(): number {
    return this.workers.size;
  }

  /** Forks every worker; resolves with the exit code once all have stopped. */
  start(): Promise<number> {
    for (let i = 0; i < this.options.size; i++) this.fork();
    return this.done;
  }

  /** Passes a signal on to every worker (SIGHUP: each reloads its configuration). */
  signal(signal: NodeJS.Signals): void {
    for (const worker of this.workers) worker.process.kill(signal);
  }

  stop(code: number): void {
    if (this.stopping) return;
    this.stopping = true;
    this.exitCode = code;
    if (this.workers.size === 0) this.finish(code);
    for (const worker of this.workers) worker.process.kill('SIGTERM');
    // Workers drain on their own deadline; never wait forever for them.
    setTimeout(() => {
      for (const worker of this.workers) worker.process.kill('SIGKILL');
      this.finish(code);
    }, 30_000).unref();
  }

  private fork(): void {
    const { log } = this.options;
    const worker = cluster.fork(this.options.env);
    this.workers.add(worker);
    worker.on('message', (message: unknown) => {
      if (isPogoMessage(message)) this.options.message(worker, message as WorkerToPrimary);
    });
    worker.on('exit', (code, signal) => {
      this.workers.delete(worker);
      this.options.exited(worker, [...this.workers][0]);
      if (this.stopping) {
        // A worker that did not stop cleanly is worth a line (a drain that failed, a SIGKILL).
        if (code !== 0) log.warn(`worker ${worker.id} stopped with ${signal ?? `code ${code}`}`);
        if (this.workers.size === 0) this.finish(this.exitCode);
        return;
      }
      log.warn(`worker ${worker.id} exited (${signal ?? `code ${code}`}); starting another`);
      const now = Date.now();
      this.recentDeaths = [...this.recentDeaths.filter((t) => now - t < 10_000), now];
      if (this.recentDeaths.length > this.options.size * deathsPerWorker) {
        log.error('workers keep dying; giving up');
        this.stop(1);
        return;
      }
      setTimeout(() => this.fork(), 200);
    });
  }
}
