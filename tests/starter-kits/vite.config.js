// The test app's Vite build: what laravel-vite-plugin does for a production build (Vite's manifest in
// public/build, read by Blade's @vite), without the plugin itself, which this repository does not install.
// JSX as @vitejs/plugin-react compiles it (the automatic runtime).
import { existsSync } from 'node:fs';
import { defineConfig } from 'vite';

// The React kit's entry is app.tsx, the Vue kit's app.ts.
const entry = existsSync('resources/js/app.tsx') ? 'resources/js/app.tsx' : 'resources/js/app.ts';

export default defineConfig({
    base: '/build/',
    publicDir: false,
    esbuild: { jsx: 'automatic' },
    build: {
        manifest: 'manifest.json',
        outDir: 'public/build',
        emptyOutDir: true,
        rollupOptions: { input: [entry] },
    },
});
