// The transport's top-level rule: no exception caused by client input escapes a listener.
// Every listener that runs on a client's bytes (HTTP requests, upgrades, frames) runs inside
// guard(); an unexpected error closes that one connection or request and is counted here
// (pogo_websocket_listener_errors_total), so the process and every other client carry on.

/** Where an unexpected error was caught: the listener's name. */
export type ListenerPlace = 'upgrade' | 'message' | 'ping' | 'close' | 'http' | 'dashboard' | 'metrics';

const counts = new Map<ListenerPlace, number>();
let warned = 0;

/** Unexpected errors caught per listener since start. */
export function listenerErrorCounts(): ReadonlyMap<ListenerPlace, number> {
  return counts;
}

/** Counts an error a listener caught; the first few are also printed (without request data: no secret in a log line). */
export function listenerFailed(place: ListenerPlace, error: unknown): void {
  counts.set(place, (counts.get(place) ?? 0) + 1);
  if (warned < 10) {
    warned++;
    process.emitWarning(`pogo-ws: unexpected error in the ${place} listener, that one connection was closed: ${(error as Error)?.stack ?? String(error)}`);
  }
}

/** Runs `run`; an exception (or a rejected promise) is counted and handed to `close`, never rethrown. */
export function guard(place: ListenerPlace, run: () => unknown, close: () => void): void {
  const failed = (error: unknown) => {
    listenerFailed(place, error);
    try {
      close();
    } catch {
      // Closing a connection that is already gone: nothing left to do.
    }
  };
  try {
    const result = run();
    if (result instanceof Promise) result.catch(failed);
  } catch (error) {
    failed(error);
  }
}
