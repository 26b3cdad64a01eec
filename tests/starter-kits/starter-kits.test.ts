// Laravel's React and Vue starter kits, end to end: an app whose package.json and resources/js entry are the
// kit's (tests/starter-kits/react-app, vue-app), `php artisan pogo:ws-install`, a Vite build, `php artisan serve`,
// and Debian's headless Chromium. The kit's configureEcho() now runs on echoConfig(), and a component using
// @pogo/echo/react's or @pogo/echo/vue's useEchoPublic receives an event broadcast from Laravel.
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcastFromLaravel, freePort, root, run, serveLaravel, type LaravelApp } from '../e2e/laravel-app';
import { launchChromium, type HeadlessChromium } from '../helpers/chromium';
import { startServer, type RunningServer } from '../helpers/server';

const e2eFixtures = join(root, 'tests/e2e/laravel-app');
const credentials = { id: 'kit-app', key: 'kit-key', secret: 'kit-secret' };

/** Each kit's files: its entry script and a page component, copied into resources/js. */
const kits = [
  { name: 'React', fixtures: 'react-app', entry: 'app.tsx', component: 'feed.tsx' },
  { name: 'Vue', fixtures: 'vue-app', entry: 'app.ts', component: 'feed.ts' },
];

function setEnv(path: string, values: Record<string, string>): void {
  let env = readFileSync(path, 'utf8');
  for (const [key, value] of Object.entries(values)) {
    const pattern = new RegExp(`^${key}=.*$`, 'm');
    env = pattern.test(env) ? env.replace(pattern, `${key}=${value}`) : `${env.trimEnd()}\n${key}=${value}\n`;
  }
  writeFileSync(path, env);
}

describe.each(kits)('$name starter kit', ({ fixtures, entry, component, name }) => {
  const kit = join(root, 'tests/starter-kits', fixtures);
  let server: RunningServer;
  let parent: string;
  let app: LaravelApp;
  let stopServing: (() => void) | undefined;
  let context: BrowserContext;
  let browser: HeadlessChromium | undefined;
  let installOutput = '';

  beforeAll(async () => {
    server = await startServer({ apps: [credentials] });
    parent = mkdtempSync(join(tmpdir(), `pogo-${fixtures}-`));
    const dir = join(parent, 'app');
    run('php', [join(root, 'tests/php/bin/laravel-app.php'), dir], root);

    // The kit's front end in place of the skeleton's.
    copyFileSync(join(kit, 'package.json'), join(dir, 'package.json'));
    copyFileSync(join(kit, entry), join(dir, 'resources/js', entry));
    copyFileSync(join(kit, component), join(dir, 'resources/js', component));
    unlinkSync(join(dir, 'resources/js/app.js'));
    copyFileSync(join(root, 'tests/starter-kits/vite.config.js'), join(dir, 'vite.config.js'));
    writeFileSync(join(dir, 'resources/css/app.css'), 'body { font-family: sans-serif; }\n');
    // This repository's node_modules holds the kit's packages at pinned versions (and @pogo/echo as built):
    // one copy of React/Vue and Laravel's echo package for the app and the preset, as `npm install` gives an app.
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    setEnv(join(dir, '.env'), { WS_APP_ID: credentials.id, WS_APP_KEY: credentials.key, WS_APP_SECRET: credentials.secret });
    installOutput = run('php', ['artisan', 'pogo:ws-install', '--no-interaction', '--without-npm', '--host=127.0.0.1', `--port=${server.port}`], dir);
    setEnv(join(dir, '.env'), { APP_URL: url, APP_DEBUG: 'true', SESSION_DRIVER: 'file' });

    mkdirSync(join(dir, 'app/Events'), { recursive: true });
    copyFileSync(join(e2eFixtures, 'E2eMessage.php'), join(dir, 'app/Events/E2eMessage.php'));
    appendFileSync(join(dir, 'routes/web.php'), readFileSync(join(e2eFixtures, 'web.php'), 'utf8').replace(/^<\?php/, ''));
    appendFileSync(join(dir, 'routes/web.php'), "\n\\Illuminate\\Support\\Facades\\Route::view('/kit', 'kit');\n");
    copyFileSync(join(root, 'tests/starter-kits/kit.blade.php'), join(dir, 'resources/views/kit.blade.php'));

    run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], dir);
    stopServing = await serveLaravel(dir, port);
    app = { dir, url, close: async () => {} };

    browser = await launchChromium();
    context = browser.context;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    stopServing?.();
    await server?.stop();
    if (parent) rmSync(parent, { recursive: true, force: true });
  });

  it(`the installer points the ${name} kit’s configureEcho() at Pogo instead of writing a window.Echo script`, () => {
    const script = readFileSync(join(app.dir, 'resources/js', entry), 'utf8');
    expect(script).toContain("import { echoConfig } from '@pogo/echo';");
    expect(script).toContain('configureEcho(echoConfig({ env: import.meta.env }));');
    expect(script).not.toContain("broadcaster: 'reverb'");
    expect(installOutput).toContain(`resources/js/${entry}`);
    expect(existsSync(join(app.dir, 'resources/js/echo.ts')) || existsSync(join(app.dir, 'resources/js/echo.js'))).toBe(false);
  });

  it(`a component using useEchoPublic from @pogo/echo/${name.toLowerCase()} receives a Laravel broadcast in Chromium`, async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(`${app.url}/kit`);

    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'subscribed', null, { timeout: 15_000 });
    await broadcastFromLaravel(app, 'public', 'kit.feed', `hello from the ${name} kit`);

    await page.waitForFunction(() => document.querySelectorAll('#messages li').length > 0, null, { timeout: 10_000 });
    expect(await page.$$eval('#messages li', (items) => items.map((item) => item.textContent))).toEqual([`hello from the ${name} kit`]);
    expect(problems).toEqual([]);
  });
});
