// pusher:unsubscribe
import type { Hub } from '../hub.js';
import { stringField } from '../protocol/client-message.js';
import type { Connection } from '../transport/connection.js';
import { refuse } from './reply.js';

export function unsubscribe(hub: Hub, connection: Connection, data: unknown): void {
  const name = stringField(data, 'channel');
  if (name === undefined) {
    refuse(connection, 'INVALID_CHANNEL', 'pusher:unsubscribe needs data.channel');
    return;
  }
  hub.unsubscribe(connection, name);
}
