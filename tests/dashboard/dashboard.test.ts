// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's innerText() (what the user sees: hidden text
// left out, table cells tab-separated, which the errors-table assertion relies on), not the DOM property.
// The live dashboard in Debian's headless Chromium (playwright-core): refused without the
// token, signs in through the login form, watches the connection count rise when a pusher-js
// client connects, sees an HTTP API publish (official `pusher` SDK) in the console within a
// second, filters by channel, sends a test event through the form, shows refusals and auth
// failures, and fits a phone's width. Screenshots go to tests/.artifacts/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PusherServer from 'pusher';
import type Pusher from 'pusher-js';
import WebSocket from 'ws';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, type HeadlessChromium } from '../helpers/chromium';
import { connected, nextEvent, pusherClient, sdk, sleep, subscribed } from '../helpers/clients';
import { defaultApp, startServer, type RunningServer } from '../helpers/server';

const artifacts = fileURLToPath(new URL('../.artifacts/', import.meta.url));
const token = 'dashboard-test-token-0123456789';
const otherApp = { id: 'other-app', key: 'other-key', secret: 'other-secret' };

let server: RunningServer;
let context: BrowserContext;
let browser: HeadlessChromium | undefined;
let page: Page;
const clients: Pusher[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer({ apps: [defaultApp, otherApp], dashboard: { token } });
  browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
  context = browser.context;
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/401/.test(message.text())) pageErrors.push(message.text());
  });
  mkdirSync(artifacts, { recursive: true });
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await browser?.close();
  await server?.stop();
});

const dashboardUrl = () => `${server.url}/dashboard/`;
const card = (name: string) => page.locator(`#card-${name} .value`);

function client(app = defaultApp): Pusher {
  const c = pusherClient(server, app);
  clients.push(c);
  return c;
}

test('is refused without the token: a clear 401 for pages, the API and the stream', async () => {
  const page401 = await fetch(dashboardUrl());
  expect(page401.status).toBe(401);
  expect(page401.headers.get('www-authenticate')).toMatch(/^Bearer realm="pogo-ws dashboard"/);
  expect(await page401.text()).toContain('Sign-in required');
  for (const path of ['api/overview', 'api/stream', 'api/channels?app=test-app', 'dashboard.js']) {
    const res = await fetch(`${dashboardUrl()}${path}`);
    expect(res.status, path).toBe(401);
    if (path.startsWith('api/')) expect((await res.json()) as { error: string }).toEqual({ error: expect.stringContaining('credentials required') });
  }
  const wrong = await fetch(`${dashboardUrl()}api/overview`, { headers: { Authorization: `Bearer ${token}x` } });
  expect(wrong.status).toBe(401);
  const right = await fetch(`${dashboardUrl()}api/overview`, { headers: { Authorization: `Bearer ${token}` } });
  expect(right.status).toBe(200);
  const overview = (await right.json()) as { apps: Record<string, unknown>[] };
  // The page never gets an app secret.
  expect(JSON.stringify(overview)).not.toContain(defaultApp.secret);
  expect(overview.apps.map((a) => a.id)).toEqual(['test-app', 'other-app']);
  // pogo:ws-doctor finds it through /up.
  expect(((await (await fetch(`${server.url}/up`)).json()) as { dashboard: unknown }).dashboard).toEqual({ path: '/dashboard/' });

  const response = await page.goto(dashboardUrl());
  expect(response?.status()).toBe(401);
  await page.fill('input[name="token"]', 'not-the-token');
  await page.click('button[type="submit"]');
  await expect.poll(() => page.locator('.problem').innerText()).toContain('not right');
});

test('signs in, and the connection count rises when a pusher-js client connects', async () => {
  await page.fill('input[name="token"]', token);
  await page.click('button[type="submit"]');
  await page.waitForSelector('#live[data-state="live"]', { timeout: 5_000 });
  await expect.poll(() => card('connections').innerText(), { timeout: 3_000 }).toBe('0');

  const first = client();
  await connected(first);
  await expect.poll(() => card('connections').innerText(), { timeout: 3_000, interval: 100 }).toBe('1');
  const second = client(otherApp);
  await connected(second);
  await expect.poll(() => card('connections').innerText(), { timeout: 3_000, interval: 100 }).toBe('2');
  // Per app: the picker narrows the overview to one app.
  await page.selectOption('#app-select', 'other-app');
  await expect.poll(() => card('connections').innerText(), { timeout: 3_000 }).toBe('1');
  await page.selectOption('#app-select', '');
});

