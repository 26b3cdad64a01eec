// Redis and workers configuration: every bad value is refused at start with the key named;
// ACL credentials, the key prefix and WS_REDIS_URL work against a real redis-server.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Pusher from 'pusher-js';
import { collect, pusherClient, sdk, sleep, subscribed } from '../helpers/clients.js';
import { defaultApp, startServer, type RunningServer, type ServerConfig } from '../helpers/server.js';
import { eventually, freePort, redisServerBinary, startRedis, type TestRedis } from './helpers.js';

async function refused(config: ServerConfig | undefined, options: { env?: Record<string, string>; args?: string[] } = {}): Promise<string> {
  const error = await startServer(config, options).then(
    async (server) => {
      await server.stop();
      throw new Error('the server started');
    },
    (e: Error) => e,
  );
  return error.message;
}

describe('refused configurations', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['no url and no cluster', { prefix: 'x:' }, /redis\.url must be set/],
    ['a url that is not redis://', { url: 'http://127.0.0.1:6379' }, /redis\.url must start with redis:\/\/ or rediss:\/\//],
    ['an empty cluster list', { cluster: [] }, /redis\.cluster must list at least one/],
    ['a cluster node without a port', { cluster: ['127.0.0.1'] }, /redis\.cluster\[0\] must be "host:port"/],
    ['a negative timeout', { url: 'redis://127.0.0.1:1', commandTimeoutMs: -5 }, /redis\.commandTimeoutMs must be an integer/],
    ['a zero node timeout', { url: 'redis://127.0.0.1:1', nodeTimeoutSeconds: 0 }, /redis\.nodeTimeoutSeconds must be an integer/],
    ['tls that is not a boolean', { url: 'redis://127.0.0.1:1', tls: 'maybe' }, /redis\.tls must be true or false/],
  ];
  for (const [what, redis, message] of cases) {
    it(`refuses ${what}`, async () => {
      const output = await refused({ apps: [defaultApp], redis });
      expect(output).toMatch(message);
      expect(output).toMatch(/exited with 2/);
    });
  }

  it('refuses a bad --workers value', async () => {
    for (const value of ['0', 'two', '1.5']) expect(await refused({ apps: [defaultApp] }, { args: ['--workers', value] })).toMatch(/--workers must be a positive integer or "auto"/);
  });

  it('stops with a clear message, without the password, when Redis cannot be reached', async () => {
    const output = await refused({ apps: [defaultApp], redis: { url: 'redis://:hunter2@127.0.0.1:1' } });
    expect(output).toMatch(/cannot reach Redis/);
    expect(output).not.toContain('hunter2');
  });
});

describe('against a real redis-server', () => {
  let redis: TestRedis;
  const running: RunningServer[] = [];
  const clients: Pusher[] = [];
  const start = async (config: ServerConfig | undefined, options?: { env?: Record<string, string> }) => {
    const server = await startServer(config, options);
    running.push(server);
    return server;
  };
  beforeAll(async () => {
    redis = await startRedis(['--user', 'default', 'off', '--user', 'pogo', 'on', '>s3cret', '~*', '&*', '+@all']);
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await Promise.all(running.map((s) => s.stop()));
    await redis?.stop();
  });

  /** Subscribes on `to`, publishes on `from`, says whether it arrived. */
  async function crosses(from: RunningServer, to: RunningServer, channel: string): Promise<boolean> {
    const c = pusherClient(to, defaultApp);
    clients.push(c);
    await subscribed(c, channel);
    const seen = collect(c, channel, 'ping');
    await sdk(from, defaultApp).trigger(channel, 'ping', {});
    await sleep(300);
    return seen.length === 1;
  }

  it('authenticates with an ACL user, keeps deployments apart by prefix, and reads WS_REDIS_URL', async () => {
    const acl = { url: redis.url, username: 'pogo', password: 's3cret' };
    const a = await start({ apps: [defaultApp], redis: { ...acl, prefix: 'one:' } });
    const b = await start({ apps: [defaultApp], redis: { ...acl, prefix: 'one:' } });
    const other = await start({ apps: [defaultApp], redis: { ...acl, prefix: 'two:' } });
    const fromEnv = await start(undefined, {
      env: { WS_APP_ID: defaultApp.id, WS_APP_KEY: defaultApp.key, WS_APP_SECRET: defaultApp.secret, WS_REDIS_URL: `redis://pogo:s3cret@127.0.0.1:${redis.port}` },
    });
    expect(await crosses(a, b, 'acl-1')).toBe(true);
    expect(await crosses(a, other, 'acl-2')).toBe(false);
    // WS_REDIS_URL with the default prefix: the same deployment as any default-prefix node.
    const defaultPrefix = await start({ apps: [defaultApp], redis: acl });
    expect(await crosses(defaultPrefix, fromEnv, 'acl-3')).toBe(true);
    // The password may come from WS_REDIS_PASSWORD instead of the file.
    const passwordFromEnv = await start({ apps: [defaultApp], redis: { url: redis.url, username: 'pogo', prefix: 'one:' } }, { env: { WS_REDIS_PASSWORD: 's3cret' } });
    expect(await crosses(a, passwordFromEnv, 'acl-4')).toBe(true);
    await eventually(() => expect(a.output()).not.toMatch(/s3cret/));
  });

  it('refuses a wrong password at start', async () => {
    const output = await refused({ apps: [defaultApp], redis: { url: redis.url, username: 'pogo', password: 'wrong-one' } });
    expect(output).toMatch(/cannot reach Redis.*WRONGPASS|WRONGPASS/s);
    expect(output).not.toContain('wrong-one');
  });
});

describe('TLS', () => {
  it('connects to a TLS-only Redis with rediss:// and a CA file, and refuses an untrusted certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pogo-tls-'));
    const [cert, key] = [join(dir, 'redis.crt'), join(dir, 'redis.key')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    const port = await freePort();
    const redis = spawn(redisServerBinary, ['--port', '0', '--tls-port', String(port), '--bind', '127.0.0.1', '--tls-cert-file', cert, '--tls-key-file', key, '--tls-ca-cert-file', cert, '--tls-auth-clients', 'no', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
    const servers: RunningServer[] = [];
    try {
      await eventually(() => new Promise<void>((resolve, reject) => connect(port, '127.0.0.1', function (this: import('node:net').Socket) { this.destroy(); resolve(); }).on('error', reject)));
      const tls = { url: `rediss://127.0.0.1:${port}`, tls: { ca: cert }, prefix: 'tls:' };
      servers.push(await startServer({ apps: [defaultApp], redis: tls }), await startServer({ apps: [defaultApp], redis: tls }));
      const c = pusherClient(servers[1]!, defaultApp);
      await subscribed(c, 'over-tls');
      const seen = collect(c, 'over-tls', 'ping');
      await sdk(servers[0]!, defaultApp).trigger('over-tls', 'ping', { secure: true });
      await eventually(() => expect(seen).toEqual([{ secure: true }]));
      c.disconnect();
      // Without the CA the self-signed certificate is not trusted.
      expect(await refused({ apps: [defaultApp], redis: { url: `rediss://127.0.0.1:${port}` } })).toMatch(/cannot reach Redis/);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      redis.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
