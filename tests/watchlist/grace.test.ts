// The presence grace period applies to the watchlist: a page reload (the last connection closes
// and a new one signs in within presenceLeaveGraceMs) is neither offline nor online; a user who
// does not come back goes offline once the grace period is over.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../helpers/clients.js';
import { startServer, type RunningServer, type TestApp } from '../helpers/server.js';
import { eventually } from '../cluster/helpers.js';
import { disconnectAll, signedInClient, userAuthEndpoint, type UserAuthEndpoint } from './helpers.js';

const graceMs = 1_500;
const app: TestApp = { id: 'watch-grace', key: 'watch-grace-key', secret: 'watch-grace-secret', limits: { presenceLeaveGraceMs: graceMs } };
let server: RunningServer;
let endpoint: UserAuthEndpoint;

beforeAll(async () => {
  server = await startServer({ apps: [app] });
  endpoint = await userAuthEndpoint(server, app);
});

afterEach(async () => {
  disconnectAll();
  await sleep(200);
});

afterAll(async () => {
  await endpoint.close();
  await server.stop();
});

describe('watchlist and the presence grace period', () => {
  it('takes a reload within the grace period as no change, and goes offline only after it', async () => {
    endpoint.watchlists.set('alice', ['bob']);
    const alice = signedInClient(server, app, endpoint, 'alice');
    await alice.signedIn;
    const bob = signedInClient(server, app, endpoint, 'bob');
    await bob.signedIn;
    await eventually(() => expect(alice.events).toEqual([{ name: 'online', user_ids: ['bob'] }]));

    // The reload: the only connection closes, a new one signs in well within the grace period.
    bob.pusher.disconnect();
    await sleep(300);
    const reloaded = signedInClient(server, app, endpoint, 'bob');
    await reloaded.signedIn;
    await sleep(graceMs + 700);
    expect(alice.events).toEqual([{ name: 'online', user_ids: ['bob'] }]);

    // Gone for good: offline, but not before the grace period is over.
    const leftAt = Date.now();
    reloaded.pusher.disconnect();
    await eventually(() => expect(alice.events.at(-1)).toEqual({ name: 'offline', user_ids: ['bob'] }), graceMs + 3_000);
    expect(Date.now() - leftAt).toBeGreaterThanOrEqual(graceMs - 100);
    expect(alice.events).toHaveLength(2);
  });
});
