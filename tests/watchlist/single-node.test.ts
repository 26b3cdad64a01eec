// The watchlist on one node, with unmodified pusher-js clients signing in through a user-auth
// endpoint: the initial online set, online on a user's first connection, offline on their last,
// the exact frame, the size limit (4313) and the per-app cap (4314), and the gauges.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RawClient, sdk, sleep } from '../helpers/clients.js';
import schema from '../../config/pogo-websocket.schema.json' with { type: 'json' };
import { schemaErrors } from '../helpers/schema.js';
import { startServer, type RunningServer, type TestApp } from '../helpers/server.js';
import { eventually } from '../cluster/helpers.js';
import { resetClients, idsOf, signedInClient, userAuthEndpoint, type UserAuthEndpoint } from './helpers.js';

const app: TestApp = { id: 'watch', key: 'watch-key', secret: 'watch-secret', limits: { maxWatchlistConnections: 3 } };
const dashboardToken = 'watchlist-dashboard-token-0123456789';
let server: RunningServer;
let endpoint: UserAuthEndpoint;

beforeAll(async () => {
  server = await startServer({ apps: [app], dashboard: { token: dashboardToken } });
  endpoint = await userAuthEndpoint(server, app);
});

afterAll(async () => {
  await endpoint.close();
  await server.stop();
});

afterEach(() => resetClients(endpoint, 200));

