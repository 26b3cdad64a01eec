// Restart on deploy, end to end: a real Laravel 12 app runs the server through `php artisan pogo:ws-start` under a
// tiny supervisor of this test's own (start it again whenever it exits), with connection recovery's history kept in
// a redis-server of our own (WS_REDIS_HISTORY). While the pusher SDK publishes without pause and a resuming client
// (the @pogo/echo preset) listens, the app's config gains an app and `php artisan pogo:ws-restart` runs: the server
// exits 0, the supervisor starts it with the new app, and the client has every accepted event, in order, once.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEcho, type Discontinuity, onDiscontinuity } from '../../src-ts/src/index';
import { type TestRedis, startRedis } from '../cluster/helpers';
import { sdk, sleep } from '../helpers/clients';
import type { RunningServer, TestApp } from '../helpers/server';
import { freePort, root, run, until } from './laravel-app';

const app: TestApp = { id: 'restart-app', key: 'restart-key', secret: 'restart-secret' };
const added: TestApp = { id: 'added-app', key: 'added-key', secret: 'added-secret' };

let redis: TestRedis;
let parent: string;
let dir: string;
let port: number;
let supervisor: Supervisor;

/** Runs `php artisan pogo:ws-start` and starts it again each time it exits, as Supervisor or systemd would. */
class Supervisor {
  readonly exits: Array<number | null> = [];
  starts = 0;
  output = '';
  private child?: ChildProcess;
  private stopping = false;

  constructor(private readonly cwd: string) {
    this.spawn();
  }

