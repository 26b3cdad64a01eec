import { defineConfig } from 'tsup';

// ESM first (Vite, modern bundlers), CommonJS for older toolchains, declarations for both.
// laravel-echo and pusher-js are peer dependencies: imported, never bundled. The shared schema's code tables
// are inlined (named JSON imports: esbuild drops the parts the preset does not use).
// dist/ is committed (the Laravel installer installs the preset from the Composer vendor path), so the
// output must be byte-for-byte reproducible: no sourcemaps, no banner with dates or paths.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  platform: 'browser',
  target: 'es2020',
  dts: true,
  clean: true,
  sourcemap: false,
  splitting: false,
  treeshake: true,
  minify: false,
  external: ['laravel-echo', 'pusher-js'],
  // import.meta does not exist in CommonJS; there the variables must come through the `env` option.
  esbuildOptions(options, context) {
    if (context.format === 'cjs') options.define = { ...options.define, 'import.meta.env': 'undefined' };
  },
});
