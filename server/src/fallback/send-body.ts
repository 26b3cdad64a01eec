// What an xhr_send carries, handled: a JSON array of messages, each as a WebSocket text frame from
// the session's client would be. Shared by the worker holding the session and, under `--workers`,
// the relay that brings it another worker's xhr_send (relay.ts).
import type { App } from '../apps/app.js';
import { dispatch } from '../client/dispatch.js';
import type { Hub } from '../hub.js';
import { codedError } from '../protocol/messages.js';
import { errorCode } from '../schema.js';
import type { Connection } from '../transport/connection.js';
import { listenerFailed } from '../transport/listener-guard.js';
import { parseSendBody } from './frames.js';
import type { HttpSession } from './session.js';

/** How an xhr_send is answered: 204, or an error status with its reason. */
export interface SendAnswer {
  status: number;
  error?: string;
}

/** The largest xhr_send body taken: room for JSON's escaping of one message at the frame limit. */
export const sendLimit = (app: App): number => 2 * app.limits.maxFrameBytes + 64;

/** An xhr_send's body (undefined: it was over sendLimit) for `session`: its messages handled, and its answer. */
export function acceptSend(hub: Hub<Connection>, { session, connection }: { session: HttpSession; connection: Connection }, body: string | undefined): SendAnswer {
  const { limits } = connection.app;
  if (body === undefined) {
    connection.sendText(codedError(errorCode('MESSAGE_TOO_LARGE'), `frames are limited to ${limits.maxFrameBytes} bytes`));
    return { status: 413, error: `xhr_send bodies are limited to ${sendLimit(connection.app)} bytes` };
  }
  const messages = parseSendBody(body);
  if (!messages) {
    connection.sendText(codedError(errorCode('BAD_MESSAGE'), 'xhr_send bodies are JSON arrays of strings'));
    return { status: 400, error: 'xhr_send bodies are JSON arrays of strings' };
  }
  // `[]` (pusher-js's answer to `h`) and the polls say only that the transport is there; liveness is
  // the hub's, from messages alone (pusher:pong to its pusher:ping), so a quiet session is pinged like a
  // quiet WebSocket and never mistaken for one that answers only transport pings (4202).
  if (!session.paused && !session.ended) for (const message of messages) handleMessage(hub, session, connection, message);
  return { status: 204 };
}

function handleMessage(hub: Hub<Connection>, session: HttpSession, connection: Connection, text: string): void {
  try {
    connection.lastSeen = connection.lastMessage = Date.now();
    connection.pingSentAt = 0;
    hub.received(connection);
    const { maxFrameBytes } = connection.app.limits;
    if (Buffer.byteLength(text) > maxFrameBytes) {
      connection.sendText(codedError(errorCode('MESSAGE_TOO_LARGE'), `frames are limited to ${maxFrameBytes} bytes`));
      return;
    }
    const handled = dispatch(hub, connection, text);
    if (handled) handled.catch((error: unknown) => failed(session, error));
  } catch (error) {
    failed(session, error);
  }
}

/** An unexpected error handling a client's message: that session closes (1011), counted as the WebSocket's would be. */
function failed(session: HttpSession, error: unknown): void {
  listenerFailed('message', error);
  session.close(1011, 'unexpected server error');
}
