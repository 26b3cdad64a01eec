// The preset's onlineUsers() over a createEcho() Echo against the real server: it signs in through the
// user-auth endpoint itself, reports the initial set, online and offline; a handler added later learns who
// is online; unsubscribing stops the calls; a dropped connection reports the known users offline and the
// sign-in after the reconnect reports them online again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEcho, onlineUsers, type PogoEcho } from '../../src-ts/src/index';
import { sleep } from '../helpers/clients.js';
import { startServer, type RunningServer, type TestApp } from '../helpers/server.js';
import { eventually } from '../cluster/helpers.js';
import { disconnectAll, signedInClient, userAuthEndpoint, type UserAuthEndpoint } from './helpers.js';

const app: TestApp = { id: 'watch-preset', key: 'watch-preset-key', secret: 'watch-preset-secret' };
let server: RunningServer;
let endpoint: UserAuthEndpoint;
const echoes: PogoEcho<Record<string, never>>[] = [];

beforeAll(async () => {
  server = await startServer({ apps: [app] });
  endpoint = await userAuthEndpoint(server, app);
});

afterEach(async () => {
  for (const echo of echoes.splice(0)) echo.disconnect();
  disconnectAll();
  await sleep(200);
});

afterAll(async () => {
  await endpoint.close();
  await server.stop();
});

function echoAs(user: string): PogoEcho<Record<string, never>> {
  const echo = createEcho<Record<string, never>>({
    env: { VITE_POGO_APP_KEY: app.key, VITE_POGO_HOST: '127.0.0.1', VITE_POGO_PORT: String(server.port), VITE_POGO_SCHEME: 'http' },
    echo: { userAuthentication: { endpoint: endpoint.url, transport: 'ajax', params: { user }, headers: {} } },
  });
  echoes.push(echo);
  return echo;
}

describe('onlineUsers() from @pogo/echo', () => {
  it('signs in, reports the online set, online and offline, and stops after unsubscribing', async () => {
    const bob = signedInClient(server, app, endpoint, 'bob');
    await bob.signedIn;
    endpoint.watchlists.set('alice', ['bob', 'carol']);
    const echo = echoAs('alice');
    const calls: string[] = [];
    const stop = onlineUsers(echo, { online: (ids) => calls.push(`online ${ids.join(',')}`), offline: (ids) => calls.push(`offline ${ids.join(',')}`) });
    await eventually(() => expect(calls).toEqual(['online bob']));

    const carol = signedInClient(server, app, endpoint, 'carol');
    await carol.signedIn;
    await eventually(() => expect(calls).toEqual(['online bob', 'online carol']));
    // Registered later: told at once who is online.
    const late: string[][] = [];
    const stopLate = onlineUsers(echo, { online: (ids) => late.push(ids) });
    expect(late).toEqual([['bob', 'carol']]);

    bob.pusher.disconnect();
    await eventually(() => expect(calls).toEqual(['online bob', 'online carol', 'offline bob']));
    stop();
    stopLate();
    carol.pusher.disconnect();
    await sleep(500);
    expect(calls).toHaveLength(3);
    expect(late).toHaveLength(1);
  });

  it('reports the known users offline when the connection drops, and online again after the new sign-in', async () => {
    const carol = signedInClient(server, app, endpoint, 'carol');
    await carol.signedIn;
    endpoint.watchlists.set('alice', ['carol']);
    const echo = echoAs('alice');
    const calls: string[] = [];
    onlineUsers(echo, { online: (ids) => calls.push(`online ${ids.join(',')}`), offline: (ids) => calls.push(`offline ${ids.join(',')}`) });
    await eventually(() => expect(calls).toEqual(['online carol']));
    // The server closes the socket (as a network drop would look); pusher-js reconnects and signs in again.
    echo.connector.pusher.connection.connection?.close();
    await eventually(() => expect(calls).toEqual(['online carol', 'offline carol', 'online carol']), 10_000);
  });
});
