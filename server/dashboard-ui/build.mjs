// Builds the dashboard's front end into dist/ (gitignored): the page, one minified script
// and the stylesheet. tsup then inlines them into server/dist/pogo-ws.cjs as strings
// (server/src/dashboard/assets.ts), so the server ships them with nothing to fetch.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
mkdirSync(dist, { recursive: true });

const result = await build({
  entryPoints: [join(here, 'src/main.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020', 'chrome90', 'firefox90', 'safari14'],
  write: false,
  legalComments: 'none',
  logLevel: 'warning',
});
writeFileSync(join(dist, 'dashboard.js.txt'), result.outputFiles[0].text);
writeFileSync(join(dist, 'dashboard.css.txt'), readFileSync(join(here, 'dashboard.css'), 'utf8'));
writeFileSync(join(dist, 'dashboard.html.txt'), readFileSync(join(here, 'dashboard.html'), 'utf8'));
writeFileSync(join(dist, 'login.html.txt'), readFileSync(join(here, 'login.html'), 'utf8'));
