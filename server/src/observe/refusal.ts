// What the server refused or cut: connections refused at the handshake, client messages
// answered with `pusher:error`, connections closed with a code, HTTP API errors. The core
// reports each one to the observer sink; the dashboard and metrics read them from there.

/** Where a refusal happened: the handshake, a client message, a coded close, the HTTP API. */
export type RefusalKind = 'connection' | 'message' | 'closed' | 'http';

export interface Refusal {
  kind: RefusalKind;
  /** The app, when it is known (an unknown key, or an HTTP path without an app, has none). */
  appId?: string;
  /** Close code, `pusher:error` code, or the HTTP status. */
  code: number;
  /** The schema's name for it, when the reporter knows it (HTTP: the publish status name). */
  name?: string;
  message: string;
  detail?: string;
  socketId?: string;
  channel?: string;
  /** The request path (handshakes and HTTP), to find the app of a refused handshake. */
  url?: string;
  ip?: string;
}

/**
 * The one list of refusals that are failed authentication: a bad or missing signature, an auth
 * endpoint that denied or could not be reached (`pusher:error` codes), a user terminated by the
 * server (close code), a publish with a bad signature (HTTP status).
 */
export const authFailureNames: ReadonlySet<string> = new Set([
  'SUBSCRIPTION_UNAUTHORIZED',
  'SIGNIN_FAILED',
  'SERVER_AUTH_UNAVAILABLE',
  'UNAUTHORIZED',
  'INVALID_SIGNATURE',
]);
