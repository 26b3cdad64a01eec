// End to end, the one-command switch from Reverb: a Laravel 12 app set up exactly as
// `php artisan install:broadcasting --reverb` leaves it (REVERB_* keys, the framework's `reverb`
// connection and its echo.js), served by `php artisan pogo:ws-start` (and by `pogo-ws start` run in
// the app) with no file edited. Laravel publishes through its own `reverb` driver (the Pusher PHP
// SDK); the clients are Echo's `reverb` broadcaster with pusher-js, configured as echo.js does.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Echo from 'laravel-echo';
import Pusher from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login as signIn, sessionAuthorization, subscribed, type Session } from './echo-session';
import { broadcastFromLaravel, freePort, root, run, serveLaravel, until, type LaravelApp } from './laravel-app';

type Member = { id: number; name: string };

let parent: string;
let app: LaravelApp;
let stopServing: (() => void) | undefined;
let reverbPort: number;
let env: Record<string, string>;
const clients: Echo<'reverb'>[] = [];

/** .env as Vite would expose it: quotes removed, ${VAR} expanded. */
function readEnv(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [, name, value] = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim()) ?? [];
    if (name === undefined || value === undefined) continue;
    const raw = value.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
    values[name] = raw.replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => values[name] ?? '');
  }
  return values;
}

