// What the server refuses to start with, and what it leaves on the machine: no configuration that
// forwards cookies to the app from any site, no worker socket other users can reach.
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RawClient, sdk, sleep } from '../helpers/clients.js';
import { defaultApp, startServer } from '../helpers/server.js';

describe('server-side authorization and origins', () => {
  it('refuses to start when an app with an auth endpoint allows every origin (*)', async () => {
    const app = { ...defaultApp, authEndpoint: 'http://127.0.0.1:9/pogo/auth', allowedOrigins: ['*'] };
    const started = startServer({ apps: [app] });
    // A server that did start is stopped again (the assertion below then fails).
    void started.then((s) => s.stop(), () => undefined);
    await expect(started).rejects.toThrow(/allowedOrigins must not be "\*" when authEndpoint is set/);
  });

  it('refuses the same from the environment (WS_ALLOWED_ORIGINS=* with WS_AUTH_ENDPOINT)', async () => {
    const started = startServer(
      {},
      { env: { WS_APP_ID: 'env-app', WS_APP_KEY: 'env-key', WS_APP_SECRET: 'env-secret', WS_AUTH_ENDPOINT: 'http://127.0.0.1:9/pogo/auth', WS_ALLOWED_ORIGINS: '*' } },
    );
    void started.then((s) => s.stop(), () => undefined);
    await expect(started).rejects.toThrow(/allowedOrigins must not be "\*"/);
  });

  it('still starts with an auth endpoint and listed origins, or with * and no auth endpoint', async () => {
    const listed = await startServer({ apps: [{ ...defaultApp, authEndpoint: 'http://127.0.0.1:9/pogo/auth', allowedOrigins: ['https://app.example'] }] });
    await listed.stop();
    const open = await startServer({ apps: [{ ...defaultApp, allowedOrigins: ['*'] }] });
    await open.stop();
  });
});

describe('the worker mesh', () => {
  it('keeps its sockets in a private directory (0700), never as world-reachable files in the temp directory', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'pogo-mesh-test-'));
    const server = await startServer({ apps: [defaultApp] }, { args: ['--workers', '2'], env: { TMPDIR: temp } });
    try {
      // Both workers are on the mesh once a publish reaches a subscriber on either.
      const client = await RawClient.connect(server, defaultApp.key);
      client.send({ event: 'pusher:subscribe', data: { channel: 'mesh' } });
      await client.nextEvent('pusher_internal:subscription_succeeded');
      for (let i = 0; i < 4; i++) await sdk(server, defaultApp).trigger('mesh', 'e', { i });
      await client.nextEvent('e');
      client.close();
      await sleep(200);
      const entries = readdirSync(temp);
      // Nothing but directories directly in the temp directory: no socket file anyone could connect to.
      for (const entry of entries) expect(statSync(join(temp, entry)).isDirectory(), entry).toBe(true);
      const meshDirectories = entries.filter((e) => e.startsWith(`pogo-ws-${server.process.pid}-`));
      expect(meshDirectories.length).toBe(1);
      const directory = join(temp, meshDirectories[0]!);
      expect(statSync(directory).mode & 0o777).toBe(0o700);
      const sockets = readdirSync(directory);
      expect(sockets.length).toBe(2);
      for (const socket of sockets) expect(statSync(join(directory, socket)).mode & 0o077).toBe(0);
    } finally {
      await server.stop();
    }
    // The primary removes its directory when it stops.
    await sleep(200);
    expect(readdirSync(temp).filter((e) => e.startsWith('pogo-ws-'))).toEqual([]);
  }, 30_000);
});
