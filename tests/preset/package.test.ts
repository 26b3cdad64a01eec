// The published entry points (src-ts/dist, committed): what `npm install @pogo/echo` gives an app.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import * as source from '../../src-ts/src/index';

const require = createRequire(import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('../../src-ts/package.json', import.meta.url), 'utf8'));
const env = { VITE_POGO_APP_KEY: 'k', VITE_POGO_HOST: 'localhost', VITE_POGO_PORT: '6001', VITE_POGO_SCHEME: 'http' };

describe('@pogo/echo entry points', () => {
  test('peer dependencies, not dependencies: the app owns laravel-echo and pusher-js', () => {
    expect(packageJson.peerDependencies).toMatchObject({ 'laravel-echo': '^2.0.0', 'pusher-js': '^8.0.0' });
    // Only the hooks (@pogo/echo/react, @pogo/echo/vue) need the others: tests/starter-kits/package-exports.test.ts.
    for (const name of Object.keys(packageJson.peerDependencies).filter((name) => !['laravel-echo', 'pusher-js'].includes(name))) {
      expect(packageJson.peerDependenciesMeta[name], name).toEqual({ optional: true });
    }
    expect(packageJson.dependencies).toBeUndefined();
    expect(packageJson.files).toEqual(['dist']);
  });

  test('the ESM build exports what the source exports and builds the same config', async () => {
    const esm = await import('@pogo/echo');
    expect(Object.keys(esm).sort()).toEqual(Object.keys(source).sort());
    // Each build has its own copy of the preset's pusher-js subclass (reconnect.ts); the rest is the same.
    const { Pusher: esmPusher, ...config } = esm.echoConfig({ env });
    const { Pusher: sourcePusher, ...expected } = source.echoConfig({ env });
    expect(config).toEqual(expected);
    expect([esmPusher?.name, sourcePusher?.name]).toEqual(['PogoPusher', 'PogoPusher']);
    expect(esm.codeMessage(4100)).toBe(source.codeMessage(4100));
  });

  test('the CommonJS build works under plain Node require(), though laravel-echo 2 itself cannot be required', () => {
    expect(() => require('laravel-echo').default.name).toThrow();
    const cjs = require('@pogo/echo');
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(source).sort());
    const echo = cjs.createEcho({ env });
    try {
      expect(typeof echo.private).toBe('function');
      expect(echo.connector.options).toMatchObject({ key: 'k', wsHost: 'localhost', wsPort: 6001, forceTLS: false, cluster: '' });
    } finally {
      echo.disconnect();
    }
  });

  test('the CommonJS build, bundled the way webpack/Mix consume it, builds a working Echo', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pogo-cjs-'));
    const out = join(dir, 'bundle.cjs');
    await build({
      stdin: { contents: "module.exports = require('@pogo/echo');", resolveDir: fileURLToPath(new URL('.', import.meta.url)) },
      bundle: true,
      format: 'cjs',
      platform: 'node',
      conditions: ['require'],
      outfile: out,
      logLevel: 'silent',
      metafile: true,
    }).then((result) => expect(Object.keys(result.metafile.inputs)).toContain('src-ts/dist/index.cjs'));
    const cjs = require(out);
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(source).sort());
    const { Pusher: cjsPusher, ...config } = cjs.echoConfig({ env });
    const { Pusher: esmPusher, ...expected } = source.echoConfig({ env });
    expect(config).toEqual(expected);
    expect([typeof cjsPusher, typeof esmPusher]).toEqual(['function', 'function']);
    // import.meta does not exist in CommonJS: without `env` the error says how to pass it.
    expect(() => cjs.echoConfig()).toThrow(/VITE_POGO_APP_KEY is missing.*createEcho\(\{ env: import\.meta\.env \}\)/);
    const echo = cjs.createEcho({ env, echo: { enabledTransports: ['ws'] } });
    try {
      expect(echo.connector.pusher.key).toBe('k');
      expect(echo.connector.options).toMatchObject({ wsHost: 'localhost', wsPort: 6001, forceTLS: false, cluster: '' });
    } finally {
      echo.disconnect();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the declarations type-check on their own (an app with skipLibCheck off compiles them)', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    // Inside the repository, so '@pogo/echo' resolves to the workspace package as in an app's node_modules.
    const dir = mkdtempSync(join(root, 'tests', '.artifacts', 'dts-'));
    try {
      writeFileSync(join(dir, 'app.ts'), "import { createEcho, type RecoveryReason } from '@pogo/echo';\nexport const reason: RecoveryReason = 'WINDOW_EXPIRED';\nexport const make = createEcho;\n");
      const compilerOptions = { strict: true, skipLibCheck: false, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022', 'dom'], types: [] };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['app.ts'] }));
      const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: root, encoding: 'utf8' });
      // laravel-echo 2.2's own declarations do not pass skipLibCheck off (TS2709 in its echo.d.ts); ours must.
      const ours = (tsc.stdout + tsc.stderr).split('\n').filter((line) => line.trim() && !line.startsWith('node_modules/laravel-echo/'));
      expect(ours).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
