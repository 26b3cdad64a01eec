// The watchlist's internal names. '#' is not allowed in a client's channel name, so no client can
// subscribe to them, and they never reach the HTTP API, webhooks or the dashboard's channel list.
//   #online-{user id}    the store's presence record of a signed-in user: a member while any
//                        connection of theirs is signed in somewhere (or in its grace period)
//   #watchers-{user id}  the bus name an online/offline change of that user travels under, to the
//                        connections watching them on every node

const onlinePrefix = '#online-';
const watchersPrefix = '#watchers-';

export function onlineKey(userId: string): string {
  return onlinePrefix + userId;
}

export function isOnlineKey(name: string): boolean {
  return name.startsWith(onlinePrefix);
}

/** Percent-encoded: bus frames are newline-delimited, and a user id is whatever the app signed. */
export function watchersKey(userId: string): string {
  return watchersPrefix + encodeURIComponent(userId);
}

/** The watched user a `#watchers-` name is about, or undefined for any other name. */
export function watchedUserOf(name: string): string | undefined {
  if (!name.startsWith(watchersPrefix)) return undefined;
  try {
    return decodeURIComponent(name.slice(watchersPrefix.length));
  } catch {
    return undefined; // not one this server built
  }
}
