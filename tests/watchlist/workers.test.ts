// The watchlist with `--workers 2` and no Redis: the primary keeps who is online, the workers'
// mesh carries the changes. node:cluster hands connections out round-robin, so of four watched
// users signing in one after the other, some land on the watcher's worker and some on the other.
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { sleep } from '../helpers/clients.js';
import { startServer, type RunningServer, type TestApp } from '../helpers/server.js';
import { eventually } from '../cluster/helpers.js';
import { resetClients, idsOf, signedInClient, userAuthEndpoint, type SignedInClient, type UserAuthEndpoint } from './helpers.js';

const app: TestApp = { id: 'watch-workers', key: 'watch-workers-key', secret: 'watch-workers-secret' };
let server: RunningServer;
let endpoint: UserAuthEndpoint;

beforeAll(async () => {
  server = await startServer({ apps: [app] }, { args: ['--workers', '2'] });
  expect(server.output()).toMatch(/2 workers, coordinated by the primary process/);
  endpoint = await userAuthEndpoint(server, app);
});

beforeEach(() => onTestFailed(() => console.error(server.output())));

afterEach(() => resetClients(endpoint, 300));

afterAll(async () => {
  await endpoint?.close();
  await server?.stop();
});

function workerPids(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(server.process.pid)], { encoding: 'utf8' });
  return out.split('\n').map((s) => Number(s.trim())).filter((n) => n > 0);
}

describe('watchlist across --workers 2 (no Redis)', () => {
  it('tells the watcher about watched users on either worker, with the initial set from the primary', async () => {
    const early = signedInClient(server, app, endpoint, 'u0');
    await early.signedIn;
    const watched = ['u1', 'u2', 'u3', 'u4'];
    endpoint.watchlists.set('alice', ['u0', ...watched]);
    const alice = signedInClient(server, app, endpoint, 'alice');
    await alice.signedIn;
    await eventually(() => expect(alice.events).toEqual([{ name: 'online', user_ids: ['u0'] }]));

    const users: SignedInClient[] = [];
    for (const id of watched) {
      const user = signedInClient(server, app, endpoint, id);
      await user.signedIn;
      users.push(user);
    }
    await eventually(() => expect(idsOf(alice.events, 'online')).toEqual(['u0', ...watched]));
    for (const user of [early, ...users]) user.pusher.disconnect();
    await eventually(() => expect(idsOf(alice.events, 'offline').sort()).toEqual(['u0', ...watched]));
    await sleep(300);
    expect(alice.events).toHaveLength(10);
  });

  it('takes a worker killed with SIGKILL: the users it held go offline at once (the primary reaps it)', async () => {
    const pids = workerPids();
    expect(pids).toHaveLength(2);
    const watched = ['k1', 'k2', 'k3', 'k4'];
    endpoint.watchlists.set('alice', watched);
    const watchers = [signedInClient(server, app, endpoint, 'alice'), signedInClient(server, app, endpoint, 'alice')];
    for (const w of watchers) await w.signedIn;
    const users: SignedInClient[] = [];
    for (const id of watched) {
      const user = signedInClient(server, app, endpoint, id);
      await user.signedIn;
      users.push(user);
    }
    for (const w of watchers) await eventually(() => expect(idsOf(w.events, 'online').sort()).toEqual(watched));
    const dropped = new Set<string>();
    for (const [i, user] of users.entries()) {
      user.pusher.connection.bind('state_change', (s: { current: string }) => {
        if (s.current === 'connected') return;
        dropped.add(watched[i]!);
        // No reconnect: back on the other worker before the reaping, the user would rightly never have been offline.
        user.pusher.disconnect();
      });
    }
    const watcherDropped = watchers.map(() => false);
    for (const [i, w] of watchers.entries()) {
      w.pusher.connection.bind('state_change', (s: { current: string }) => {
        if (s.current !== 'connected') watcherDropped[i] = true;
      });
    }

    process.kill(pids[0]!, 'SIGKILL');
    await eventually(() => expect(dropped.size).toBeGreaterThan(0));
    await sleep(300);
    expect(dropped.size).toBeLessThan(4);
    // The watcher on the surviving worker hears of every user the killed worker held going offline.
    const survivor = watchers[watcherDropped.indexOf(false)]!;
    expect(survivor).toBeDefined();
    await eventually(() => expect(idsOf(survivor.events, 'offline').sort()).toEqual([...dropped].sort()), 3_000);
  });
});
