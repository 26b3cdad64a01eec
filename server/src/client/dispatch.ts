// Routes one text frame from a client to its handler.
import type { Hub } from '../hub.js';
import { parseClientMessage } from '../protocol/client-message.js';
import { pong } from '../protocol/messages.js';
import { clientEventPrefix } from '../schema.js';
import type { Connection } from '../transport/connection.js';
import { clientEvent } from './client-event.js';
import { refuse } from './reply.js';
import { signin } from './signin.js';
import { subscribe } from './subscribe.js';
import { unsubscribe } from './unsubscribe.js';

/** Returns the promise of a handler that awaits (server-side authorization), so the caller's guard sees its failures. */
export function dispatch(hub: Hub, connection: Connection, raw: string): void | Promise<void> {
  const parsed = parseClientMessage(raw);
  if (!parsed.ok) {
    refuse(connection, 'BAD_MESSAGE', parsed.reason);
    return;
  }
  const { message } = parsed;
  switch (message.event) {
    case 'pusher:ping':
      connection.sendText(pong);
      return;
    case 'pusher:pong':
      return;
    case 'pusher:subscribe':
      // Only server-side authorization awaits; its failures are answered inside.
      return subscribe(hub, connection, message.data);
    case 'pusher:unsubscribe':
      unsubscribe(hub, connection, message.data);
      return;
    case 'pusher:signin':
      signin(hub, connection, message.data);
      return;
    default:
      if (message.event.startsWith(clientEventPrefix)) {
        clientEvent(hub, connection, message, Buffer.byteLength(raw));
      } else {
        refuse(connection, 'UNKNOWN_EVENT', message.event.slice(0, 64));
      }
  }
}