describe('watchlist events on one node', () => {
  it('sends the online set after sign-in, then online on a first connection and offline on the last', async () => {
    const bob = signedInClient(server, app, endpoint, 'bob');
    await bob.signedIn;
    endpoint.watchlists.set('alice', ['bob', 'carol', 'dave']);
    const alice = signedInClient(server, app, endpoint, 'alice');
    await alice.signedIn;
    // Right after sign-in: the watched users online now (bob), as one online event; nobody offline is listed.
    await eventually(() => expect(alice.events).toEqual([{ name: 'online', user_ids: ['bob'] }]));

    const carol = signedInClient(server, app, endpoint, 'carol');
    await carol.signedIn;
    await eventually(() => expect(idsOf(alice.events, 'online')).toEqual(['bob', 'carol']));
    // A second tab of carol's is not news; closing one of two is not either.
    const carolAgain = signedInClient(server, app, endpoint, 'carol');
    await carolAgain.signedIn;
    carol.pusher.disconnect();
    await sleep(500);
    expect(alice.events).toHaveLength(2);
    carolAgain.pusher.disconnect();
    await eventually(() => expect(alice.events.at(-1)).toEqual({ name: 'offline', user_ids: ['carol'] }));

    // Connected (subscribed, even) but not signed in is not online.
    const notSignedIn = await RawClient.connect(server, app.key);
    notSignedIn.send({ event: 'pusher:subscribe', data: { channel: 'dave' } });
    await notSignedIn.nextEvent('pusher_internal:subscription_succeeded');
    bob.pusher.disconnect();
    await eventually(() => expect(idsOf(alice.events, 'offline')).toEqual(['carol', 'bob']));
    expect(alice.events).toHaveLength(4);
    notSignedIn.ws.close();
  });

  it('sends nothing after sign-in when nobody watched is online', async () => {
    endpoint.watchlists.set('alice', ['nobody-1', 'nobody-2']);
    const alice = signedInClient(server, app, endpoint, 'alice');
    await alice.signedIn;
    await sleep(500);
    expect(alice.events).toEqual([]);
  });

  it('speaks the exact frame pusher-js reads: pusher_internal:watchlist_events with data.events', async () => {
    const bob = signedInClient(server, app, endpoint, 'bob');
    await bob.signedIn;
    const raw = await RawClient.connect(server, app.key);
    const userData = JSON.stringify({ id: 'raw', watchlist: ['bob', 42] });
    raw.send({ event: 'pusher:signin', data: { user_data: userData, auth: sdk(server, app).authenticateUser(raw.socketId, JSON.parse(userData) as { id: string }).auth } });
    await raw.nextEvent('pusher:signin_success');
    const initial = await raw.nextEvent('pusher_internal:watchlist_events');
    expect(Object.keys(initial).sort()).toEqual(['data', 'event']);
    expect(schemaErrors('server.watchlistEvents', initial)).toEqual([]);
    expect(JSON.parse(initial.data as string)).toEqual({ events: [{ name: 'online', user_ids: ['bob'] }] });
    // Integer ids (Laravel's) are watched as their decimal strings.
    const fortyTwo = signedInClient(server, app, endpoint, '42');
    await fortyTwo.signedIn;
    expect(JSON.parse((await raw.nextEvent('pusher_internal:watchlist_events')).data as string)).toEqual({ events: [{ name: 'online', user_ids: ['42'] }] });
    raw.ws.close();
  });

  it('takes signing in again on the same connection as no change, however often (no offline/online flapping)', async () => {
    endpoint.watchlists.set('alice', ['bob']);
    const alice = signedInClient(server, app, endpoint, 'alice');
    await alice.signedIn;
    const raw = await RawClient.connect(server, app.key);
    const signIn = (user: { id: string; user_info?: unknown }) => {
      const userData = JSON.stringify(user);
      raw.send({ event: 'pusher:signin', data: { user_data: userData, auth: sdk(server, app).authenticateUser(raw.socketId, user).auth } });
    };
    signIn({ id: 'bob' });
    await raw.nextEvent('pusher:signin_success');
    await eventually(() => expect(alice.events).toEqual([{ name: 'online', user_ids: ['bob'] }]));
    for (let i = 0; i < 50; i++) signIn({ id: 'bob' });
    // The same user with other user data: a new sign-in, still the same user online.
    for (let i = 0; i < 5; i++) signIn({ id: 'bob', user_info: { tab: i } });
    for (let i = 0; i < 55; i++) await raw.nextEvent('pusher:signin_success');
    await sleep(300);
    expect(alice.events).toEqual([{ name: 'online', user_ids: ['bob'] }]);
    raw.ws.close();
    await eventually(() => expect(alice.events.at(-1)).toEqual({ name: 'offline', user_ids: ['bob'] }));
  });

  it('refuses a watchlist of more than 100 user ids with 4313 and accepts exactly 100', async () => {
    endpoint.watchlists.set('greedy', Array.from({ length: 101 }, (_, i) => `u${i}`));
    const greedy = signedInClient(server, app, endpoint, 'greedy');
    await eventually(() => expect(greedy.errors).toEqual([schema.errorCodes.WATCHLIST_TOO_LARGE.code]));
    expect(schema.errorCodes.WATCHLIST_TOO_LARGE.code).toBe(4313);
    expect(greedy.pusher.user.user_data).toBeNull();
    expect(greedy.pusher.connection.state).toBe('connected');

    endpoint.watchlists.set('hundred', [...Array.from({ length: 99 }, (_, i) => `u${i}`), 'bob']);
    const hundred = signedInClient(server, app, endpoint, 'hundred');
    await hundred.signedIn;
    const bob = signedInClient(server, app, endpoint, 'bob');
    await bob.signedIn;
    await eventually(() => expect(hundred.events).toEqual([{ name: 'online', user_ids: ['bob'] }]));
    expect(hundred.errors).toEqual([]);
  });

  it('caps the watchers per app (maxWatchlistConnections): the next one signs in without its watchlist (4314)', async () => {
    endpoint.watchlists.set('watcher', ['target']);
    const within = [1, 2, 3].map(() => signedInClient(server, app, endpoint, 'watcher'));
    for (const c of within) await c.signedIn;
    const over = signedInClient(server, app, endpoint, 'watcher');
    await over.signedIn;
    await eventually(() => expect(over.errors).toEqual([schema.errorCodes.WATCHLIST_FULL.code]));
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^pogo_websocket_watchlist_watchers\{app="watch"\} 3$/m);
    expect(metrics).toMatch(/^pogo_websocket_watchlist_users\{app="watch"\} 1$/m);
    // The dashboard's samples (its "Watchlist connections" card) count them too.
    const dashboardCount = async () => {
      const overview = await (await fetch(`${server.url}/dashboard/api/overview`, { headers: { Authorization: `Bearer ${dashboardToken}` } })).json();
      return (overview as { latest: { apps: Record<string, { watchlistWatchers: number }> } }).latest.apps.watch?.watchlistWatchers;
    };
    await eventually(async () => expect(await dashboardCount()).toBe(3), 4_000);

    const target = signedInClient(server, app, endpoint, 'target');
    await target.signedIn;
    for (const c of within) await eventually(() => expect(c.events).toEqual([{ name: 'online', user_ids: ['target'] }]));
    await sleep(300);
    expect(over.events).toEqual([]);
    // A watcher leaving frees its place.
    within[0]!.pusher.disconnect();
    await eventually(async () => expect(await (await fetch(`${server.url}/metrics`)).text()).toMatch(/^pogo_websocket_watchlist_watchers\{app="watch"\} 2$/m));
  });
});
