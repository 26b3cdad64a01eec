// The developer's path in a real browser: a fresh Laravel 12 app, `php artisan pogo:ws-install` (with its npm
// step), `npm run build`, `php artisan serve`, and Debian's headless Chromium opening the app's own welcome
// page. The resources/js/echo.js the installer wrote connects through @pogo/echo, and an event broadcast
// from Laravel shows up in the page.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, type HeadlessChromium } from '../helpers/chromium';
import { startServer, type RunningServer } from '../helpers/server';
import { broadcastFromLaravel, freePort, root, run, startLaravelApp, type LaravelApp } from './laravel-app';

/** What the installed resources/js/echo.js and this test leave on the page's window. */
type PageWindow = Window & {
  Echo: {
    channel(name: string): { listen(event: string, callback: (data: unknown) => void): unknown };
    connector: { pusher: { key: string; connection: { state: string }; channel(name: string): { subscribed: boolean } | undefined } };
  };
  received: unknown[];
};

const credentials = { id: 'browser-app', key: 'browser-key', secret: 'browser-secret' };

let server: RunningServer;
let app: LaravelApp;
let context: BrowserContext;
let browser: HeadlessChromium | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer({ apps: [credentials] });
  app = await startLaravelApp({
    credentials,
    serverPort: server.port,
    port: await freePort(),
    withNpm: true,
    // The front end reads VITE_POGO_* at build time, as in production.
    beforeServe: (dir) => run('npm', ['run', 'build'], dir),
  });
  browser = await launchChromium();
  context = browser.context;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await server?.stop();
});

it('the installed echo.js connects from the app’s page and receives a Laravel broadcast', async () => {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(app.url);

  await page.waitForFunction(() => (window as unknown as Partial<PageWindow>).Echo?.connector?.pusher?.connection?.state === 'connected', null, { timeout: 10_000 });
  await page.evaluate(() => {
    const w = window as unknown as PageWindow;
    w.received = [];
    w.Echo.channel('e2e.browser').listen('.e2e.message', (data: unknown) => w.received.push(data));
  });
  await page.waitForFunction(() => (window as unknown as PageWindow).Echo.connector.pusher.channel('e2e.browser')?.subscribed === true, null, { timeout: 10_000 });

  await broadcastFromLaravel(app, 'public', 'e2e.browser', 'hello from Laravel');

  await page.waitForFunction(() => (window as unknown as PageWindow).received.length > 0, null, { timeout: 10_000 });
  expect(await page.evaluate(() => (window as unknown as PageWindow).received)).toEqual([{ text: 'hello from Laravel' }]);
  expect(await page.evaluate(() => (window as unknown as PageWindow).Echo.connector.pusher.key)).toBe(credentials.key);
  expect(pageErrors).toEqual([]);
  const artifacts = join(root, 'tests/.artifacts');
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'laravel-welcome-with-echo.png') });
});
