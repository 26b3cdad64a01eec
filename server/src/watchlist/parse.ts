// The `watchlist` a signed `user_data` may carry: user ids (strings, or integers taken as their
// decimal strings, as Laravel's ids are), each a valid user id, at most `maxWatchlistSize`,
// duplicates dropped. Absent: the connection watches nobody.
import type { Limits } from '../schema.js';

export type ParsedWatchlist =
  | { ok: true; userIds: string[] | undefined }
  | { ok: false; code: 'SIGNIN_FAILED' | 'WATCHLIST_TOO_LARGE'; detail: string };

export function parseWatchlist(user: object, limits: Pick<Limits, 'maxWatchlistSize' | 'maxUserIdLength'>): ParsedWatchlist {
  const list = (user as { watchlist?: unknown }).watchlist;
  if (list === undefined || list === null) return { ok: true, userIds: undefined };
  if (!Array.isArray(list)) return { ok: false, code: 'SIGNIN_FAILED', detail: 'user_data.watchlist must be an array of user ids' };
  if (list.length > limits.maxWatchlistSize) {
    return { ok: false, code: 'WATCHLIST_TOO_LARGE', detail: `${list.length} user ids, at most ${limits.maxWatchlistSize}` };
  }
  const ids = new Set<string>();
  for (const item of list) {
    const id = typeof item === 'number' && Number.isSafeInteger(item) ? String(item) : item;
    if (typeof id !== 'string' || id.length === 0 || id.length > limits.maxUserIdLength) {
      return { ok: false, code: 'SIGNIN_FAILED', detail: `user_data.watchlist holds ${JSON.stringify(item)?.slice(0, 40) ?? String(item)}: each must be a user id string (1 to ${limits.maxUserIdLength} characters) or an integer` };
    }
    ids.add(id);
  }
  return { ok: true, userIds: [...ids] };
}
