// What a process does when an app asks for a restart (POST /apps/{id}/restart reached this node,
// or another node passed it on over the bus): a `--workers` worker hands it to its primary, which
// stops every worker and then exits; a single process stops itself. Either way the stop is the
// SIGTERM one (4200 to every client, webhooks drained) and the exit code 0, so the supervisor
// starts pogo-ws again with the configuration as it is now.
import cluster from 'node:cluster';
import type { ServerObserver } from '../observe/observer.js';
import { primaryLink } from '../workers/primary-link.js';

/** The one log line of a restart: the app that asked and its reason (never a secret). */
export function restartLine(appId: string, reason: string | undefined): string {
  return `restart asked by app ${JSON.stringify(appId)}${reason ? ` (${JSON.stringify(reason)})` : ''}`;
}

export interface RestartActions {
  info(message: string): void;
  /** The graceful stop (as on SIGTERM), exiting with 0. */
  stop(): void;
}

/** Subscribed to the hub's sink by the CLI; acts on the first request only. */
export function restartObserver(actions: RestartActions): ServerObserver {
  let asked = false;
  return {
    restartRequested(appId, reason) {
      if (asked) return;
      asked = true;
      if (cluster.isWorker) {
        try {
          primaryLink.post({ pogo: 'restart', appId, ...(reason !== undefined ? { reason } : {}) });
          return;
        } catch {
          // The primary is gone: this worker stops on its own.
        }
      }
      actions.info(`${restartLine(appId, reason)}: closing connections (4200), then exiting with 0 for the supervisor to start pogo-ws again`);
      // After this turn: the 202 that asked is answered first (the stop waits for requests in flight).
      setImmediate(() => actions.stop());
    },
  };
}
