// The preset in a real browser: a page bundled (esbuild) from the shipped build with the app's Vite variables,
// served next to a Laravel-like /broadcasting/auth, opened in Debian's headless Chromium through playwright-core.
// It connects, joins a presence channel, sees a member join and leave, and receives an event published through
// the HTTP API; the test asserts on the page and saves a screenshot.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createEcho } from '../../src-ts/src/index';
import { launchChromium, type HeadlessChromium } from '../helpers/chromium';
import { bundlePage } from '../helpers/page-bundle';
import { defaultApp, startServer, type RunningServer } from '../helpers/server';
import { deferred, publisher, startAuthEndpoint, users, within, type AuthEndpoint } from '../preset/helpers';

const artifacts = fileURLToPath(new URL('../.artifacts/', import.meta.url));
const pageDir = fileURLToPath(new URL('./page/', import.meta.url));

let server: RunningServer;
let site: AuthEndpoint;
let context: BrowserContext;
let browser: HeadlessChromium | undefined;
let bundleInputs: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer({ apps: [defaultApp] });
  const bundle = await bundlePage(join(pageDir, 'app.ts'), defaultApp.key, server.port);
  bundleInputs = bundle.inputs;
  site = await startAuthEndpoint(server, defaultApp, {
    '/': { type: 'text/html; charset=utf-8', body: readFileSync(join(pageDir, 'index.html')), cookie: 'user=1; Path=/' },
    '/app.js': { type: 'text/javascript; charset=utf-8', body: bundle.js },
  });
  browser = await launchChromium({ viewport: { width: 900, height: 640 } });
  context = browser.context;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop();
});

// biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText() (the text the page shows), not the DOM property.
const text = (page: Page, selector: string) => page.locator(selector).innerText();

test('the bundle is the shipped ESM build with the browser pusher-js, and nothing Node-only', () => {
  expect(bundleInputs).toContain('src-ts/dist/index.js');
  expect(bundleInputs.some((input) => input.endsWith('pusher-js/dist/web/pusher.js'))).toBe(true);
  expect(bundleInputs.some((input) => input.endsWith('laravel-echo/dist/echo.js'))).toBe(true);
  expect(bundleInputs.filter((input) => input.startsWith('node:') || input.includes('pusher-js/dist/node'))).toEqual([]);
});

test('a page connects, joins a presence channel, follows members and receives a published event', async () => {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(`${site.origin}/`);

  await page.waitForFunction(() => document.getElementById('state')?.textContent === 'connected', undefined, { timeout: 10_000 });
  expect(await text(page, '#socket')).toMatch(/^\d+\.\d+$/);
  await page.waitForFunction(() => document.querySelectorAll('#members li').length === 1, undefined, { timeout: 10_000 });
  expect(await text(page, '#members')).toBe(users['1']!.name);
  // The page's authorization request carried the session cookie, like Laravel's /broadcasting/auth.
  expect(site.requests).toContainEqual(expect.objectContaining({ channel: 'presence-lobby.1', userId: '1' }));

  // A second member, from Node, joins: the page sees it arrive.
  const grace = createEcho<{ 'lobby.{id}': { type: 'presence'; member: { id: number; name: string } } }>({
    env: { VITE_POGO_APP_KEY: defaultApp.key, VITE_POGO_HOST: '127.0.0.1', VITE_POGO_PORT: String(server.port), VITE_POGO_SCHEME: 'http' },
    echo: { authEndpoint: site.url, auth: { headers: { 'X-User-Id': '2' } } },
  });
  try {
    const graceHere = deferred<{ id: number; name: string }[]>();
    grace.join('lobby.1').here((members) => graceHere.resolve(members));
    expect((await within(graceHere.promise, 'Grace in the lobby')).map((m) => m.name).sort()).toEqual(['Ada', 'Grace']);
    await page.waitForFunction(() => document.getElementById('count')?.textContent === '2', undefined, { timeout: 10_000 });
    expect(await text(page, '#members')).toBe('Ada\nGrace');

    // An event published through the HTTP API with the official SDK.
    await publisher(server, defaultApp).trigger('presence-lobby.1', 'announcement', { text: 'Deploy finished ✓' });
    await page.waitForFunction(() => document.querySelectorAll('#events li').length === 1, undefined, { timeout: 10_000 });
    expect(await text(page, '#events')).toBe('Deploy finished ✓');
    // The screenshot shows both members and the event.
    mkdirSync(artifacts, { recursive: true });
    const screenshot = await page.screenshot({ path: join(artifacts, 'browser-preset.png'), fullPage: true });
    expect(screenshot.byteLength).toBeGreaterThan(1_000);

    grace.leave('lobby.1');
    await page.waitForFunction(() => document.getElementById('count')?.textContent === '1', undefined, { timeout: 10_000 });
    expect(await text(page, '#log')).toBe('Grace joined\nGrace left');
  } finally {
    grace.disconnect();
  }

  expect(await text(page, '#problems')).toBe('');
  expect(await text(page, '#state')).toBe('connected');
  expect(pageErrors).toEqual([]);
  await page.close();
}, 60_000);

test('a refused connection is explained on the page instead of failing silently', async () => {
  const bundle = await bundlePage(join(pageDir, 'app.ts'), 'wrong-key', server.port);
  const wrongSite = await startAuthEndpoint(server, defaultApp, {
    '/': { type: 'text/html; charset=utf-8', body: readFileSync(join(pageDir, 'index.html')) },
    '/app.js': { type: 'text/javascript; charset=utf-8', body: bundle.js },
  });
  const page = await context.newPage();
  try {
    await page.goto(`${wrongSite.origin}/`);
    await page.waitForFunction(() => document.querySelectorAll('#problems li').length > 0, undefined, { timeout: 10_000 });
    const schema = JSON.parse(readFileSync(new URL('../../config/pogo-websocket.schema.json', import.meta.url), 'utf8'));
    expect(await text(page, '#problems')).toBe(`${schema.closeCodes.APP_NOT_FOUND.code} ${schema.closeCodes.APP_NOT_FOUND.message}`);
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'disconnected', undefined, { timeout: 10_000 });
    await page.screenshot({ path: join(artifacts, 'browser-preset-refused.png') });
  } finally {
    await page.close();
    await wrongSite.close();
  }
}, 30_000);
