// End to end: the real server, a real Laravel 12 application with pogo/websocket installed from this
// repository (php artisan serve), and laravel-echo + pusher-js clients in Node.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Echo from 'laravel-echo';
import Pusher from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(root, 'tests/e2e/laravel-app');
const credentials = { id: 'e2e-app', key: 'e2e-key', secret: 'e2e-secret' };
const masterKey = Buffer.alloc(32, 7).toString('base64');

let server: RunningServer;
let laravel: ChildProcess;
let laravelOutput = '';
let appDir: string;
let appUrl: string;
const clients: Echo<'pusher'>[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 240_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function setEnv(env: string, values: Record<string, string>): string {
  for (const [key, value] of Object.entries(values)) {
    const line = `${key}=${value}`;
    const pattern = new RegExp(`^${key}=.*$`, 'm');
    env = pattern.test(env) ? env.replace(pattern, line) : `${env.trimEnd()}\n${line}\n`;
  }
  return env;
}

interface Session { cookie: string; csrf: string; userId: number }

async function login(id: number): Promise<Session> {
  const response = await fetch(`${appUrl}/e2e/login/${id}`, { headers: { accept: 'application/json' } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { id: number; csrf: string };
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: body.csrf, userId: body.id };
}

/** An Echo client whose channel authorization goes to Laravel's /broadcasting/auth with the session. */
function connectEcho(session?: Session): Echo<'pusher'> {
  const client = new Pusher(credentials.key, {
    cluster: '',
    wsHost: server.host,
    wsPort: server.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    disableStats: true,
    channelAuthorization: {
      endpoint: `${appUrl}/broadcasting/auth`,
      transport: 'ajax',
      customHandler: ({ socketId, channelName }, callback) => {
        if (!session) return callback(new Error('no session'), null);
        fetch(`${appUrl}/broadcasting/auth`, {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'content-type': 'application/x-www-form-urlencoded',
            cookie: session.cookie,
            'x-csrf-token': session.csrf,
          },
          body: new URLSearchParams({ socket_id: socketId, channel_name: channelName }),
        })
          .then(async (response) => {
            if (response.status !== 200) return callback(new Error(`auth answered ${response.status}`), null);
            callback(null, (await response.json()) as { auth: string });
          })
          .catch((error: Error) => callback(error, null));
      },
    },
  });
  const echo = new Echo<'pusher'>({ broadcaster: 'pusher', key: credentials.key, client });
  clients.push(echo);
  return echo;
}

async function connected(echo: Echo<'pusher'>): Promise<string> {
  return until('connection', () => echo.socketId() || undefined);
}

async function broadcast(kind: string, channel: string, text: string, socketId?: string): Promise<void> {
  const response = await fetch(`${appUrl}/e2e/broadcast`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', ...(socketId ? { 'x-socket-id': socketId } : {}) },
    body: JSON.stringify({ kind, channel, text, others: socketId !== undefined }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

function subscribed(channel: { subscribed(cb: () => void): unknown }): Promise<void> {
  return new Promise((resolve) => channel.subscribed(() => resolve()));
}

function webhooks(): Array<{ class: string; name: string; channel: string; payload: Record<string, unknown> }> {
  const file = join(appDir, 'storage/e2e-webhooks.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

beforeAll(async () => {
  const laravelPort = await freePort();
  appUrl = `http://127.0.0.1:${laravelPort}`;
  server = await startServer({
    apps: [{
      ...credentials,
      webhooks: [{ url: `${appUrl}/pogo/webhook`, events: ['channel_occupied', 'channel_vacated', 'member_added', 'member_removed'] }],
    }],
  });

  const parent = mkdtempSync(join(tmpdir(), 'pogo-e2e-'));
  appDir = join(parent, 'app');
  run('php', [join(root, 'tests/php/bin/laravel-app.php'), appDir], root);

  // The app as a developer would have it after `composer require pogo/websocket` + pogo:ws-install.
  let env = readFileSync(join(appDir, '.env'), 'utf8');
  env = setEnv(env, { WS_APP_ID: credentials.id, WS_APP_KEY: credentials.key, WS_APP_SECRET: credentials.secret });
  writeFileSync(join(appDir, '.env'), env);
  run('php', ['artisan', 'pogo:ws-install', '--no-interaction', '--without-npm', '--host=127.0.0.1', `--port=${server.port}`], appDir);
  env = readFileSync(join(appDir, '.env'), 'utf8');
  env = setEnv(env, {
    APP_URL: appUrl,
    APP_DEBUG: 'true',
    SESSION_DRIVER: 'file',
    WS_ENCRYPTION_MASTER_KEY: masterKey,
    WS_WEBHOOKS: 'true',
  });
  writeFileSync(join(appDir, '.env'), env);
  mkdirSync(join(appDir, 'app/Events'), { recursive: true });
  copyFileSync(join(fixtures, 'E2eMessage.php'), join(appDir, 'app/Events/E2eMessage.php'));
  appendFileSync(join(appDir, 'routes/web.php'), readFileSync(join(fixtures, 'web.php'), 'utf8').replace(/^<\?php/, ''));
  appendFileSync(join(appDir, 'routes/channels.php'), readFileSync(join(fixtures, 'channels.php'), 'utf8'));
  run('php', ['artisan', 'migrate', '--force', '--no-interaction'], appDir);

  laravel = spawn('php', ['artisan', 'serve', '--host=127.0.0.1', `--port=${laravelPort}`, '--no-reload'], {
    cwd: appDir,
    detached: true,
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  laravel.stdout!.on('data', (chunk) => (laravelOutput += chunk));
  laravel.stderr!.on('data', (chunk) => (laravelOutput += chunk));
  await until('php artisan serve', async () => {
    try {
      return (await fetch(`${appUrl}/up`)).status === 200 ? true : undefined;
    } catch {
      return undefined;
    }
  }, 30_000);
}, 300_000);

afterAll(async () => {
  for (const echo of clients) echo.disconnect();
  if (laravel?.pid) {
    try {
      process.kill(-laravel.pid, 'SIGTERM'); // artisan serve and the php -S workers it started
    } catch { /* already gone */ }
  }
  await server?.stop();
  if (appDir) rmSync(join(appDir, '..'), { recursive: true, force: true });
});

describe('Laravel app → pogo driver → server → laravel-echo', () => {
  it('delivers an event broadcast from Laravel to a public channel', async () => {
    const echo = connectEcho();
    const received: unknown[] = [];
    const channel = echo.channel('e2e.public').listen('.e2e.message', (data: unknown) => received.push(data));
    await subscribed(channel);

    await broadcast('public', 'e2e.public', 'hello ü ✓');

    expect(await until('the event', () => received[0])).toEqual({ text: 'hello ü ✓' });
  });

  it('authorizes a private channel through /broadcasting/auth and refuses another user’s', async () => {
    const session = await login(1);
    const echo = connectEcho(session);
    const received: unknown[] = [];
    const own = echo.private(`e2e.private.${session.userId}`).listen('.e2e.message', (data: unknown) => received.push(data));
    await subscribed(own);
    const errors: unknown[] = [];
    echo.private('e2e.private.999').error((error: unknown) => errors.push(error));

    await broadcast('private', `e2e.private.${session.userId}`, 'just for you');

    expect(await until('the private event', () => received[0])).toEqual({ text: 'just for you' });
    expect(await until('the refusal', () => errors[0])).toMatchObject({ type: 'AuthError' });
  });

  it('joins a presence channel with the members Laravel returns', async () => {
    const [ann, bob] = [await login(1), await login(2)];
    const first = connectEcho(ann);
    const second = connectEcho(bob);
    const seen: Array<{ id: number; name: string }[]> = [];
    const joined: Array<{ id: number; name: string }> = [];
    first.join('e2e.room').here((members: { id: number; name: string }[]) => seen.push(members)).joining((member: { id: number; name: string }) => joined.push(member));
    await until('first member', () => seen[0]);
    second.join('e2e.room');

    expect(await until('the joining member', () => joined[0])).toEqual({ id: bob.userId, name: `User ${bob.userId}` });
    expect(seen[0]).toEqual([{ id: ann.userId, name: `User ${ann.userId}` }]);
  });

  it('leaves out the sender with toOthers()', async () => {
    const sender = connectEcho();
    const other = connectEcho();
    const fromSender: unknown[] = [];
    const fromOther: unknown[] = [];
    const channels = [
      sender.channel('e2e.others').listen('.e2e.message', (d: unknown) => fromSender.push(d)),
      other.channel('e2e.others').listen('.e2e.message', (d: unknown) => fromOther.push(d)),
    ];
    await Promise.all(channels.map(subscribed));

    await broadcast('public', 'e2e.others', 'not to myself', await connected(sender));

    expect(await until('the other client’s event', () => fromOther[0])).toEqual({ text: 'not to myself' });
    await new Promise((r) => setTimeout(r, 500));
    expect(fromSender).toEqual([]);
  });

  it('encrypts a private-encrypted channel in PHP and the client decrypts it', async () => {
    const session = await login(1);
    const echo = connectEcho(session);
    const received: unknown[] = [];
    const raw: unknown[] = [];
    const channel = echo.encryptedPrivate(`e2e.secret.${session.userId}`).listen('.e2e.message', (d: unknown) => received.push(d));
    await subscribed(channel);
    // What travels on the wire: a second, unauthorized observer cannot subscribe, so read the raw socket frame.
    (echo.connector as unknown as { pusher: Pusher }).pusher.connection.bind('message', (m: { event: string; data: unknown }) => {
      if (m.event === 'e2e.message') raw.push(m.data);
    });

    await broadcast('encrypted', `e2e.secret.${session.userId}`, 'swordfish');

    expect(await until('the decrypted event', () => received[0])).toEqual({ text: 'swordfish' });
    const wire = JSON.stringify(await until('the raw frame', () => raw[0]));
    expect(wire).toContain('ciphertext');
    expect(wire).not.toContain('swordfish');
  });

  it('turns server webhooks into Laravel events a listener receives', async () => {
    const echo = connectEcho();
    await subscribed(echo.channel('e2e.hooked'));

    const occupied = await until('channel_occupied in Laravel', () =>
      webhooks().find((w) => w.name === 'channel_occupied' && w.channel === 'e2e.hooked'));
    expect(occupied.class).toBe('ChannelOccupied');

    const session = await login(3);
    const member = connectEcho(session);
    member.join('e2e.room');
    const added = await until('member_added in Laravel', () =>
      webhooks().find((w) => w.name === 'member_added' && w.payload.user_id === String(session.userId)));
    expect(added.class).toBe('MemberAdded');
  });
});
