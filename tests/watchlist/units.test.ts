// Unit tests of the watchlist's pure parts: reading the signed watchlist, and the watchers' index
// (one entry per watched user, a set only once several watch them; counts; the sync filter).
import { describe, expect, it } from 'vitest';
import type { App } from '../../server/src/apps/app.js';
import type { ClientSubscriber } from '../../server/src/channels/subscriber.js';
import { parseWatchlist } from '../../server/src/watchlist/parse.js';
import { Watchers } from '../../server/src/watchlist/watchers.js';

const limits = { maxWatchlistSize: 3, maxUserIdLength: 8 };

describe('parseWatchlist', () => {
  it('takes strings and integers, drops duplicates, and treats absent or null as none', () => {
    expect(parseWatchlist({ id: 'a', watchlist: ['b', 7, 'b'] }, limits)).toEqual({ ok: true, userIds: ['b', '7'] });
    expect(parseWatchlist({ id: 'a' }, limits)).toEqual({ ok: true, userIds: undefined });
    expect(parseWatchlist({ id: 'a', watchlist: null }, limits)).toEqual({ ok: true, userIds: undefined });
    expect(parseWatchlist({ id: 'a', watchlist: [] }, limits)).toEqual({ ok: true, userIds: [] });
  });

  it('refuses more ids than the limit with WATCHLIST_TOO_LARGE, and anything not a user id with SIGNIN_FAILED', () => {
    expect(parseWatchlist({ watchlist: ['1', '2', '3', '4'] }, limits)).toMatchObject({ ok: false, code: 'WATCHLIST_TOO_LARGE', detail: '4 user ids, at most 3' });
    for (const bad of ['x', { a: 1 }, 5]) expect(parseWatchlist({ watchlist: bad }, limits)).toMatchObject({ ok: false, code: 'SIGNIN_FAILED' });
    for (const item of ['', 'nine-char', 1.5, null, true, {}, [], 2 ** 60]) {
      expect(parseWatchlist({ watchlist: [item] }, limits), JSON.stringify(item)).toMatchObject({ ok: false, code: 'SIGNIN_FAILED' });
    }
  });
});

function connection(app: App): ClientSubscriber & { frames: Buffer[] } {
  const frames: Buffer[] = [];
  return { app, frames, send: (frame: Buffer) => frames.push(frame) } as unknown as ClientSubscriber & { frames: Buffer[] };
}

describe('Watchers', () => {
  const app = { id: 'a', limits: { maxWatchlistConnections: 2 } } as unknown as App;

  it('delivers a change once to each watcher of that user, counts, caps and forgets', () => {
    const watchers = new Watchers();
    const [one, two, three] = [connection(app), connection(app), connection(app)];
    expect(watchers.add(one, ['x', 'y'])).toBe(true);
    expect(watchers.add(two, ['y'])).toBe(true);
    expect(watchers.add(three, ['x'])).toBe(false); // the cap is 2
    expect(watchers.counts('a')).toEqual({ watchers: 2, watchedUsers: 2 });
    const frame = Buffer.from('f');
    expect(watchers.deliver('a', 'y', frame)).toBe(2);
    expect(watchers.deliver('a', 'x', frame)).toBe(1);
    expect(watchers.deliver('a', 'z', frame)).toBe(0);
    expect([one.frames.length, two.frames.length, three.frames.length]).toEqual([2, 1, 0]);

    expect(watchers.remove(one)).toBe(true);
    expect(watchers.remove(one)).toBe(false);
    expect(watchers.counts('a')).toEqual({ watchers: 1, watchedUsers: 1 });
    expect(watchers.deliver('a', 'y', frame)).toBe(1);
    expect(watchers.deliver('a', 'x', frame)).toBe(0);
    watchers.remove(two);
    expect(watchers.counts('a')).toEqual({ watchers: 0, watchedUsers: 0 });
    expect(watchers.add(three, ['x'])).toBe(true); // room again
  });

  it('leaves out of the initial set the users a change arrived for while it was fetched', () => {
    const watchers = new Watchers();
    const one = connection(app);
    watchers.add(one, ['x', 'y', 'z']);
    watchers.deliver('a', 'y', Buffer.from('offline y'));
    expect(watchers.synced(one, ['x', 'y'])).toEqual(['x']);
    // Later changes are not held back any more.
    watchers.deliver('a', 'x', Buffer.from('offline x'));
    watchers.remove(one);
    expect(watchers.synced(one, ['x'])).toBeUndefined();
  });
});
