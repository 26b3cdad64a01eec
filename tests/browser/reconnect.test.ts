// The preset's prompt reconnection in a real browser (pusher-js's web build: its transport cache in localStorage,
// its own network events): the page's server stops (4200) and listens again on the same port a second later.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { freePort } from '../cluster/helpers';
import { startDeployServer, type DeployServer } from '../deploy/helpers';
import { launchChromium, type HeadlessChromium } from '../helpers/chromium';
import { bundlePage } from '../helpers/page-bundle';
import { defaultApp } from '../helpers/server';
import { sleep } from '../preset/helpers';

const pageDir = fileURLToPath(new URL('./page/', import.meta.url));
const servers: DeployServer[] = [];
let site: Server | undefined;
let browser: HeadlessChromium | undefined;

afterAll(async () => {
  await browser?.close();
  site?.closeAllConnections();
  await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
  await Promise.all(servers.map((server) => server.stop()));
});

async function serve(port: number): Promise<number> {
  servers.push(await startDeployServer({ apps: [defaultApp] }, { port }));
  return Date.now();
}

/** Resolves with the time at which the page's client `index` (0: preset, 1: plain pusher-js) is connected. */
async function connectedAt(page: Page, index: number, timeoutMs: number): Promise<number> {
  await page.waitForFunction((i) => (window as unknown as { pogoStates(): string[] }).pogoStates()[i] === 'connected', index, { timeout: timeoutMs, polling: 20 });
  return Date.now();
}

test('in Chromium, the preset is back within seconds of the restarted server listening; plain pusher-js takes its 15 s', { timeout: 120_000 }, async () => {
  const port = await freePort();
  await serve(port);
  const bundle = await bundlePage(join(pageDir, 'reconnect.ts'), defaultApp.key, port);
  site = createServer((request, response) => {
    if (request.url === '/app.js') return void response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle.js);
    response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>restart</title><link rel="icon" href="data:,"><script type="module" src="/app.js"></script>');
  });
  await new Promise<void>((resolve) => site!.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
  const page = await browser.context.newPage();
  await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
  await connectedAt(page, 0, 15_000);
  await connectedAt(page, 1, 15_000);

  expect(await servers.shift()!.stop()).toBe(0);
  await sleep(1_000);
  const listeningAt = await serve(port);
  const presetMs = (await connectedAt(page, 0, 15_000)) - listeningAt;
  const plainMs = (await connectedAt(page, 1, 60_000)) - listeningAt;
  console.log(`Chromium, reconnected after the server listened again: preset ${presetMs} ms, plain pusher-js ${plainMs} ms`);
  expect(presetMs).toBeLessThan(5_000);
  expect(plainMs).toBeGreaterThan(presetMs);
});
