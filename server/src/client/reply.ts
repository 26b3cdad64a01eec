// Small helpers every client-message handler uses to refuse something.
import { codedError, subscriptionError, type SubscriptionErrorType } from '../protocol/messages.js';
import { errorCode, type ErrorCodeName } from '../schema.js';
import type { Connection } from '../transport/connection.js';

export function refuse(connection: Connection, name: ErrorCodeName, detail?: string, channel?: string): void {
  const entry = errorCode(name);
  connection.events.emit('refused', { kind: 'message', appId: connection.app.id, code: entry.code, name, message: entry.message, detail, socketId: connection.socketId, channel });
  connection.sendText(codedError(entry, detail));
}

/** A refused subscription: `pusher:subscription_error` for the channel, and a `pusher:error` as Pusher sends. */
export function refuseSubscription(
  connection: Connection,
  channel: string,
  type: SubscriptionErrorType,
  status: number,
  name: ErrorCodeName,
  detail: string,
): void {
  const entry = errorCode(name);
  connection.sendText(subscriptionError(channel, type, `${entry.message}: ${detail}`, status, entry.code));
  refuse(connection, name, `${detail} (${channel})`, channel);
}
