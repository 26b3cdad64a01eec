// Small helpers every client-message handler uses to refuse something.
import { metrics } from '../metrics/metrics.js';
import { codedError, subscriptionError, type SubscriptionErrorType } from '../protocol/messages.js';
import { errorCode, type ErrorCodeName } from '../schema.js';
import type { Connection } from '../transport/connection.js';

export function refuse(connection: Connection, name: ErrorCodeName, detail?: string): void {
  metrics.refused(connection.app.id, name);
  connection.sendText(codedError(errorCode(name), detail));
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
  refuse(connection, name, `${detail} (${channel})`);
}
