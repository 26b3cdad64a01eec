// Reports why a connection was refused, closed or could not be made, in words from the shared schema.
//
// pusher-js 8 surfaces a server close code in up to three ways, all on `pusher.connection`:
//  - during the handshake (the server refuses a new connection), one 'error' event
//    { type: 'WebSocketError', error: { type: 'PusherError', data: { code, message } } };
//  - on an established connection, the close first emits 'error' { type: 'PusherError', data: { code, message } }
//    and then, for codes with an action (1002-1004, 4000+), the wrapped 'WebSocketError' form above;
//  - a `pusher:error` message on a live connection emits 'error' { type: 'PusherError', data } alone.
// Closes without an error (1000/1001) and unreachable servers only show as state changes.
// This module folds all of that into one report per cause.
import { describeCode, type CloseAction } from './codes';

export type ConnectionProblemKind =
  /** The server closed (or refused) the connection; `code` says why. */
  | 'closed'
  /** The server reported an error on a live connection (`pusher:error`), e.g. a client event over its rate limit. */
  | 'error'
  /** No connection could be made within pusher-js's `unavailableTimeout` (server down, wrong host or port). */
  | 'unavailable'
  /** No enabled transport works in this environment; pusher-js gave up. */
  | 'failed';

export interface ConnectionProblem {
  kind: ConnectionProblemKind;
  /** Close code or `pusher:error` code; `null` when there is none (unreachable server, close without a code). */
  code: number | null;
  /** The schema's name for the code, e.g. `OVER_CAPACITY`. */
  name: string | null;
  /** A readable sentence, from the schema when the code is known. */
  message: string;
  /** What the server itself said (close reason or `pusher:error` message), when it said anything. */
  serverMessage: string | null;
  /** For closes: what pusher-js does next, per the Pusher protocol. */
  action: CloseAction | null;
  /** Whether pusher-js keeps trying by itself. `false`: it gave up, and only a new `connect()` will retry. */
  willReconnect: boolean;
  /** The raw pusher-js event, for logging. */
  cause: unknown;
}

export type ConnectionState = 'initialized' | 'connecting' | 'connected' | 'unavailable' | 'failed' | 'disconnected';

/** The part of pusher-js's ConnectionManager this module uses. */
export interface PusherConnection {
  state: string;
  bind(event: string, callback: (data: never) => void): unknown;
  unbind(event: string, callback?: (data: never) => void): unknown;
}

/** An Echo instance (Pusher connector), a pusher-js client, or its connection manager. */
export type ConnectionSource = { connector: unknown } | { connection: PusherConnection } | PusherConnection;

/** Finds pusher-js's connection manager behind an Echo instance or a pusher-js client. */
export function connectionOf(source: ConnectionSource): PusherConnection {
  const candidate = source as { connector?: { pusher?: { connection?: unknown } }; connection?: unknown };
  const connection = candidate.connector?.pusher?.connection ?? candidate.connection ?? source;
  if (!connection || typeof (connection as PusherConnection).bind !== 'function') {
    throw new TypeError('@pogo/echo: expected an Echo instance using the pusher/reverb broadcaster, or a pusher-js client');
  }
  return connection as PusherConnection;
}

/** The connection's current state (pusher-js's names). */
export function connectionState(source: ConnectionSource): ConnectionState {
  return connectionOf(source).state as ConnectionState;
}

interface PusherErrorData {
  code?: unknown;
  message?: unknown;
}

interface ErrorEvent {
  type?: unknown;
  error?: { type?: unknown; data?: PusherErrorData } | unknown;
  data?: PusherErrorData;
}

// A pusher:error announcing a close, then the close itself, arrive a few milliseconds apart: one report.
const duplicateWindowMs = 250;

// What pusher-js 8 does after a close with this code (Protocol.getCloseAction): 4000 retries over TLS,
// 4001-4099 and 4300+ stop, 4100-4299 reconnect, and below 4000 it reconnects if it was connected.
function pusherJsGivesUp(code: number): boolean {
  return (code > 4000 && code < 4100) || code >= 4300;
}

function closedProblem(code: number, serverMessage: string | null, cause: unknown): ConnectionProblem {
  const info = describeCode(code, 'close');
  const gaveUp = pusherJsGivesUp(code);
  // action: a pusher:error code used as a close code (4300+) has no action of its own in the schema.
  return {
    kind: 'closed',
    code,
    name: info.name,
    message: info.message,
    serverMessage,
    action: info.action ?? (gaveUp ? 'refuse' : 'retry'),
    willReconnect: !gaveUp,
    cause,
  };
}

