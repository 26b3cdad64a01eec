// A real Laravel 12 application for the end-to-end suites: copied from the cached skeleton that
// tests/php/bin/laravel-app.php builds (pogo/websocket installed from this repository), set up with
// `php artisan pogo:ws-install`, and served by `php artisan serve`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(root, 'tests/e2e/laravel-app');

export interface LaravelApp {
  dir: string;
  url: string;
  /** Stops artisan serve (and the php -S workers it started) and deletes the application. */
  close(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 240_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sets keys in .env text (test code: the package's own installer is what is under test). */
function setEnv(env: string, values: Record<string, string>): string {
  for (const [key, value] of Object.entries(values)) {
    const line = `${key}=${value}`;
    const pattern = new RegExp(`^${key}=.*$`, 'm');
    env = pattern.test(env) ? env.replace(pattern, line) : `${env.trimEnd()}\n${line}\n`;
  }
  return env;
}

/**
 * A fresh application: credentials seeded, `pogo:ws-install` run (with npm unless withoutNpm),
 * the test routes, event and channels added, migrations run, then `php artisan serve`.
 */
export async function startLaravelApp(options: {
  credentials: { id: string; key: string; secret: string };
  serverPort: number;
  port: number;
  env?: Record<string, string>;
  withNpm?: boolean;
  beforeServe?: (dir: string) => void;
}): Promise<LaravelApp> {
  const url = `http://127.0.0.1:${options.port}`;
  const parent = mkdtempSync(join(tmpdir(), 'pogo-e2e-'));
  const dir = join(parent, 'app');
  run('php', [join(root, 'tests/php/bin/laravel-app.php'), dir], root);

  const envPath = join(dir, '.env');
  const { id, key, secret } = options.credentials;
  writeFileSync(envPath, setEnv(readFileSync(envPath, 'utf8'), { WS_APP_ID: id, WS_APP_KEY: key, WS_APP_SECRET: secret }));
  run('php', [
    'artisan', 'pogo:ws-install', '--no-interaction', '--host=127.0.0.1', `--port=${options.serverPort}`,
    ...(options.withNpm ? [] : ['--without-npm']),
  ], dir);
  writeFileSync(envPath, setEnv(readFileSync(envPath, 'utf8'), { APP_URL: url, APP_DEBUG: 'true', SESSION_DRIVER: 'file', ...options.env }));

  mkdirSync(join(dir, 'app/Events'), { recursive: true });
  copyFileSync(join(fixtures, 'E2eMessage.php'), join(dir, 'app/Events/E2eMessage.php'));
  appendFileSync(join(dir, 'routes/web.php'), readFileSync(join(fixtures, 'web.php'), 'utf8').replace(/^<\?php/, ''));
  appendFileSync(join(dir, 'routes/channels.php'), readFileSync(join(fixtures, 'channels.php'), 'utf8'));
  run('php', ['artisan', 'migrate', '--force', '--no-interaction'], dir);
  options.beforeServe?.(dir);

  const stopServing = await serveLaravel(dir, options.port);
  return {
    dir,
    url,
    async close() {
      stopServing();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** `php artisan serve` on 127.0.0.1:port until it answers /up; resolves with what stops it. */
export async function serveLaravel(dir: string, port: number): Promise<() => void> {
  const url = `http://127.0.0.1:${port}`;
  const serve: ChildProcess = spawn('php', ['artisan', 'serve', '--host=127.0.0.1', `--port=${port}`, '--no-reload'], {
    cwd: dir,
    detached: true,
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
    stdio: 'ignore',
  });
  await until('php artisan serve', async () => {
    try {
      return (await fetch(`${url}/up`)).status === 200 ? true : undefined;
    } catch {
      return undefined;
    }
  }, 30_000);
  return () => {
    if (!serve.pid) return;
    try {
      process.kill(-serve.pid, 'SIGTERM');
    } catch { /* already gone */ }
  };
}

/** POST /e2e/broadcast: broadcasts App\Events\E2eMessage from Laravel (toOthers() when socketId is given). */
export async function broadcastFromLaravel(app: LaravelApp, kind: string, channel: string, text: string, socketId?: string): Promise<void> {
  const response = await fetch(`${app.url}/e2e/broadcast`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', ...(socketId ? { 'x-socket-id': socketId } : {}) },
    body: JSON.stringify({ kind, channel, text, others: socketId !== undefined }),
  });
  if (response.status !== 200) throw new Error(`POST /e2e/broadcast answered ${response.status}: ${await response.text()}`);
}