test('an HTTP API publish appears in the console within a second; the channel filter narrows it', async () => {
  await page.click('[data-tab="console"]');
  const listener = client();
  await connected(listener);
  await subscribed(listener, 'orders');
  await subscribed(listener, 'news');
  await page.waitForSelector('.row[data-type="subscribed"][data-channel="news"]', { timeout: 2_000 });

  const api = sdk(server, defaultApp);
  const started = Date.now();
  const appeared = page.waitForSelector('.row[data-type="api_message"][data-channel="orders"][data-event="order-shipped"]', { timeout: 1_000 });
  await api.trigger('orders', 'order-shipped', { id: 42 });
  const row = await appeared;
  expect(Date.now() - started).toBeLessThan(1_000);
  expect(await row.innerText()).toContain('{"id":42}');

  await api.trigger('news', 'headline', { title: 'hello' });
  await page.waitForSelector('.row[data-type="api_message"][data-channel="news"]', { timeout: 1_000 });
  await page.fill('#filter-channel', 'orders');
  await expect.poll(() => page.locator('.row[data-channel="news"]').count()).toBe(0);
  expect(await page.locator('.row[data-type="api_message"][data-channel="orders"]').count()).toBe(1);
  await page.fill('#filter-event', 'nothing-like-this');
  await expect.poll(() => page.locator('.row').count()).toBe(0);
  await page.fill('#filter-event', '');
  await page.fill('#filter-channel', '');
  await expect.poll(() => page.locator('.row[data-channel="news"][data-type="api_message"]').count()).toBe(1);

  // Pause holds events back; resume shows them; clear empties the log.
  await page.click('#pause');
  await api.trigger('orders', 'while-paused', {});
  await sleep(400);
  expect(await page.locator('.row[data-event="while-paused"]').count()).toBe(0);
  await page.click('#pause');
  await page.waitForSelector('.row[data-event="while-paused"]', { timeout: 1_000 });
  await page.click('#clear');
  expect(await page.locator('.row').count()).toBe(0);
});

test('the test event form publishes through the HTTP API, signed by the server', async () => {
  const listener = clients[2]!;
  await page.click('#send-panel summary');
  await page.selectOption('#send-app', 'test-app');
  await page.fill('#send-channel', 'orders');
  await page.fill('#send-event', 'from-dashboard');
  await page.fill('#send-data', '{"ok":true}');
  const received = nextEvent<{ ok: boolean }>(listener, 'orders', 'from-dashboard', 3_000);
  await page.click('#send-form button[type="submit"]');
  expect(await received).toEqual({ ok: true });
  await expect.poll(() => page.locator('#send-result').innerText()).toContain('sent');
  await page.waitForSelector('.row[data-type="api_message"][data-event="from-dashboard"]', { timeout: 1_000 });
  // A refusal by the HTTP API comes back to the form.
  await page.fill('#send-channel', 'bad channel name!');
  await page.click('#send-form button[type="submit"]');
  await expect.poll(() => page.locator('#send-result').innerText()).toContain('refused');
  await page.waitForSelector('.row[data-type="http_error"]', { timeout: 1_000 });
});