  private spawn(): void {
    this.starts++;
    const child = spawn('php', ['artisan', 'pogo:ws-start'], { cwd: this.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.once('exit', (code) => {
      this.exits.push(code);
      if (!this.stopping) setTimeout(() => this.spawn(), 100);
    });
  }

  /** Resolves once the `n`th start is listening. */
  listening(n: number): Promise<true> {
    return until(`start #${n} listening`, () => (this.output.split('pogo-ws listening on').length > n ? true : undefined), 30_000);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

beforeAll(async () => {
  redis = await startRedis();
  port = await freePort();
  parent = mkdtempSync(join(tmpdir(), 'pogo-e2e-restart-'));
  dir = join(parent, 'app');
  run('php', [join(root, 'tests/php/bin/laravel-app.php'), dir], root);
  const envPath = join(dir, '.env');
  writeFileSync(envPath, `${readFileSync(envPath, 'utf8').trimEnd()}\nWS_APP_ID=${app.id}\nWS_APP_KEY=${app.key}\nWS_APP_SECRET=${app.secret}\n`);
  run('php', ['artisan', 'pogo:ws-install', '--no-interaction', '--without-npm', '--host=127.0.0.1', `--port=${port}`], dir);
  writeFileSync(envPath, `${readFileSync(envPath, 'utf8').trimEnd()}\nWS_SERVER_HOST=127.0.0.1\nWS_REDIS_URL=${redis.url}\nWS_REDIS_PREFIX=pogo-restart-e2e:\nWS_REDIS_HISTORY=true\n`);

  supervisor = new Supervisor(dir);
  await supervisor.listening(1);
}, 300_000);

afterAll(async () => {
  await supervisor?.stop();
  await redis?.stop();
  if (parent) rmSync(parent, { recursive: true, force: true });
});

/** What the client saw across the restart, for the second test. */
const result = { accepted: [] as number[], seen: [] as number[], discontinuities: [] as Discontinuity[], acceptedWhileAway: 0, failed: 0 };

it('pogo:ws-restart prints one line, the server exits 0 and its supervisor starts it with the new app', async () => {
  const server = { host: '127.0.0.1', port, url: `http://127.0.0.1:${port}` } as RunningServer;
  const echo = createEcho({ env: { VITE_POGO_APP_KEY: app.key, VITE_POGO_HOST: '127.0.0.1', VITE_POGO_PORT: String(port), VITE_POGO_SCHEME: 'http' } });
  const pusher = (echo.connector as unknown as { pusher: { connection: { state: string; bind: (event: string, cb: (s: { current: string }) => void) => void } } }).pusher;
  let state = 'initialized';
  pusher.connection.bind('state_change', (change) => (state = change.current));
  const { discontinuities, seen, accepted } = result;
  onDiscontinuity(echo, 'deploys', (discontinuity) => discontinuities.push(discontinuity));
  echo.channel('deploys').listen('.tick', (data: number) => seen.push(data));
  await until('the client connected and subscribed', async () => {
    if (state !== 'connected') return undefined;
    await sdk(server, app).trigger('deploys', 'tick', -1);
    return seen.includes(-1) ? true : undefined;
  });
  seen.length = 0;

  // The SDK publishing without pause: what the server accepted (200) must all arrive.
  const publisher = sdk(server, app);
  let publishing = true;
  const publishing$ = (async () => {
    for (let n = 0; publishing; n++) {
      try {
        const response = await publisher.trigger('deploys', 'tick', n);
        if (response.status === 200) {
          accepted.push(n);
          if (state !== 'connected') result.acceptedWhileAway++;
        }
        await sleep(10);
      } catch {
        result.failed++; // the server is between processes: nothing was accepted
        await sleep(20);
      }
    }
  })();

  await until('publishes accepted', () => (accepted.length >= 30 ? true : undefined));
  // Before the deploy the server knows no `added-app`.
  await expect(sdk(server, added).trigger('deploys', 'tick', 0)).rejects.toThrow();

  // The deploy: a new app in the published config, then the one line of the deploy script.
  const configPath = join(dir, 'config/pogo-websocket.php');
  const config = readFileSync(configPath, 'utf8');
  expect(config).toContain("'apps' => [],");
  writeFileSync(configPath, config.replace("'apps' => [],", `'apps' => [['id' => '${added.id}', 'key' => '${added.key}', 'secret' => '${added.secret}']],`));
  const restart = spawnSync('php', ['artisan', 'pogo:ws-restart', '--reason=e2e deploy'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  expect(restart.status, restart.stdout + restart.stderr).toBe(0);
  expect(restart.stdout.trim().split('\n')).toHaveLength(1);
  expect(restart.stdout).toContain(`Restart requested from http://127.0.0.1:${port} (app ${app.id})`);

  await supervisor.listening(2);
  expect(supervisor.exits).toEqual([0]);
  await until('the client reconnected', () => (state === 'connected' ? true : undefined), 30_000);
  const afterReconnect = accepted.length;
  await until('publishes after the restart', () => (accepted.length >= afterReconnect + 30 ? true : undefined), 30_000);
  publishing = false;
  await publishing$;

  // The restarted server has the new app.
  expect((await sdk(server, added).trigger('deploys', 'tick', 0)).status).toBe(200);

  // Live events flow again; the second test checks the gap was filled (recovery, from Redis).
  const last = accepted[accepted.length - 1] as number;
  await until('the last accepted event', () => (seen.includes(last) ? true : undefined), 15_000);
  await sleep(200);
  expect(supervisor.output).toContain('e2e deploy');
  echo.disconnect();
}, 180_000);

it('a resuming client lost no event the server accepted across the restart', () => {
  const { accepted, seen, discontinuities, acceptedWhileAway, failed } = result;
  expect(failed).toBeGreaterThan(0); // the publisher did run through the restart
  expect(acceptedWhileAway).toBeGreaterThan(0); // and the client missed some live, so recovery was needed
  const missing = accepted.filter((n) => !seen.includes(n));
  // The restarted server replays what the client missed from Redis (HISTORY_UNAVAILABLE would mean it cannot).
  expect(discontinuities.map((d) => `${d.reason}: ${d.message}`)).toEqual([]);
  expect(missing, `${missing.length} of ${accepted.length} accepted events missing (first ${missing.slice(0, 5)}; seen ${seen.length}, away ${acceptedWhileAway})`).toEqual([]);
  expect(seen).toEqual([...new Set(seen)].sort((a, b) => a - b));
});
