// onlineUsers() in a real browser: a page bundled from the shipped preset (browser pusher-js, laravel-echo),
// served next to its own /broadcasting/user-auth, in Debian's headless Chromium. The page signs in with a
// watchlist and lists who is online while users sign in and leave from Node.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, type HeadlessChromium } from '../helpers/chromium';
import { bundlePage } from '../helpers/page-bundle';
import { startServer, type RunningServer, type TestApp } from '../helpers/server';
import { disconnectAll, signedInClient, userAuthEndpoint, type UserAuthEndpoint } from './helpers';

const artifacts = fileURLToPath(new URL('../.artifacts/', import.meta.url));
const app: TestApp = { id: 'watch-browser', key: 'watch-browser-key', secret: 'watch-browser-secret' };
const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Online</title><link rel="icon" href="data:,"></head>
<body><h1>Online friends</h1><ul id="online"></ul><h2>Changes</h2><ul id="log"></ul><script type="module" src="/app.js"></script></body></html>`;

let server: RunningServer;
let site: UserAuthEndpoint;
let browser: HeadlessChromium | undefined;
let bundleInputs: string[] = [];

beforeAll(async () => {
  server = await startServer({ apps: [app] });
  const bundle = await bundlePage(fileURLToPath(new URL('./page/app.ts', import.meta.url)), app.key, server.port);
  bundleInputs = bundle.inputs;
  site = await userAuthEndpoint(server, app, {
    '/': { type: 'text/html; charset=utf-8', body: html },
    '/app.js': { type: 'text/javascript; charset=utf-8', body: bundle.js },
  });
  browser = await launchChromium({ viewport: { width: 600, height: 400 } });
}, 60_000);

afterAll(async () => {
  disconnectAll();
  await browser?.close();
  await site?.close();
  await server?.stop();
});

// biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText() (the text the page shows), not the DOM property.
const text = (page: Page, selector: string) => page.locator(selector).innerText();

test('a page lists the watched users online, as they sign in and leave', async () => {
  expect(bundleInputs).toContain('src-ts/dist/index.js');
  expect(bundleInputs.some((input) => input.endsWith('pusher-js/dist/web/pusher.js'))).toBe(true);
  const pageErrors: string[] = [];
  const bob = signedInClient(server, app, site, 'bob');
  await bob.signedIn;
  site.watchlists.set('alice', ['bob', 'carol']);

  const page = await browser!.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${site.origin}/`);
  await page.waitForFunction(() => document.getElementById('online')?.textContent === 'bob', undefined, { timeout: 10_000 });

  const carol = signedInClient(server, app, site, 'carol');
  await carol.signedIn;
  await page.waitForFunction(() => document.querySelectorAll('#online li').length === 2, undefined, { timeout: 10_000 });
  expect(await text(page, '#online')).toBe('bob\ncarol');
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'watchlist-online.png') });

  bob.pusher.disconnect();
  await page.waitForFunction(() => document.getElementById('online')?.textContent === 'carol', undefined, { timeout: 10_000 });
  expect(await text(page, '#log')).toBe('online bob\nonline carol\noffline bob');
  expect(pageErrors).toEqual([]);
  await page.close();
}, 60_000);
