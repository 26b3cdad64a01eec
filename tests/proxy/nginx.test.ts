// The README's nginx block, run by Debian's nginx (a private instance: its own prefix, config, pid and logs in a
// temp dir, on 127.0.0.1) in front of the real server. Through it: pusher-js subscribes, the official `pusher`
// SDK publishes, and the per-IP handshake limit counts each client by its own address (trustedProxies names nginx),
// which a client cannot change by sending its own X-Forwarded-For.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../e2e/laravel-app';
import { type RunningServer, startServer } from '../helpers/server';
import { app, eachClientHasItsOwnHandshakeLimit, limited, subscribeAndPublish, waitUntilListening } from './proxy-checks';
import { readmeBlock, replaceLine } from './readme-block';

let server: RunningServer;
let nginx: ChildProcess;
let dir: string;
/** The server as clients reach it: through nginx. */
let proxied: RunningServer;

beforeAll(async () => {
  const nginxVersion = spawnSync('nginx', ['-v'], { encoding: 'utf8' });
  if (nginxVersion.error) throw new Error('nginx is not installed (apt-get install nginx)');

  // nginx is trusted, as the README says: the server sees it connect from 127.0.0.1.
  server = await startServer({ apps: [app, limited] }, { env: { WS_TRUSTED_PROXIES: '127.0.0.1' } });
  const port = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'pogo-nginx-'));
  chmodSync(dir, 0o755); // nginx's workers drop to `nobody` when the tests run as root
  for (const temp of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(join(dir, temp), { mode: 0o777 });
    chmodSync(join(dir, temp), 0o777);
  }

  let site = readmeBlock('nginx');
  site = replaceLine(site, /^\s*listen 443 ssl;$/, `listen 127.0.0.1:${port};`);
  site = replaceLine(site, /^\s*ssl_certificate\s/, '# (no TLS in the test)');
  site = replaceLine(site, /^\s*ssl_certificate_key\s/, '# (no TLS in the test)');
  site = replaceLine(site, /^\s*proxy_pass http:\/\/127\.0\.0\.1:6001;$/, `proxy_pass http://127.0.0.1:${server.port};`);
  writeFileSync(join(dir, 'pogo-ws.conf'), site);
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 256; }',
      'http {',
      `    access_log ${dir}/access.log;`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((temp) => `    ${temp}_temp_path ${dir}/${temp};`),
      `    include ${dir}/pogo-ws.conf;`,
      '}',
      '',
    ].join('\n'),
  );
  const check = spawnSync('nginx', ['-t', '-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t refused the README's block:\n${check.stderr}`);

  nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'ignore' });
  await waitUntilListening(port, () => readFileSync(join(dir, 'error.log'), 'utf8'));
  proxied = { ...server, port, url: `http://127.0.0.1:${port}` };
}, 60_000);

afterAll(async () => {
  if (nginx?.pid) {
    const exited = new Promise((resolve) => nginx.once('exit', resolve));
    nginx.kill('SIGQUIT');
    await exited;
  }
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the README nginx block in front of the server', () => {
  it('passes a pusher-js subscription and an HTTP publish from the pusher SDK', async () => {
    await subscribeAndPublish(proxied);
    // Both went through nginx: its access log has the publish and (once the socket has closed) the upgrade.
    const upgrade = /"GET \/app\/proxied-key\?[^"]*" 101 /;
    const deadline = Date.now() + 5_000;
    const accessLog = () => readFileSync(join(dir, 'access.log'), 'utf8');
    while (!upgrade.test(accessLog()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const log = accessLog();
    expect(log).toMatch(upgrade);
    expect(log).toMatch(/"POST \/apps\/proxied\/events\?[^"]*" 200 /);
  });

  it('counts each client by its own address, which a forged X-Forwarded-For does not change', async () => {
    await eachClientHasItsOwnHandshakeLimit(proxied.port);
  });
});
