#!/usr/bin/env node
// Size budget: gzipped size of the preset's browser ESM build, alone and bundled (minified) with its peers
// (laravel-echo, pusher-js) the way an app ships it. The limits live in size-budget.json.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
const budget = JSON.parse(readFileSync(new URL('size-budget.json', root), 'utf8'));
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

const preset = gzip(readFileSync(new URL('dist/index.js', root)));
const bundled = await build({
  stdin: { contents: "import { createEcho } from './dist/index.js'; globalThis.echo = createEcho;", resolveDir: root.pathname },
  bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
});
const withPeers = gzip(bundled.outputFiles[0].contents);

let failed = false;
for (const [label, size, limit] of [
  ['dist/index.js', preset, budget.presetGzipBytes],
  ['dist/index.js + laravel-echo + pusher-js, minified', withPeers, budget.withPeersGzipBytes],
]) {
  const ok = size <= limit;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${label}: ${size} bytes gzipped (budget ${limit})`);
}
if (failed) {
  console.error('Size budget exceeded: shrink the preset, or raise src-ts/size-budget.json in a reviewed commit.');
  process.exit(1);
}
