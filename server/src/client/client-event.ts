// client-* events: only on private and presence channels the sender joined, rate-limited.
import type { Hub } from '../hub.js';
import { channelType } from '../protocol/channel-name.js';
import type { ClientMessage } from '../protocol/client-message.js';
import type { Connection } from '../transport/connection.js';
import { refuse } from './reply.js';

export function clientEvent(hub: Hub, connection: Connection, message: ClientMessage, frameBytes: number): void {
  const { app } = connection;
  const { limits } = app;
  const { event, channel } = message;
  if (!app.clientEvents) {
    refuse(connection, 'CLIENT_EVENT_REJECTED', 'client events are disabled for this app');
    return;
  }
  if (channel === undefined || !connection.channels.has(channel)) {
    refuse(connection, 'CLIENT_EVENT_REJECTED', `not subscribed to ${channel ?? '(no channel)'}`);
    return;
  }
  const { kind } = channelType(channel);
  if (kind !== 'private' && kind !== 'presence') {
    refuse(connection, 'CLIENT_EVENT_REJECTED', `client events need a private or presence channel, not ${kind}`);
    return;
  }
  if (event.length > limits.maxEventNameLength) {
    refuse(connection, 'CLIENT_EVENT_REJECTED', `event name is longer than ${limits.maxEventNameLength} characters`);
    return;
  }
  if (frameBytes > limits.maxPayloadBytes) {
    refuse(connection, 'MESSAGE_TOO_LARGE', `client events are limited to ${limits.maxPayloadBytes} bytes`);
    return;
  }
  const now = Date.now();
  if (now - connection.clientEventWindowStart >= 1000) {
    connection.clientEventWindowStart = now;
    connection.clientEventCount = 0;
  }
  if (++connection.clientEventCount > limits.maxClientEventsPerSecond) {
    refuse(connection, 'CLIENT_EVENT_RATE_LIMIT', `at most ${limits.maxClientEventsPerSecond} per second`);
    return;
  }
  hub.clientEvent(connection, channel, event, message.data);
}
