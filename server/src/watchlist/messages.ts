// The one message of the watchlist, exactly as pusher-js 8 reads it (src/core/watchlist.ts:
// `pusherEvent.data.events.forEach(e => emit(e.name, e))`). `data` is a JSON string like every
// other server message's; pusher-js parses it.

export type WatchlistChange = 'online' | 'offline';

export function watchlistEvents(name: WatchlistChange, userIds: string[]): string {
  return JSON.stringify({ event: 'pusher_internal:watchlist_events', data: JSON.stringify({ events: [{ name, user_ids: userIds }] }) });
}
