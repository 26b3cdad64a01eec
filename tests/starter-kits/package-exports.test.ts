// The hook entry points of the built preset (src-ts/dist): @pogo/echo/react and @pogo/echo/vue resolve through
// package.json "exports", hand out Laravel's own hooks, and the main entry never loads React or Vue.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';

const require = createRequire(import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('../../src-ts/package.json', import.meta.url), 'utf8'));
const frameworkPackages = ['react', 'react-dom', 'vue', '@laravel/echo-react', '@laravel/echo-vue'];

describe('@pogo/echo/react and @pogo/echo/vue', () => {
  test('React, Vue and Laravel’s echo packages are optional peers', () => {
    expect(packageJson.peerDependencies).toMatchObject({ '@laravel/echo-react': '^2.5.0', '@laravel/echo-vue': '^2.5.0', react: '^18.0.0 || ^19.0.0', vue: '^3.0.0' });
    for (const name of ['@laravel/echo-react', '@laravel/echo-vue', 'react', 'vue']) {
      expect(packageJson.peerDependenciesMeta[name]).toEqual({ optional: true });
    }
  });

  test.each([
    ['react', '@laravel/echo-react'],
    ['vue', '@laravel/echo-vue'],
  ])('@pogo/echo/%s hands out %s’s hooks', async (entry, laravelPackage) => {
    const laravel = await import(laravelPackage);
    const esm = await import(`@pogo/echo/${entry}`);
    expect(Object.keys(esm).sort()).toEqual(['echoHooks', 'useEcho', 'useEchoPresence', 'useEchoPublic']);
    for (const hook of ['useEcho', 'useEchoPresence', 'useEchoPublic']) {
      expect(esm[hook], hook).toBe(laravel[hook]);
      expect(esm.echoHooks()[hook], hook).toBe(laravel[hook]);
    }
    // ES modules only: Laravel's packages' own CommonJS entries cannot be require()d, so neither could ours.
    expect(() => require(`@pogo/echo/${entry}`)).toThrow();
  });

  test('the main entry, bundled for the browser, includes neither React, Vue nor their echo packages', async () => {
    const result = await build({
      stdin: { contents: "export { createEcho, echoConfig } from '@pogo/echo';", resolveDir: new URL('.', import.meta.url).pathname },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('src-ts/dist/index.js');
    for (const name of frameworkPackages) {
      expect(inputs.filter((input) => input.startsWith(`node_modules/${name}/`)), name).toEqual([]);
    }
  });
});
