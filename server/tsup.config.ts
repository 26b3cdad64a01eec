import { defineConfig } from 'tsup';

// One self-contained CommonJS file: the Composer package ships it so that
// `php artisan pogo:ws-start` needs only Node, no `npm install`.
// bufferutil is a native add-on: `ws` loads it when present and falls back to JS.
export default defineConfig({
  entry: { 'pogo-ws': 'src/cli.ts' },
  format: ['cjs'],
  outExtension: () => ({ js: '.cjs' }),
  platform: 'node',
  target: 'node20',
  noExternal: [/.*/],
  external: ['bufferutil', 'utf-8-validate'],
  // No clean: the file is replaced in one write, so a process starting it meanwhile never finds it missing.
  clean: false,
  sourcemap: false,
  splitting: false,
  shims: false,
  banner: { js: '#!/usr/bin/env node' },
  // The dashboard's built front end (server/dashboard-ui/dist), inlined as strings.
  loader: { '.txt': 'text' },
});
