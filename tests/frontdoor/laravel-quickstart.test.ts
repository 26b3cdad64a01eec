// The README's Laravel quick start, run as written on a fresh laravel/laravel:^12 application
// whose Composer finds pogo/websocket as a release made of `git archive HEAD`: `composer require`,
// `php artisan pogo:ws-install`, `php artisan pogo:ws-start`. Then every file and `.env` key the
// README's Installation section says the installer writes is checked, read from the README itself.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Pusher from 'pusher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../e2e/laravel-app.js';
import { cloneHead, extractArchive, sh, startLine, tempDir, up, userEnv, waitFor } from './checkout.js';
import { envLines, laravelAppWithoutPogo } from './laravel-app.js';
import { codeBlocks, codeSpans, commandOf, readReadme, section, type CodeBlock } from './readme.js';

/** The Installation section's list, one string per `- ` item. */
function bullets(text: string): string[] {
  return text.split(/\n- /).slice(1).map((b) => b.split(/\n\n/)[0] ?? '');
}

describe("the README's Laravel quick start, run as written on a fresh Laravel 12 app", () => {
  const temp = tempDir('pogo-quickstart-');
  const app = join(temp.dir, 'app');
  const env = userEnv();
  let readme = '';
  let quickStart: CodeBlock | undefined;
  let installation = '';
  let installLine = '';

  beforeAll(() => {
    const clone = cloneHead(join(temp.dir, 'clone'));
    readme = readReadme(clone);
    quickStart = codeBlocks(readme).find((b) => b.lines.some((l) => commandOf(l).startsWith('composer require')));
    installation = section(readme, '### Installation');
    laravelAppWithoutPogo(app, extractArchive(clone, join(temp.dir, 'release')), env);
  }, 600_000);
  afterAll(() => temp.remove());

  it('lists composer require, pogo:ws-install and pogo:ws-start, as the Installation section does', () => {
    const commands = quickStart?.lines.map(commandOf) ?? [];
    expect(commands).toEqual(['composer require pogo/websocket', 'php artisan pogo:ws-install', 'php artisan pogo:ws-start']);
    const detailed = codeBlocks(installation).at(0)?.lines.map(commandOf).filter((c) => /^(composer|php artisan) /.test(c));
    expect(detailed).toEqual(commands);
  });

  it('installs the package and its setup: the files and .env keys the Installation section lists', () => {
    const lines = quickStart?.lines ?? [];
    expect(existsSync(join(app, 'vendor/pogo'))).toBe(false);
    // Every line but the last (the server) runs to completion, in order.
    for (const line of lines.slice(0, -1)) sh('bash', ['-c', line], app, { env, timeoutMs: 300_000 });
    installLine = lines.find((l) => commandOf(l) === 'php artisan pogo:ws-install') ?? '';

    // composer require installed the release: the archive (no tests/), under a stable constraint.
    expect(readFileSync(join(app, 'composer.json'), 'utf8')).toMatch(/"pogo\/websocket": "\^1\.0"/);
    expect(existsSync(join(app, 'vendor/pogo/websocket/src-php/PogoServiceProvider.php'))).toBe(true);
    expect(existsSync(join(app, 'vendor/pogo/websocket/tests'))).toBe(false);

    const items = bullets(installation);
    const about = (word: string) => {
      const item = items.find((b) => b.includes(word));
      if (!item) throw new Error(`the Installation section has no item about ${word}`);
      return item;
    };

    // `.env`: every KEY or KEY=value it names; `.env.example`: the same keys, without secrets.
    const envItem = about('`.env`');
    const named = codeSpans(envItem).filter((s) => /^[A-Z][A-Z0-9_]*(=.*)?$/.test(s));
    expect(named.length).toBeGreaterThanOrEqual(8);
    const dotEnv = envLines(readFileSync(join(app, '.env'), 'utf8'));
    const example = envLines(readFileSync(join(app, '.env.example'), 'utf8'));
    for (const span of named) {
      const [key = '', value] = span.split(/=(.*)/s);
      expect(dotEnv.get(key), `.env sets ${key} once`).toHaveLength(1);
      if (value !== undefined) expect(dotEnv.get(key)?.[0], `.env ${key}`).toBe(value);
      if (!/SECRET/.test(key)) expect(example.has(key), `.env.example has ${key}`).toBe(true);
    }
    for (const key of named.filter((s) => /^WS_APP_(ID|KEY|SECRET)$/.test(s))) expect(dotEnv.get(key)?.[0]).toMatch(/^\S{6,}$/);
    expect(example.get('WS_APP_SECRET')?.[0] ?? '', '.env.example holds no secret').toMatch(/^(""|'')?$/);

    // The config files it publishes, the pogo connection among them.
    const configs = codeSpans(about('publishes')).filter((s) => /^config\/.+\.php$/.test(s));
    expect(configs).toEqual(expect.arrayContaining(['config/broadcasting.php', 'config/pogo-websocket.php']));
    for (const file of configs) expect(existsSync(join(app, file)), file).toBe(true);
    expect(readFileSync(join(app, 'config/broadcasting.php'), 'utf8')).toMatch(/'pogo'\s*=>/);

    // Broadcasting enabled: routes/channels.php, and `channels:` in bootstrap/app.php.
    const broadcasting = codeSpans(about('install:broadcasting'));
    expect(broadcasting).toEqual(expect.arrayContaining(['routes/channels.php', 'channels:', 'bootstrap/app.php']));
    expect(existsSync(join(app, 'routes/channels.php'))).toBe(true);
    expect(readFileSync(join(app, 'bootstrap/app.php'), 'utf8')).toMatch(/withRouting\([\s\S]*channels:/);

    // The Echo file: echo.js here (the skeleton has no TypeScript), with the preset, imported from bootstrap.js.
    const echoSpans = codeSpans(about('resources/js/echo.ts'));
    expect(echoSpans).toEqual(expect.arrayContaining(['resources/js/echo.ts', 'echo.js', '@pogo/echo', 'resources/js/bootstrap.js']));
    expect(existsSync(join(app, 'tsconfig.json'))).toBe(false);
    expect(readFileSync(join(app, 'resources/js/echo.js'), 'utf8')).toContain('@pogo/echo');
    expect(readFileSync(join(app, 'resources/js/bootstrap.js'), 'utf8')).toMatch(/import '\.\/echo(\.js)?';/);

    // The npm packages of the `npm install --save-dev ...` it documents, installed.
    const npmLine = codeSpans(about('npm install')).find((s) => s.startsWith('npm install')) ?? '';
    const specs = npmLine.split(/\s+/).slice(2).filter((s) => !s.startsWith('-'));
    expect(specs.length).toBe(3);
    const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    for (const spec of specs) {
      const at = spec.indexOf('@', 1);
      const name = at > 0 ? spec.slice(0, at) : spec;
      expect(pkg.devDependencies[name], `package.json devDependencies ${name}`).toBeDefined();
      if (at > 0) expect(pkg.devDependencies[name]).toBe(spec.slice(at + 1));
      expect(existsSync(join(app, 'node_modules', name, 'package.json')), `node_modules/${name}`).toBe(true);
    }
    expect(existsSync(join(app, 'node_modules/@pogo/echo/dist/index.js'))).toBe(true);
  }, 600_000);

  it('can be run again safely: nothing changes, every file reported unchanged', () => {
    expect(installLine).not.toBe('');
    expect(installation).toMatch(/can be run again safely/);
    const before = readFileSync(join(app, '.env'), 'utf8');
    const output = sh('bash', ['-c', installLine], app, { env, timeoutMs: 300_000 });
    expect(readFileSync(join(app, '.env'), 'utf8')).toBe(before);
    expect(output).toMatch(/\.env\s*\.+\s*unchanged/);
    expect(output).not.toMatch(/\bupdated\b/);
  }, 300_000);

  it("starts the server with the app's configuration: /up answers and it accepts the app's signed API calls", async () => {
    const last = quickStart?.lines.at(-1) ?? '';
    expect(commandOf(last)).toBe('php artisan pogo:ws-start');
    // WS_PORT in .env is the README's 6001; this test moves only the listening port (WS_SERVER_PORT,
    // a real environment variable, which Laravel prefers to .env) so it never collides with another suite.
    const port = await freePort();
    const server = startLine(last, app, { ...env, WS_SERVER_PORT: String(port) });
    try {
      await waitFor(`php artisan pogo:ws-start on :${port}`, () => up(`http://127.0.0.1:${port}/up`), 60_000, () => server.child.exitCode === null)
        .catch((error: Error) => { throw new Error(`${error.message}\n${server.output()}`); });
      const dotEnv = envLines(readFileSync(join(app, '.env'), 'utf8'));
      const value = (key: string) => dotEnv.get(key)?.[0] ?? '';
      expect(value('WS_PORT')).toBe('6001');
      const api = new Pusher({ appId: value('WS_APP_ID'), key: value('WS_APP_KEY'), secret: value('WS_APP_SECRET'), host: '127.0.0.1', port: String(port), useTLS: false });
      expect((await api.get({ path: '/channels' })).status).toBe(200);
      const wrong = new Pusher({ appId: value('WS_APP_ID'), key: value('WS_APP_KEY'), secret: 'not-the-secret', host: '127.0.0.1', port: String(port), useTLS: false });
      await expect(wrong.get({ path: '/channels' })).rejects.toMatchObject({ status: 401 });
    } finally {
      await server.stop();
    }
  }, 120_000);
});
