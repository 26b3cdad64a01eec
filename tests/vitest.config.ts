import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Every TypeScript suite (server, preset, browser, Laravel end to end) runs from this one config.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/php/**', '**/vendor/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    typecheck: {
      enabled: true,
      include: ['tests/**/*.test-d.ts'],
      tsconfig: 'tests/tsconfig.json',
    },
  },
});