function errorProblem(code: number | null, serverMessage: string | null, cause: unknown): ConnectionProblem {
  const info = code === null ? null : describeCode(code, 'error');
  return {
    kind: 'error',
    code,
    name: info?.name ?? null,
    message: info?.message ?? serverMessage ?? 'Connection error',
    serverMessage,
    action: null,
    willReconnect: true,
    cause,
  };
}

function codeOf(data: PusherErrorData | undefined): number | null {
  const code = Number(data?.code);
  return data && data.code !== null && data.code !== undefined && Number.isInteger(code) ? code : null;
}

function messageOf(data: PusherErrorData | undefined): string | null {
  return typeof data?.message === 'string' && data.message !== '' ? data.message : null;
}

/**
 * Calls `handler` with the reason each time the connection is refused, closed, cannot be made, or gets a
 * `pusher:error`. Returns a function that stops listening.
 *
 * ```ts
 * onConnectionProblem(echo, (problem) => {
 *   if (!problem.willReconnect) showBanner(problem.message); // e.g. "App key does not exist"
 * });
 * ```
 */
export function onConnectionProblem(source: ConnectionSource, handler: (problem: ConnectionProblem) => void): () => void {
  const connection = connectionOf(source);
  let lastClose: { code: number | null; at: number } | null = null;
  // Set once a close with a code was reported, cleared when connected again: a later plain state change
  // (pusher-js reconnecting after the close) is the same story, not a new problem.
  let closeExplained = false;
  let pendingError: { code: number; problem: ConnectionProblem } | null = null;

  const reportClose = (problem: ConnectionProblem): void => {
    const now = Date.now();
    if (lastClose && lastClose.code === problem.code && now - lastClose.at < duplicateWindowMs) return;
    lastClose = { code: problem.code, at: now };
    closeExplained = true;
    handler(problem);
  };

  const onError = (event: ErrorEvent): void => {
    if (event?.type === 'WebSocketError') {
      const inner = event.error as { type?: unknown; data?: PusherErrorData } | undefined;
      const code = codeOf(inner?.data);
      if (inner?.type !== 'PusherError' || code === null) return;
      if (pendingError?.code === code) pendingError = null; // it was this close, not a pusher:error message
      reportClose(closedProblem(code, messageOf(inner.data), event));
      return;
    }
    if (event?.type === 'PusherError') {
      const code = codeOf(event.data);
      const serverMessage = messageOf(event.data);
      if (code !== null && code < 4300) {
        // A close code: either the close itself, or the server announcing it just before closing.
        reportClose(closedProblem(code, serverMessage, event));
        return;
      }
      // 4300+: a pusher:error message on a live connection, unless a close with the same code follows at once.
      const problem = errorProblem(code, serverMessage, event);
      if (code === null) {
        handler(problem);
        return;
      }
      pendingError = { code, problem };
      queueMicrotask(() => {
        if (pendingError?.problem === problem) {
          pendingError = null;
          handler(problem);
        }
      });
      return;
    }
    if (event?.type === 'HandshakeError') {
      handler(errorProblem(null, 'The server did not answer the handshake with pusher:connection_established', event));
    }
  };

  const onStateChange = (change: { previous: string; current: string }): void => {
    if (change.current === 'connected') {
      closeExplained = false;
    } else if (change.current === 'unavailable') {
      handler({
        kind: 'unavailable',
        code: null,
        name: null,
        message: 'Cannot reach the WebSocket server (is it running, and are VITE_POGO_HOST/VITE_POGO_PORT right?); retrying',
        serverMessage: null,
        action: null,
        willReconnect: true,
        cause: change,
      });
    } else if (change.current === 'failed') {
      handler({
        kind: 'failed',
        code: null,
        name: null,
        message: 'None of the enabled transports is supported here; not connecting',
        serverMessage: null,
        action: null,
        willReconnect: false,
        cause: change,
      });
    } else if (change.previous === 'connected' && change.current === 'connecting') {
      // Lost without a close code (network drop, 1000/1001 from the server): report it unless a coded close just did.
      if (closeExplained) return;
      reportClose({
        kind: 'closed',
        code: null,
        name: null,
        message: 'Connection lost; reconnecting',
        serverMessage: null,
        action: 'retry',
        willReconnect: true,
        cause: change,
      });
    }
  };

  connection.bind('error', onError as (data: never) => void);
  connection.bind('state_change', onStateChange as (data: never) => void);
  return () => {
    connection.unbind('error', onError as (data: never) => void);
    connection.unbind('state_change', onStateChange as (data: never) => void);
  };
}
