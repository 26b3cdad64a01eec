// pusher:signin — user authentication; the user then receives `#server-to-user-{id}`.
import type { Hub } from '../hub.js';
import { stringField } from '../protocol/client-message.js';
import { signinSuccess } from '../protocol/messages.js';
import { userAuthString, verifyAuth } from '../protocol/signature.js';
import type { Connection } from '../transport/connection.js';
import { refuse } from './reply.js';

export function signin(hub: Hub, connection: Connection, data: unknown): void {
  const { app } = connection;
  const auth = stringField(data, 'auth');
  const userData = stringField(data, 'user_data');
  if (userData === undefined || auth === undefined) {
    refuse(connection, 'SIGNIN_FAILED', 'pusher:signin needs data.auth and data.user_data');
    return;
  }
  if (!verifyAuth(auth, app.key, app.secret, userAuthString(connection.socketId, userData))) {
    refuse(connection, 'SIGNIN_FAILED', 'signature does not match');
    return;
  }
  let user: unknown;
  try {
    user = JSON.parse(userData);
  } catch {
    refuse(connection, 'SIGNIN_FAILED', 'user_data is not valid JSON');
    return;
  }
  const id = (user as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || id.length === 0 || id.length > app.limits.maxUserIdLength) {
    refuse(connection, 'SIGNIN_FAILED', 'user_data needs an "id" string');
    return;
  }
  hub.signIn(connection, id, userData);
  connection.sendText(signinSuccess(userData));
}
