// The README's Caddyfile block, run by Debian's caddy (a private instance: admin API off, its data, config and log
// in a temp dir, on 127.0.0.1 over plain HTTP) in front of the real server. Through it: pusher-js subscribes, the
// official `pusher` SDK publishes, and the per-IP handshake limit counts each client by its own address.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { freePort } from '../e2e/laravel-app';
import { type RunningServer, startServer } from '../helpers/server';
import { app, eachClientHasItsOwnHandshakeLimit, limited, subscribeAndPublish, waitUntilListening } from './proxy-checks';
import { readmeBlock, replaceLine } from './readme-block';

let server: RunningServer;
let caddy: ChildProcess;
let dir: string;
let output = '';
/** The server as clients reach it: through Caddy. */
let proxied: RunningServer;

beforeAll(async () => {
  if (spawnSync('caddy', ['version']).error) throw new Error('caddy is not installed (apt-get install caddy)');

  // Caddy is trusted, as the README says: the server sees it connect from 127.0.0.1.
  server = await startServer({ apps: [app, limited] }, { env: { WS_TRUSTED_PROXIES: '127.0.0.1' } });
  const port = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'pogo-caddy-'));

  let site = readmeBlock('caddy');
  // Plain HTTP on a loopback port instead of the public name (whose certificate Caddy would fetch).
  site = replaceLine(site, /^ws\.example\.com \{$/, `http://127.0.0.1:${port} {`);
  site = replaceLine(site, /^\s*reverse_proxy 127\.0\.0\.1:6001$/, `reverse_proxy 127.0.0.1:${server.port}`);
  const caddyfile = join(dir, 'Caddyfile');
  writeFileSync(caddyfile, `{\n    admin off\n    storage file_system ${dir}/data\n    log {\n        output file ${dir}/caddy.log\n    }\n}\n\n${site}`);

  const env = { PATH: process.env.PATH ?? '', HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') };
  const check = spawnSync('caddy', ['validate', '--config', caddyfile, '--adapter', 'caddyfile'], { env, encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`caddy validate refused the README's block:\n${check.stdout}${check.stderr}`);

  caddy = spawn('caddy', ['run', '--config', caddyfile, '--adapter', 'caddyfile'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  caddy.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  caddy.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitUntilListening(port, () => output + readFileSync(join(dir, 'caddy.log'), { encoding: 'utf8', flag: 'a+' }));
  proxied = { ...server, port, url: `http://127.0.0.1:${port}` };
}, 60_000);

afterAll(async () => {
  if (caddy?.pid && caddy.exitCode === null) {
    const exited = new Promise((resolve) => caddy.once('exit', resolve));
    caddy.kill('SIGTERM');
    await exited;
  }
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the README Caddyfile block in front of the server', () => {
  it('passes a pusher-js subscription and an HTTP publish from the pusher SDK', async () => {
    await subscribeAndPublish(proxied);
  });

  it('counts each client by its own address, which a forged X-Forwarded-For does not change', async () => {
    await eachClientHasItsOwnHandshakeLimit(proxied.port);
  });
});