test('auth failures and refused connections show with their code; errors are counted by code', async () => {
  const forger = new PusherServer({ appId: defaultApp.id, key: defaultApp.key, secret: 'wrong-secret', host: server.host, port: String(server.port) });
  const bad = pusherClient(server, defaultApp, { signWith: forger });
  clients.push(bad);
  await connected(bad);
  await expect(subscribed(bad, 'private-vault')).rejects.toThrow(/subscription error/);
  await page.waitForSelector('.row[data-type="auth_failed"][data-channel="private-vault"]', { timeout: 1_000 });

  const refused = new WebSocket(`ws://127.0.0.1:${server.port}/app/no-such-key?protocol=7&client=js&version=8.4.0`);
  await new Promise((resolve) => refused.once('close', resolve));
  const row = await page.waitForSelector('.row[data-type="refused"]', { timeout: 1_000 });
  expect(await row.innerText()).toMatch(/4001 APP_NOT_FOUND/);

  await page.click('[data-tab="overview"]');
  await expect.poll(() => page.locator('#errors-table tbody').innerText(), { timeout: 3_000 }).toMatch(/4009[\s\S]*SUBSCRIPTION_UNAUTHORIZED|SUBSCRIPTION_UNAUTHORIZED/);
  await expect.poll(() => page.locator('#errors-table tbody').innerText(), { timeout: 3_000 }).toContain('4001\tAPP_NOT_FOUND');
  expect(await page.locator('#errors-table tbody').innerText()).toContain('INVALID_CHANNEL_NAME');
});

test('channels: searchable, with subscriber counts and presence members', async () => {
  const member = pusherClient(server, defaultApp, { user: { id: 'ada', info: { name: 'Ada' } } });
  clients.push(member);
  await connected(member);
  await subscribed(member, 'presence-room');
  await subscribed(member, 'orders');
  await page.click('[data-tab="channels"]');
  await page.selectOption('#app-select', 'test-app');
  await expect.poll(() => page.locator('#channels-table tr[data-channel="orders"] td.num').first().innerText(), { timeout: 3_000 }).toBe('2');
  await page.fill('#channel-search', 'presence');
  await expect.poll(() => page.locator('#channels-table tbody tr[data-channel]').count(), { timeout: 3_000 }).toBe(1);
  await page.click('#channels-table tr[data-channel="presence-room"] button');
  await expect.poll(() => page.locator('.members').innerText(), { timeout: 3_000 }).toContain('ada');
  expect(await page.locator('.members').innerText()).toContain('"name":"Ada"');
});

test('the overview: charts of the last 15 minutes, nodes, a phone-sized layout (screenshots)', async () => {
  await page.selectOption('#app-select', '');
  await page.click('[data-tab="overview"]');
  // Some traffic so the charts have something to draw: a wave of publishes, client events, churn.
  const api = sdk(server, defaultApp);
  const chatty = clients[2]!;
  await subscribed(chatty, 'private-chat');
  const churn: Pusher[] = [];
  for (let i = 0; i < 16; i++) {
    const wave = Math.round(12 + 10 * Math.sin(i / 2.5));
    await Promise.all(Array.from({ length: wave }, (_, k) => api.trigger(['orders', 'news'], 'tick', { i, k })));
    for (let k = 0; k < i % 4; k++) chatty.channel('private-chat')!.trigger('client-typing', { i, k });
    if (i < 8) churn.push(client());
    else churn.pop()?.disconnect();
    await sleep(350);
    // Taken while the traffic runs, so the cards show live rates too.
    if (i === 13) await page.screenshot({ path: join(artifacts, 'dashboard-overview.png'), fullPage: true });
  }
  await sleep(1_200);
  expect(Number(await card('presenceMembers').innerText())).toBe(1);
  const points = await page.locator('#chart-connections polyline').getAttribute('points');
  expect(points?.split(' ').length).toBeGreaterThan(5);
  expect(await page.locator('#nodes-table tbody tr').count()).toBe(1);
  expect(await page.locator('#nodes-table tfoot').innerText()).toMatch(/Sum of 1 node/);

  await page.setViewportSize({ width: 390, height: 844 });
  await sleep(300);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: join(artifacts, 'dashboard-phone.png'), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.click('[data-tab="console"]');
  await page.screenshot({ path: join(artifacts, 'dashboard-console.png'), fullPage: false });
  expect(pageErrors).toEqual([]);
});

test('off unless configured: no dashboard route without a dashboard section', async () => {
  const plain = await startServer({ apps: [defaultApp] });
  try {
    expect((await fetch(`${plain.url}/dashboard/`)).status).toBe(404);
    expect(((await (await fetch(`${plain.url}/up`)).json()) as Record<string, unknown>).dashboard).toBeUndefined();
  } finally {
    await plain.stop();
  }
});
