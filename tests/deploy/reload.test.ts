// SIGHUP reloads apps from the configuration the server started with (its --config file, its
// --env-file): an added app works, a removed app's clients are closed with 4001 and a disabled
// one's with 4003, a rotated secret signs the next API call and subscription, unchanged apps'
// connections stay open, and a configuration that does not load changes nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PusherServer from 'pusher';
import Pusher from 'pusher-js';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../cluster/helpers.js';
import { sleep } from '../helpers/clients.js';
import type { TestApp } from '../helpers/server.js';
import { startDeployServer, type DeployServer } from './helpers.js';

const servers: DeployServer[] = [];
const clients: Pusher[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const app = (id: string, extra: Record<string, unknown> = {}): TestApp => ({ id, key: `${id}-key`, secret: `${id}-secret`, ...extra });

function api(server: DeployServer, a: TestApp): PusherServer {
  return new PusherServer({ appId: a.id, key: a.key, secret: a.secret, host: '127.0.0.1', port: String(server.port), useTLS: false });
}

/** The HTTP status of a publish signed with `a`'s credentials. */
async function publishStatus(server: DeployServer, a: TestApp): Promise<number> {
  return api(server, a).trigger('news', 'headline', 'x').then(
    (r) => r.status,
    (e: { status?: number }) => e.status ?? 0,
  );
}

interface Watched {
  pusher: Pusher;
  codes: number[];
  connected: Promise<string>;
}

/** pusher-js on `a`'s key; private channels are signed with `signer`'s secret (a Laravel app's). */
function client(server: DeployServer, a: TestApp, signer: TestApp = a): Watched {
  const sign = api(server, signer);
  const pusher = new Pusher(a.key, {
    wsHost: '127.0.0.1',
    wsPort: server.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    cluster: 'local',
    disableStats: true,
    channelAuthorization: { transport: 'ajax', endpoint: '/unused', customHandler: ({ socketId, channelName }, callback) => callback(null, sign.authorizeChannel(socketId, channelName)) },
  });
  clients.push(pusher);
  const codes: number[] = [];
  pusher.connection.bind('error', (e: { data?: { code?: number } }) => e.data?.code && codes.push(e.data.code));
  const connected = new Promise<string>((resolve) => pusher.connection.bind('connected', () => resolve(pusher.connection.socket_id)));
  return { pusher, codes, connected };
}

function subscribeResult(c: Watched, channel: string): Promise<'ok' | 'refused'> {
  return new Promise((resolve) => {
    const ch = c.pusher.subscribe(channel);
    ch.bind('pusher:subscription_succeeded', () => resolve('ok'));
    ch.bind('pusher:subscription_error', () => resolve('refused'));
  });
}

async function hangup(server: DeployServer, expected: string, count = 1): Promise<void> {
  const before = server.output().split(expected).length - 1;
  server.process.kill('SIGHUP');
  await eventually(() => expect(server.output().split(expected).length - 1).toBe(before + count));
}

describe('one process, --config', () => {
  it('adds, removes, disables and rotates apps; the unchanged app\'s connection stays open', async () => {
    const [kept, rotated, removed, disabled] = [app('kept'), app('rotated'), app('removed'), app('disabled')];
    const server = await startDeployServer({ apps: [kept, rotated, removed, disabled] });
    servers.push(server);
    const onKept = client(server, kept);
    const onRotated = client(server, rotated);
    const onRemoved = client(server, removed);
    const onDisabled = client(server, disabled);
    const ids = await Promise.all([onKept, onRotated, onRemoved, onDisabled].map((c) => c.connected));

    const added = app('added');
    const newSecret = { ...rotated, secret: 'rotated-new-secret' };
    writeFileSync(server.configFile, JSON.stringify({ apps: [kept, newSecret, { ...disabled, enabled: false }, added] }));
    await hangup(server, 'configuration reloaded');
    const line = server.output().split('\n').find((l) => l.includes('configuration reloaded')) ?? '';
    expect(line).toContain('added added; removed removed; disabled disabled; changed rotated');
    expect(line).not.toContain('secret');

    // Removed: 4001 (app not found); disabled: 4003; neither comes back.
    await eventually(() => expect(onRemoved.codes).toContain(4001));
    await eventually(() => expect(onDisabled.codes).toContain(4003));
    expect(await publishStatus(server, removed)).toBe(404);
    expect(await publishStatus(server, { ...disabled })).toBe(403);

    // Added: clients connect and the API answers.
    const onAdded = client(server, added);
    await onAdded.connected;
    expect(await subscribeResult(onAdded, 'private-added')).toBe('ok');
    expect(await publishStatus(server, added)).toBe(200);

    // Rotated: the old secret no longer signs an API call or a subscription, the new one does;
    // the connection opened before the reload is the same one.
    expect(await publishStatus(server, rotated)).toBe(401);
    expect(await publishStatus(server, newSecret)).toBe(200);
    expect(await subscribeResult(onRotated, 'private-old-signature')).toBe('refused');
    const fresh = client(server, rotated, newSecret);
    await fresh.connected;
    expect(await subscribeResult(fresh, 'private-new-signature')).toBe('ok');

    // Unchanged, and rotated too: still the connections from before, nothing closed.
    await sleep(300);
    expect([onKept.pusher.connection.socket_id, onRotated.pusher.connection.socket_id]).toEqual([ids[0], ids[1]]);
    // The only error the rotated app's old connection saw: its subscription signed with the old secret (4307), no close.
    expect([onKept.codes, onRotated.codes]).toEqual([[], [4307]]);
    expect(await subscribeResult(onKept, 'private-kept')).toBe('ok');
  }, 30_000);

  it('a configuration that does not load keeps the running one and says why in one line', async () => {
    const a = app('steady');
    const server = await startDeployServer({ apps: [a] });
    servers.push(server);
    const c = client(server, a);
    const id = await c.connected;

    writeFileSync(server.configFile, '{"apps": [ {"id": "steady", ');
    await hangup(server, 'configuration not reloaded');
    writeFileSync(server.configFile, JSON.stringify({ apps: [{ id: 'steady', key: 'steady-key' }] }));
    await hangup(server, 'configuration not reloaded', 1);
    const lines = server.output().split('\n').filter((l) => l.includes('configuration not reloaded'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('is not valid JSON');
    expect(lines[1]).toContain('apps[0].secret must be a non-empty string');
    expect(await publishStatus(server, a)).toBe(200);
    expect(c.pusher.connection.socket_id).toBe(id);
    expect(c.codes).toEqual([]);
    expect(server.process.exitCode).toBeNull();
  });
});

describe('one process, --env-file', () => {
  it('reads the env file again: a rotated WS_APP_SECRET takes effect', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pogo-reload-env-'));
    writeFileSync(join(dir, 'pogo.env'), 'WS_APP_ID=envapp\nWS_APP_KEY=envapp-key\nWS_APP_SECRET=first-secret\n');
    const server = await startDeployServer(undefined, { dir, args: ['--env-file', join(dir, 'pogo.env')] });
    servers.push(server);
    const before = { id: 'envapp', key: 'envapp-key', secret: 'first-secret' };
    expect(await publishStatus(server, before)).toBe(200);
    writeFileSync(join(dir, 'pogo.env'), 'WS_APP_ID=envapp\nWS_APP_KEY=envapp-key\nWS_APP_SECRET=second-secret\n');
    await hangup(server, 'configuration reloaded');
    expect(await publishStatus(server, before)).toBe(401);
    expect(await publishStatus(server, { ...before, secret: 'second-secret' })).toBe(200);
  });
});

describe('--workers 2', () => {
  it('the primary passes SIGHUP on: every worker reloads on its own', async () => {
    const a = app('first');
    const server = await startDeployServer({ apps: [a] }, { args: ['--workers', '2'] });
    servers.push(server);
    const workers = () => execFileSync('ps', ['-o', 'pid=', '--ppid', String(server.process.pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    await eventually(() => expect(workers()).toHaveLength(2));
    const onFirst = Array.from({ length: 2 }, () => client(server, a));
    await Promise.all(onFirst.map((c) => c.connected));

    const added = app('second');
    writeFileSync(server.configFile, JSON.stringify({ apps: [a, added] }));
    await hangup(server, 'configuration reloaded (added second)', 2);
    // Each new connection goes to the next worker: both know the new app.
    const onAdded = Array.from({ length: 4 }, () => client(server, added));
    await Promise.all(onAdded.map((c) => c.connected));
    for (let i = 0; i < 4; i++) expect(await publishStatus(server, added)).toBe(200);
    expect(onFirst.flatMap((c) => c.codes)).toEqual([]);
  }, 30_000);
});
