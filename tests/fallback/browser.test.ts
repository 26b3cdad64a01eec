// The HTTP fallbacks in Debian's headless Chromium, with WebSocket forbidden: the shipped preset with
// VITE_POGO_FALLBACK=true on a page of another origin (CORS), limited to xhr_streaming, then to
// xhr_polling (a WebSocket constructor that refuses), then with the page's WebSocket constructor
// removed and the preset's default transports. Each joins a presence channel, sees a member join,
// receives an event published with the official SDK, whispers both ways, and reconnects when the
// server restarts (4200 in a close frame; a TCP proxy in front points at the new process).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connected, nextEvent, pusherClient, sdk, subscribed } from '../helpers/clients';
import { launchChromium, type HeadlessChromium } from '../helpers/chromium';
import { bundlePage } from '../helpers/page-bundle';
import { defaultApp, startServer, type RunningServer } from '../helpers/server';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { startAuthEndpoint, type AuthEndpoint } from '../preset/helpers';

const pageDir = fileURLToPath(new URL('./page/', import.meta.url));
const app = { ...defaultApp, enableClientMessages: true };

let server: RunningServer;
let proxy: TcpProxy;
let site: AuthEndpoint;
let browser: HeadlessChromium | undefined;

interface PageState {
  state: string;
  socketId: string;
  transport: string;
  connections: number;
  webSocketAttempts: number;
  members: string[];
  log: string[];
  announcements: string[];
  whispers: string[];
}

beforeAll(async () => {
  server = await startServer({ apps: [app] });
  // The page talks to the server through a proxy the test can cut, as a network would.
  proxy = await startTcpProxy(server.port);
  const bundle = await bundlePage(join(pageDir, 'app.ts'), app.key, proxy.port, { VITE_POGO_FALLBACK: 'true' });
  site = await startAuthEndpoint(server, app, {
    '/': { type: 'text/html; charset=utf-8', body: readFileSync(join(pageDir, 'index.html')), cookie: 'user=1; Path=/' },
    '/app.js': { type: 'text/javascript; charset=utf-8', body: bundle.js },
  });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await proxy?.close();
  await server?.stop();
});

const read = (page: Page): Promise<PageState> => page.evaluate(() => (window as unknown as { pogo: PageState }).pogo);

async function until(page: Page, what: string, predicate: (state: PageState) => boolean, timeoutMs = 15_000): Promise<PageState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await read(page);
    if (predicate(state)) return state;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; page: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each([
  { mode: 'xhr_streaming', expected: 'xhr_streaming' },
  { mode: 'xhr_polling', expected: 'xhr_polling' },
  { mode: 'no-websocket', expected: 'xhr_streaming' },
])('Chromium, WebSocket forbidden: $mode', ({ mode, expected }) => {
  test('subscribe, presence, an SDK publish, whispers both ways, and a reconnect', { timeout: 90_000 }, async () => {
    const page = await browser!.context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // The other client goes through the proxy too, so it follows the restart.
    const other = pusherClient({ ...server, port: proxy.port }, app, { user: { id: '2', info: { id: 2, name: 'Grace' } } });
    try {
      await page.goto(`${site.origin}/?mode=${mode}`);
      const first = await until(page, 'connected', (s) => s.state === 'connected' && s.members.includes('Ada'));
      expect(first.transport).toBe(expected);
      expect(first.webSocketAttempts).toBe(0);
      if (mode === 'no-websocket') expect(await page.evaluate(() => typeof (window as { WebSocket?: unknown }).WebSocket)).toBe('undefined');

      // Presence: a WebSocket client joining is seen by the page.
      await connected(other);
      await subscribed(other, 'presence-lobby.1');
      await until(page, 'Grace joining', (s) => s.members.join(',') === 'Ada,Grace' && s.log.includes('Grace joined'));

      // An event published through the HTTP API with the official SDK.
      await sdk(server, app).trigger('presence-lobby.1', 'announcement', { text: `hello over ${mode}` });
      await until(page, 'the announcement', (s) => s.announcements.includes(`hello over ${mode}`));

      // Client events: the page whispers (in through xhr_send), and receives one.
      await subscribed(other, 'private-chat.1');
      await until(page, 'the private channel', () => true);
      const typing = nextEvent<{ by: string }>(other, 'private-chat.1', 'client-typing', 10_000);
      // The page may still be subscribing: whisper until the other side hears it.
      const whispering = setInterval(() => void page.evaluate(() => (window as unknown as { pogo: { whisper(by: string): void } }).pogo.whisper('Ada')).catch(() => undefined), 300);
      try {
        expect(await typing).toEqual({ by: 'Ada' });
      } finally {
        clearInterval(whispering);
      }
      other.channel('private-chat.1')!.trigger('client-typing', { by: 'Grace' });
      await until(page, 'the whisper', (s) => s.whispers.includes('Grace'));

      // The server restarts: its stop closes every session with 4200 (reconnect at once), and the proxy
      // sends the clients to the new process. The page gets a new session and joins again.
      const previous = server;
      server = await startServer({ apps: [app] });
      proxy.retarget(server.port);
      await previous.stop();
      const again = await until(page, 'the reconnect', (s) => s.connections >= 2 && s.state === 'connected', 30_000);
      expect(again.socketId).not.toBe(first.socketId);
      // Limited to one transport, pusher-js comes back on it; with only WebSocket gone it may come back on
      // either HTTP transport (after a failure it races streaming against polling, and a busy machine decides).
      expect(mode === 'no-websocket' ? ['xhr_streaming', 'xhr_polling'] : [expected]).toContain(again.transport);
      await until(page, 'presence after the reconnect', (s) => s.log.includes('here Ada,Grace'), 20_000);
      const text = `after the reconnect over ${mode}`;
      const publishing = setInterval(() => void sdk(server, app).trigger('presence-lobby.1', 'announcement', { text }).catch(() => undefined), 500);
      try {
        await until(page, 'an event after the reconnect', (s) => s.announcements.includes(text), 15_000);
      } finally {
        clearInterval(publishing);
      }
      const final = await read(page);
      expect(final.webSocketAttempts).toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      other.disconnect();
      await page.close();
    }
  });
});
