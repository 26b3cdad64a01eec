import { defineConfig, type Options } from 'tsup';

// ESM first (Vite, modern bundlers), CommonJS for older toolchains, declarations for both.
// dist/ is committed (the Laravel installer installs the preset from the Composer vendor path), so the
// output must be byte-for-byte reproducible: no sourcemaps, no banner with dates or paths.
// The shared schema's code tables are inlined (named JSON imports: esbuild drops the parts the preset does not use).
const common: Options = {
  entry: { index: 'src/index.ts' },
  platform: 'browser',
  target: 'es2020',
  sourcemap: false,
  splitting: false,
  treeshake: true,
  minify: false,
  // The two configs run in parallel: cleaning is the build script's job (`npm run build`), not tsup's.
  clean: false,
};

// The React and Vue hooks: their own entries, so the main entry never loads React or Vue. The types they share
// with the main entry (PogoChannels above all, which apps augment) are imported from '@pogo/echo' itself.
// ES modules only: @laravel/echo-react's and @laravel/echo-vue's own CommonJS entries cannot be require()d
// (ESM code in a "type": "module" package), and the starter kits they serve build with Vite.
const hooks: Options = {
  ...common,
  entry: { react: 'src/react.ts', vue: 'src/vue.ts' },
  format: ['esm'],
  external: ['@pogo/echo', '@laravel/echo-react', '@laravel/echo-vue', 'react', 'vue'],
  dts: true,
};

export default defineConfig([
  {
    ...common,
    // laravel-echo and pusher-js are peer dependencies: imported, never bundled.
    format: ['esm'],
    external: ['laravel-echo', 'pusher-js'],
    dts: true,
  },
  {
    ...common,
    format: ['cjs'],
    // laravel-echo 2's CommonJS entry cannot be loaded by Node, esbuild or webpack (a "type": "module" package
    // shipping `exports.x =` code), so the CommonJS build carries laravel-echo's ES module build inside it.
    // pusher-js stays the app's own copy.
    external: ['pusher-js'],
    noExternal: ['laravel-echo'],
    dts: true,
    // import.meta does not exist in CommonJS; there the variables must come through the `env` option.
    esbuildOptions(options) {
      options.define = { ...options.define, 'import.meta.env': 'undefined' };
    },
  },
  hooks,
]);
