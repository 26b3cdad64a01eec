// Restart on deploy: POST /apps/{id}/restart, signed like every API call, makes every process of
// the deployment stop gracefully (clients get 4200) and exit 0 for its supervisor to start it
// again: one process, `--workers 2` (the primary last), and two nodes sharing one Redis.
import { execFileSync } from 'node:child_process';
import PusherServer from 'pusher';
import Pusher from 'pusher-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEcho, onDiscontinuity, type Discontinuity } from '../../src-ts/src/index';
import { eventually, freePort, startRedis, type TestRedis } from '../cluster/helpers.js';
import { sleep } from '../helpers/clients.js';
import { defaultApp, type TestApp } from '../helpers/server.js';
import { alive, startDeployServer, type DeployServer } from './helpers.js';

const servers: DeployServer[] = [];
const clients: Pusher[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function start(config: Record<string, unknown>, args: string[] = []): Promise<DeployServer> {
  const server = await startDeployServer(config, { args });
  servers.push(server);
  return server;
}

function api(server: DeployServer, app: TestApp = defaultApp): PusherServer {
  return new PusherServer({ appId: app.id, key: app.key, secret: app.secret, host: '127.0.0.1', port: String(server.port), useTLS: false });
}

/** A pusher-js client and the pusher:error codes it is sent (4200 comes before the close). */
function client(server: DeployServer): { pusher: Pusher; codes: number[]; connected: Promise<void> } {
  const pusher = new Pusher(defaultApp.key, { wsHost: '127.0.0.1', wsPort: server.port, forceTLS: false, enabledTransports: ['ws'], cluster: 'local', disableStats: true });
  clients.push(pusher);
  const codes: number[] = [];
  pusher.connection.bind('error', (e: { data?: { code?: number } }) => e.data?.code && codes.push(e.data.code));
  const connected = new Promise<void>((resolve) => pusher.connection.bind('connected', () => resolve()));
  return { pusher, codes, connected };
}

function workerPids(server: DeployServer): number[] {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(server.process.pid)], { encoding: 'utf8' });
  return out.split('\n').map((s) => Number(s.trim())).filter((n) => n > 0);
}

/** The SDK JSON-encodes `body` itself (as its terminateUserConnections does); its typings say string. */
const jsonBody = (body: Record<string, unknown>) => body as unknown as string;

/** Requests the restart must refuse: unsigned, signed with a wrong secret, and signed for another app's id. */
async function refusedRestarts(server: DeployServer): Promise<number[]> {
  const unsigned = await fetch(`http://127.0.0.1:${server.port}/apps/${defaultApp.id}/restart`, { method: 'POST', body: '{}' });
  const wrong = await api(server, { ...defaultApp, secret: 'not-the-secret' }).post({ path: '/restart', body: jsonBody({}) }).then(
    (r) => r.status,
    (e: { status?: number }) => e.status ?? 0,
  );
  const unknown = await api(server, { ...defaultApp, id: 'no-such-app' }).post({ path: '/restart', body: jsonBody({}) }).then(
    (r) => r.status,
    (e: { status?: number }) => e.status ?? 0,
  );
  return [unsigned.status, wrong, unknown];
}

async function signedRestart(server: DeployServer, body: Record<string, unknown> = {}): Promise<{ status: number; body: unknown }> {
  const response = await api(server).post({ path: '/restart', body: jsonBody(body) });
  return { status: response.status, body: await response.json() };
}

