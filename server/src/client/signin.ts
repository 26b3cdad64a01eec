// pusher:signin — user authentication; the user then receives `#server-to-user-{id}`, counts as
// online for the watchlist, and, when user_data carries a `watchlist`, watches those users.
import type { Hub } from '../hub.js';
import { stringField } from '../protocol/client-message.js';
import { signinSuccess } from '../protocol/messages.js';
import { userAuthString, verifyAuth } from '../protocol/signature.js';
import type { Connection } from '../transport/connection.js';
import { parseWatchlist } from '../watchlist/parse.js';
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
  if (connection.user?.userData === userData) {
    // The same sign-in again: nothing changes (and a client repeating it costs the cluster's store nothing).
    connection.sendText(signinSuccess(userData));
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
  const watchlist = parseWatchlist(user as object, app.limits);
  if (!watchlist.ok) {
    refuse(connection, watchlist.code, watchlist.detail);
    return;
  }
  hub.signIn(connection, id, userData);
  connection.sendText(signinSuccess(userData));
  // After signin_success, so the initial online set follows it.
  if (watchlist.userIds && watchlist.userIds.length > 0 && !hub.watch(connection, watchlist.userIds)) {
    refuse(connection, 'WATCHLIST_FULL', `${app.limits.maxWatchlistConnections} connections of this app already watch users on this server`);
  }
}