/** The files a switch could have touched: settings, front end, routes (composer.json/lock change by design). */
function snapshot(dir: string): Record<string, string> {
  const files = ['.env', '.env.example', 'config/broadcasting.php', 'bootstrap/app.php', 'routes/channels.php', 'routes/web.php', 'resources/js/echo.js', 'resources/js/bootstrap.js'];
  return Object.fromEntries(files.map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
}

function login(id: number): Promise<Session> {
  return signIn(app.url, id);
}

/** resources/js/echo.js as install:broadcasting wrote it, plus (in Node) the browser's session cookie on /broadcasting/auth. */
function connectEcho(session?: Session): Echo<'reverb'> {
  const echo = new Echo<'reverb'>({
    broadcaster: 'reverb',
    key: env.VITE_REVERB_APP_KEY,
    wsHost: env.VITE_REVERB_HOST,
    wsPort: Number(env.VITE_REVERB_PORT ?? 80),
    wssPort: Number(env.VITE_REVERB_PORT ?? 443),
    forceTLS: (env.VITE_REVERB_SCHEME ?? 'https') === 'https',
    enabledTransports: ['ws', 'wss'],
    Pusher,
    disableStats: true,
    channelAuthorization: sessionAuthorization(app.url, session),
  } as never);
  clients.push(echo);
  return echo;
}

/** A server process in the app directory, up once it prints where it listens. */
async function startIn(command: string, args: string[]): Promise<{ process: ChildProcess; output: () => string; stop(): Promise<void> }> {
  let output = '';
  // Servers in the test suite listen on 127.0.0.1 only: REVERB_SERVER_HOST, as a deployment would set it.
  const child = spawn(command, args, { cwd: app.dir, env: { ...process.env, REVERB_SERVER_HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await until(`${args.join(' ')} listening`, () => (output.includes('listening on') ? true : child.exitCode !== null ? Promise.reject(new Error(output)) : undefined), 20_000);
  return {
    process: child,
    output: () => output,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

beforeAll(async () => {
  reverbPort = await freePort();
  const port = await freePort();
  parent = mkdtempSync(join(tmpdir(), 'pogo-e2e-reverb-'));
  const dir = join(parent, 'app');
  run('php', [join(root, 'tests/php/bin/reverb-app.php'), dir, String(reverbPort)], root);

  // The application's own code: an event to broadcast, test routes and channels. No setting is touched.
  const fixtures = join(root, 'tests/e2e/laravel-app');
  mkdirSync(join(dir, 'app/Events'), { recursive: true });
  copyFileSync(join(fixtures, 'E2eMessage.php'), join(dir, 'app/Events/E2eMessage.php'));
  appendFileSync(join(dir, 'routes/web.php'), readFileSync(join(fixtures, 'web.php'), 'utf8').replace(/^<\?php/, ''));
  appendFileSync(join(dir, 'routes/channels.php'), readFileSync(join(fixtures, 'channels.php'), 'utf8'));
  run('php', ['artisan', 'migrate', '--force', '--no-interaction'], dir);

  // Then the switch: `composer require pogo/websocket` (from this repository), and no file edited after it.
  const before = snapshot(dir);
  run('composer', ['require', 'pogo/websocket:*@dev', '--no-interaction', '--no-progress', '--quiet'], dir);
  expect(snapshot(dir)).toEqual(before);
  env = readEnv(join(dir, '.env'));

  stopServing = await serveLaravel(dir, port);
  app = { dir, url: `http://127.0.0.1:${port}`, close: async () => undefined };
}, 300_000);

afterAll(() => {
  for (const echo of clients) echo.disconnect();
  stopServing?.();
  if (parent) rmSync(parent, { recursive: true, force: true });
});

describe('a Reverb app served by `php artisan pogo:ws-start`, nothing else changed', () => {
  let server: Awaited<ReturnType<typeof startIn>>;

  beforeAll(async () => {
    expect(env.BROADCAST_CONNECTION).toBe('reverb');
    expect(readFileSync(join(app.dir, 'resources/js/echo.js'), 'utf8')).toContain("broadcaster: 'reverb'");
    server = await startIn('php', ['artisan', 'pogo:ws-start']);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('says which connection and port it serves, where Reverb would listen', () => {
    expect(server.output()).toContain(`Serving the reverb broadcasting connection (app ${env.REVERB_APP_ID}) on 127.0.0.1:${reverbPort}.`);
    expect(server.output()).toContain(`listening on http://127.0.0.1:${reverbPort}`);
    expect(server.output()).not.toContain(env.REVERB_APP_SECRET);
  });

  it('delivers a public event published by Laravel’s reverb driver', async () => {
    const echo = connectEcho();
    const received: unknown[] = [];
    const channel = echo.channel('e2e.public').listen('.e2e.message', (data: unknown) => received.push(data));
    await subscribed(channel);

    await broadcastFromLaravel(app, 'public', 'e2e.public', 'from reverb ✓');

    expect(await until('the event', () => received[0])).toEqual({ text: 'from reverb ✓' });
  });

  it('authorizes a private channel through /broadcasting/auth and refuses another user’s', async () => {
    const session = await login(1);
    const echo = connectEcho(session);
    const received: unknown[] = [];
    const own = echo.private(`e2e.private.${session.userId}`).listen('.e2e.message', (data: unknown) => received.push(data));
    await subscribed(own);
    const errors: unknown[] = [];
    echo.private('e2e.private.999').error((error: unknown) => errors.push(error));

    await broadcastFromLaravel(app, 'private', `e2e.private.${session.userId}`, 'just for you');

    expect(await until('the private event', () => received[0])).toEqual({ text: 'just for you' });
    expect(await until('the refusal', () => errors[0])).toMatchObject({ type: 'AuthError' });
  });

  it('joins a presence channel with the members Laravel returns and delivers to it', async () => {
    const [ann, bob] = [await login(1), await login(2)];
    const first = connectEcho(ann);
    const second = connectEcho(bob);
    const seen: Member[][] = [];
    const joined: Member[] = [];
    const received: unknown[] = [];
    first.join('e2e.room').here((members: Member[]) => seen.push(members)).joining((member: Member) => joined.push(member))
      .listen('.e2e.message', (data: unknown) => received.push(data));
    await until('first member', () => seen[0]);
    second.join('e2e.room');

    expect(await until('the joining member', () => joined[0])).toEqual({ id: bob.userId, name: `User ${bob.userId}` });
    expect(seen[0]).toEqual([{ id: ann.userId, name: `User ${ann.userId}` }]);

    await broadcastFromLaravel(app, 'presence', 'e2e.room', 'to the room');
    expect(await until('the presence event', () => received[0])).toEqual({ text: 'to the room' });
  });

  it('passes pogo:ws-doctor, which says it serves the reverb connection', () => {
    const doctor = run('php', ['artisan', 'pogo:ws-doctor', '--timeout=3'], app.dir);
    expect(doctor).toMatch(/Broadcasting connection.*OK serving the reverb connection/);
    expect(doctor).toMatch(/Test event round trip.*OK published and received/);
  });
});

describe('`pogo-ws start` run in the Reverb app', () => {
  it('binds REVERB_PORT from the app’s .env and serves Laravel’s reverb driver', async () => {
    const server = await startIn('node', [join(root, 'server/dist/pogo-ws.cjs'), 'start']);
    try {
      expect(server.output()).toContain(`listening on http://127.0.0.1:${reverbPort} (1 app: ${env.REVERB_APP_ID})`);
      expect(server.output()).toContain('REVERB_PORT taken over');
      const echo = connectEcho();
      const received: unknown[] = [];
      await subscribed(echo.channel('e2e.cli').listen('.e2e.message', (data: unknown) => received.push(data)));

      await broadcastFromLaravel(app, 'public', 'e2e.cli', 'via pogo-ws');

      expect(await until('the event', () => received[0])).toEqual({ text: 'via pogo-ws' });
    } finally {
      await server.stop();
    }
  });
});
