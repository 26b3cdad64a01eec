// What Composer downloads: `git archive` of a commit, minus every export-ignore path in
// .gitattributes. It must hold what a Laravel app runs (the driver, its config, the stubs, the
// schema, the server bundle, the Echo preset's dist/) and nothing else; the bundles are marked
// linguist-generated. Checked on a fresh clone of HEAD, so it is the committed .gitattributes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../e2e/laravel-app.js';
import { cloneHead, extractArchive, sh, startLine, tempDir, up, userEnv, waitFor } from './checkout.js';

/** Exactly these files, or files matching these patterns, may ship. */
const allowedFiles = [
  'composer.json', 'README.md',
  'config/pogo-websocket.php', 'config/pogo-websocket.schema.json',
  'server/dist/pogo-ws.cjs',
  'src-ts/package.json', 'src-ts/README.md',
];
const allowedPatterns = [/^src-php\/.+\.php$/, /^stubs\/[^/]+\.stub$/, /^src-ts\/dist\/[^/]+$/, /^LICENSE(\.md|\.txt)?$/];

describe('the Composer package (git archive HEAD)', () => {
  const temp = tempDir('pogo-archive-');
  let clone = '';
  let shipped: string[] = [];
  const extracted = join(temp.dir, 'package');

  beforeAll(() => {
    clone = cloneHead(join(temp.dir, 'clone'));
    extractArchive(clone, extracted);
    shipped = sh('tar', ['-tf', `${extracted}.tar`], clone).split('\n').filter((p) => p !== '' && !p.endsWith('/'));
  });
  afterAll(() => temp.remove());

  it('holds nothing a Composer user does not need (tests, bench, sources, lock files, CI, dev configs)', () => {
    const unexpected = shipped.filter((p) => !allowedFiles.includes(p) && !allowedPatterns.some((re) => re.test(p)));
    expect(unexpected, 'mark these export-ignore in .gitattributes, or allow them in this test if users need them').toEqual([]);
  });

  it('holds the driver, its config, the stubs, the schema, the server bundle and the Echo preset', () => {
    for (const file of allowedFiles.filter((f) => !f.startsWith('LICENSE'))) expect(shipped).toContain(file);
    const tracked = (dir: string) => sh('git', ['ls-files', dir], clone).split('\n').filter(Boolean);
    expect(tracked('src-php').length).toBeGreaterThan(10);
    for (const file of [...tracked('src-php'), ...tracked('stubs'), ...tracked('src-ts/dist')]) expect(shipped).toContain(file);

    // What composer.json points at is there: the PSR-4 root and the auto-discovered provider.
    const composer = JSON.parse(readFileSync(join(extracted, 'composer.json'), 'utf8')) as { autoload: { 'psr-4': Record<string, string> }; extra: { laravel: { providers: string[] } } };
    const [[namespace, dir]] = Object.entries(composer.autoload['psr-4']) as [[string, string]];
    for (const provider of composer.extra.laravel.providers) {
      expect(shipped).toContain(`${dir.replace(/\/$/, '')}/${provider.slice(namespace.length).replaceAll('\\', '/')}.php`);
    }
    // Every file the preset's package.json exports is there (the installer npm-installs it from vendor/).
    const preset = readFileSync(join(extracted, 'src-ts/package.json'), 'utf8');
    const targets = [...preset.matchAll(/"(\.\/dist\/[^"]+)"/g)].map((m) => `src-ts/${(m[1] ?? '').slice(2)}`);
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(shipped).toContain(target);
  });

  it('runs the server from the archive alone (no node_modules): GET /up answers', async () => {
    const port = await freePort();
    const server = startLine(`node server/dist/pogo-ws.cjs start --port ${port}`, extracted, userEnv());
    try {
      const health = await waitFor(`the archived bundle on :${port}`, () => up(`http://127.0.0.1:${port}/up`), 30_000, () => server.child.exitCode === null)
        .catch((error: Error) => { throw new Error(`${error.message}\n${server.output()}`); });
      expect(health).toMatchObject({ status: 'ok' });
    } finally {
      await server.stop();
    }
  });

  it('marks the committed bundles linguist-generated, and only them', () => {
    const attr = (path: string) => sh('git', ['check-attr', 'linguist-generated', '--', path], clone).trim().split(': ').at(-1);
    expect(attr('server/dist/pogo-ws.cjs')).toBe('set');
    for (const file of sh('git', ['ls-files', 'src-ts/dist'], clone).split('\n').filter(Boolean)) expect(attr(file)).toBe('set');
    expect(attr('server/src/cli.ts')).toBe('unspecified');
    expect(attr('src-ts/src/index.ts')).toBe('unspecified');
    expect(attr('src-php/PogoServiceProvider.php')).toBe('unspecified');
  });
});
