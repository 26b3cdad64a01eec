import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Every TypeScript suite (server, preset, browser, Laravel end to end) runs from this one config.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['tests/**/*.test.ts'],
    // tests/.artifacts holds Laravel apps whose vendor/ links back to this repository.
    exclude: ['**/node_modules/**', 'tests/php/**', '**/vendor/**', 'tests/.artifacts/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    typecheck: {
      enabled: true,
      include: ['tests/**/*.test-d.ts'],
      exclude: ['**/node_modules/**', '**/vendor/**', 'tests/.artifacts/**'],
      tsconfig: 'tests/tsconfig.json',
    },
  },
});
