// Online status over Pusher's watchlist, typed. The server tells a signed-in user about the users in the
// `watchlist` their user_data carries (Laravel: `Broadcast::resolveAuthenticatedUserUsing()` returns it,
// /broadcasting/user-auth signs it): `online` when a watched user's first connection comes, `offline` when
// their last one goes, and right after sign-in the ones online then. pusher-js 8 emits those on
// `pusher.user.watchlist`; this keeps the set they describe, so a handler registered later still learns who
// is online, and treats a lost connection as "no longer known": state, not events, so nothing is replayed.

/** What a watched user's change is reported with: their ids (strings, as the server sends them). */
export interface OnlineUsersHandlers {
  /** Watched users who came online; on subscribing, and after each sign-in, the ones online then. */
  online?: (userIds: string[]) => void;
  /** Watched users who went offline; when the connection drops, every user it had reported online. */
  offline?: (userIds: string[]) => void;
}

interface WatchlistEvent {
  name: string;
  user_ids: string[];
}

/** The part of pusher-js 8's client this module uses. */
interface SigningInPusher {
  signin(): void;
  user: { watchlist: { bind(event: string, callback: (event: WatchlistEvent) => void): unknown } };
  connection: { bind(event: 'state_change', callback: (change: { previous: string; current: string }) => void): unknown };
}

/** An Echo instance (pusher/reverb broadcaster) or a pusher-js client. */
export type OnlineUsersSource = { connector: unknown } | { user: unknown; signin(): void };

interface Tracker {
  online: Set<string>;
  listeners: Set<OnlineUsersHandlers>;
}

const trackers = new WeakMap<object, Tracker>();

/** The watched users' set one pusher-js client's events describe, kept from the first onlineUsers() call on. */
function trackerOf(pusher: SigningInPusher): Tracker {
  const known = trackers.get(pusher);
  if (known) return known;
  const t: Tracker = { online: new Set(), listeners: new Set() };
  const change = (kind: 'online' | 'offline', ids: string[]) => {
    for (const id of ids) kind === 'online' ? t.online.add(id) : t.online.delete(id);
    if (ids.length > 0) for (const listener of [...t.listeners]) listener[kind]?.([...ids]);
  };
  for (const kind of ['online', 'offline'] as const) pusher.user.watchlist.bind(kind, (event) => change(kind, event.user_ids));
  // While disconnected nobody's status is known; the sign-in after the reconnect reports who is online again.
  pusher.connection.bind('state_change', ({ previous, current }) => {
    if (previous === 'connected' && current !== 'connected') change('offline', [...t.online]);
  });
  trackers.set(pusher, t);
  return t;
}

/**
 * Calls `handlers` as users in the signed-in user's watchlist come online and go offline; signs the user in
 * (`pusher.signin()`, Echo's /broadcasting/user-auth) if that has not happened yet. Returns an unsubscribe.
 *
 * ```ts
 * const stop = onlineUsers(echo, {
 *   online: (ids) => ids.forEach((id) => presence.add(id)),
 *   offline: (ids) => ids.forEach((id) => presence.delete(id)),
 * });
 * ```
 */
export function onlineUsers(source: OnlineUsersSource, handlers: OnlineUsersHandlers): () => void {
  const pusher = ((source as { connector?: { pusher?: unknown } }).connector?.pusher ?? source) as SigningInPusher;
  if (typeof pusher.user?.watchlist?.bind !== 'function') throw new TypeError('@pogo/echo: onlineUsers() needs an Echo (pusher/reverb) or a pusher-js 8 client');
  const { online, listeners } = trackerOf(pusher);
  const listener = { ...handlers };
  listeners.add(listener);
  if (online.size > 0) listener.online?.([...online]);
  pusher.signin();
  return () => listeners.delete(listener);
}