describe('one process', () => {
  it('refuses an unsigned or wrongly signed restart and keeps running', async () => {
    const server = await start({ apps: [defaultApp] });
    const c = client(server);
    await c.connected;
    expect(await refusedRestarts(server)).toEqual([401, 401, 404]);
    await sleep(500);
    expect(server.process.exitCode).toBeNull();
    expect(c.pusher.connection.state).toBe('connected');
    expect(c.codes).toEqual([]);
  });

  it('a signed restart: 202, clients get 4200, the process exits 0, one line names the app and not the secret', async () => {
    const server = await start({ apps: [defaultApp] });
    const c = client(server);
    await c.connected;
    expect(await signedRestart(server, { reason: 'deploy 42' })).toEqual({ status: 202, body: { restarting: true } });
    expect(await server.exited).toBe(0);
    await eventually(() => expect(c.codes).toContain(4200));
    const lines = server.output().split('\n').filter((l) => l.includes('restart asked'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`app "${defaultApp.id}"`);
    expect(lines[0]).toContain('deploy 42');
    expect(server.output()).not.toContain(defaultApp.secret);
  });
});

describe('--workers 2', () => {
  it('a signed restart stops every worker, then the primary, all with clients told 4200; a refused one stops nothing', async () => {
    const server = await start({ apps: [defaultApp] }, ['--workers', '2']);
    await eventually(() => expect(workerPids(server)).toHaveLength(2));
    const pids = workerPids(server);
    // Consecutive connections go to alternate workers.
    const list = Array.from({ length: 4 }, () => client(server));
    await Promise.all(list.map((c) => c.connected));
    expect(await refusedRestarts(server)).toEqual([401, 401, 404]);
    await sleep(500);
    expect(workerPids(server)).toEqual(pids);

    expect(await signedRestart(server)).toEqual({ status: 202, body: { restarting: true } });
    expect(await server.exited).toBe(0);
    for (const pid of pids) expect(alive(pid)).toBe(false);
    await eventually(() => expect(list.map((c) => c.codes.includes(4200))).toEqual([true, true, true, true]));
    expect(server.output()).toContain(`restart asked by app "${defaultApp.id}"`);
    // Each worker exited 0 (the primary names one that did not), and none was started again.
    expect(server.output()).not.toMatch(/worker \d+ (exited|stopped with)/);
  }, 30_000);
});

describe('two nodes sharing Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('a restart asked of one node restarts both; a refused one restarts neither', async () => {
    const config = { apps: [defaultApp], redis: { url: redis.url, prefix: 'pogo-restart:', nodeTimeoutSeconds: 2 } };
    const [a, b] = await Promise.all([start(config), start(config)]);
    const onA = client(a);
    const onB = client(b);
    await Promise.all([onA.connected, onB.connected]);
    expect(await refusedRestarts(a)).toEqual([401, 401, 404]);
    await sleep(500);
    expect([a.process.exitCode, b.process.exitCode]).toEqual([null, null]);

    expect(await signedRestart(a)).toEqual({ status: 202, body: { restarting: true } });
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
    await eventually(() => expect([onA.codes, onB.codes].map((codes) => codes.includes(4200))).toEqual([true, true]));
    for (const node of [a, b]) expect(node.output()).toContain(`restart asked by app "${defaultApp.id}"`);
  }, 30_000);

  it('with recovery on and history kept in Redis, a client resuming on the freshly started server loses no event published before, during or after the restart', async () => {
    // The test is the supervisor: when the server exits 0 it starts it again on the same port.
    const port = await freePort();
    const config = { apps: [defaultApp], redis: { url: redis.url, prefix: 'pogo-restart-recovery:', history: true } };
    const first = await startDeployServer(config, { port });
    servers.push(first);
    const echo = createEcho({ env: { VITE_POGO_APP_KEY: defaultApp.key, VITE_POGO_HOST: '127.0.0.1', VITE_POGO_PORT: String(port), VITE_POGO_SCHEME: 'http' } });
    const seen: number[] = [];
    const gaps: Discontinuity[] = [];
    echo.channel('orders').listen('.tick', (data: { i: number }) => seen.push(data.i));
    onDiscontinuity(echo, 'orders', (gap) => gaps.push(gap));
    const { pusher } = echo.connector as unknown as { pusher: Pusher };
    await eventually(() => expect(pusher.connection.state).toBe('connected'));
    let connectedAt = 0;
    pusher.connection.bind('connected', () => (connectedAt = Date.now()));
    await sleep(200);

    // Publishes go on throughout; each is accepted (200) by the server that answered it, or fails while none listens.
    // Which server accepted a publish: the first until it exited (the second cannot listen on the port before).
    const accepted: { i: number; at: number }[] = [];
    let firstGoneAt = Number.POSITIVE_INFINITY;
    void first.exited.then(() => (firstGoneAt = Date.now()));
    const by = (a: { at: number }) => (a.at < firstGoneAt ? 'first' : 'second');
    let publishing = true;
    const publisher = (async () => {
      for (let i = 0; publishing; i++) {
        const ok = await new PusherServer({ appId: defaultApp.id, key: defaultApp.key, secret: defaultApp.secret, host: '127.0.0.1', port: String(port), useTLS: false })
          .trigger('orders', 'tick', { i })
          .then(() => true, () => false);
        if (ok) accepted.push({ i, at: Date.now() });
        await sleep(20);
      }
    })();
    await eventually(() => expect(seen.length).toBeGreaterThan(10));
    const restarted = await signedRestart(first);
    expect(restarted.status).toBe(202);
    expect(await first.exited).toBe(0);
    const second = await startDeployServer(config, { port });
    servers.push(second);
    // The client is back (4200 told it to reconnect) and receives live events again.
    await eventually(() => expect(accepted.filter((a) => by(a) === 'second').some((a) => seen.includes(a.i))).toBe(true), 30_000);
    await sleep(500);
    publishing = false;
    await publisher;
    await sleep(500);
    echo.disconnect();

    // Before the restart: every event the first server accepted reached the client before its 4200.
    const beforeRestart = accepted.filter((a) => by(a) === 'first').map((a) => a.i);
    expect(beforeRestart.length).toBeGreaterThan(10);
    expect(beforeRestart.filter((i) => !seen.includes(i))).toEqual([]);
    // After it: every event the fresh server accepted, before the client was back (replayed from the
    // history it took from Redis) and after; each once, in order; and no discontinuity.
    const afterRestart = accepted.filter((a) => by(a) === 'second').map((a) => a.i);
    // Some of them were accepted before the client was connected again: those it got by resuming.
    expect(accepted.filter((a) => by(a) === 'second' && a.at < connectedAt).length).toBeGreaterThan(0);
    expect(afterRestart.filter((i) => !seen.includes(i))).toEqual([]);
    expect(seen).toEqual([...new Set(seen)].sort((x, y) => x - y));
    expect(gaps).toEqual([]);
    expect(second.output()).toMatch(/recovery: \d+ event\(s\) of app test-app taken from the broker's history/);
  }, 90_000);
});
