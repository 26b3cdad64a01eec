// The pogo-ws command: help, configuration from file and environment, and clear refusals.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pusherClient, connected, sdk, subscribed, nextEvent } from '../helpers/clients.js';
import { serverBundle, startServer } from '../helpers/server.js';

function run(args: string[], env: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'pogo-cli-'));
  return spawnSync(process.execPath, [serverBundle, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 10_000 });
}

function configFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pogo-cfg-')), 'pogo.json');
  writeFileSync(file, content);
  return file;
}

describe('pogo-ws', () => {
  it('documents every option in --help', () => {
    const { stdout, status } = run(['--help']);
    expect(status).toBe(0);
    for (const option of ['start', '--host', '--port', '--config', '--env-file', 'WS_APP_ID', 'WS_APP_SECRET_<APP_ID>', 'REVERB_APP_']) {
      expect(stdout).toContain(option);
    }
  });

  it.each([
    ['{"apps": [{"id": "a"}]}', 'apps[0].secret'],
    ['{"apps": []}', 'apps must be a non-empty list'],
    ['{"apps": [{"id": "a", "secret": "s", "limits": {"maxBananas": 1}}]}', 'apps[0].limits.maxBananas'],
    ['{"apps": [{"id": "a", "secret": "s", "limits": {"maxPayloadBytes": -1}}]}', 'apps[0].limits.maxPayloadBytes'],
    ['{"apps": [{"id": "a", "secret": "s"}, {"id": "a", "secret": "t"}]}', 'two apps with the id'],
    ['{"apps": [{"id": "a", "secret": "s", "webhooks": [{"url": "ftp://x"}]}]}', 'apps[0].webhooks[0].url'],
    ['not json', 'is not valid JSON'],
  ])('refuses %s naming %s', (content, expected) => {
    const { stderr, status } = run(['start', '--config', configFile(content), '--port', '0']);
    expect(status).toBe(2);
    expect(stderr).toContain(expected);
  });

  it('refuses an app id without a secret in the environment', () => {
    const { stderr, status } = run(['start', '--port', '0'], { WS_APP_ID: 'envapp' });
    expect(status).toBe(2);
    expect(stderr).toContain('WS_APP_SECRET');
  });

  it('takes its app from WS_APP_* (key defaults to the id) and serves it', async () => {
    const server = await startServer({}, { env: { WS_APP_ID: 'from-env', WS_APP_SECRET_FROM_ENV: 'per-app-secret' } });
    const app = { id: 'from-env', key: 'from-env', secret: 'per-app-secret' };
    const client = pusherClient(server, app);
    await subscribed(client, 'private-env');
    const got = nextEvent(client, 'private-env', 'hello');
    await sdk(server, app).trigger('private-env', 'hello', 'env');
    expect(await got).toBe('env');
    client.disconnect();
    expect(await server.stop()).toBe(0);
  });

  it('falls back to REVERB_APP_* so a Reverb app switches without editing .env', async () => {
    const server = await startServer({}, { env: { REVERB_APP_ID: 'rv', REVERB_APP_KEY: 'rv-key', REVERB_APP_SECRET: 'rv-secret' } });
    const client = pusherClient(server, { id: 'rv', key: 'rv-key', secret: 'rv-secret' });
    await connected(client);
    client.disconnect();
    await server.stop();
  });

  it('shuts down on SIGTERM, telling clients to reconnect (4200), and exits 0', async () => {
    const server = await startServer();
    const client = pusherClient(server, { id: 'test-app', key: 'test-key', secret: 'test-secret' });
    await connected(client);
    const codes: number[] = [];
    client.connection.bind('error', (e: { data?: { code?: number } }) => e.data?.code && codes.push(e.data.code));
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(codes).toContain(4200);
    client.disconnect();
  });
});
