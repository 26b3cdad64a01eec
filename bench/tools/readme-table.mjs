#!/usr/bin/env node
// The README's benchmark table is bench/results/latest.md's, rendered by the bench's own report
// code from latest.json: `--write` puts it between the README's bench-table markers (and renders
// latest.md and latest.svg again when the report code changed since the run), `--check` exits 1
// when the README shows something else.
// Usage: node bench/tools/readme-table.mjs [--write | --check]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdown } from '../lib/report.mjs';
import { svgChart } from '../lib/chart.mjs';
import { repoRoot } from '../lib/servers.mjs';

const START = '<!-- bench-table:start (node bench/tools/readme-table.mjs --write) -->';
const END = '<!-- bench-table:end -->';

const results = JSON.parse(readFileSync(join(repoRoot, 'bench/results/latest.json'), 'utf8'));
const table = markdown(results);
const latestMd = readFileSync(join(repoRoot, 'bench/results/latest.md'), 'utf8').trim();
if (latestMd !== table) {
  if (process.argv.includes('--write')) {
    writeFileSync(join(repoRoot, 'bench/results/latest.md'), `${table}\n`);
    writeFileSync(join(repoRoot, 'bench/results/latest.svg'), svgChart(results));
    console.log('bench/results/latest.md and latest.svg rendered again from latest.json (the report code changed since the run)');
  } else console.warn('bench/results/latest.md differs from what latest.json renders to now (the report code changed since the run)');
}

const readmePath = join(repoRoot, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from < 0 || to < from) {
  console.error(`README.md has no ${START} … ${END} block`);
  process.exit(1);
}
const updated = `${readme.slice(0, from + START.length)}\n${table}\n${readme.slice(to)}`;
if (process.argv.includes('--write')) {
  if (updated !== readme) writeFileSync(readmePath, updated);
  console.log(updated === readme ? 'README table already current' : 'README table rewritten from bench/results/latest.json');
} else if (updated !== readme) {
  console.error('README benchmark table differs from bench/results/latest.json: run node bench/tools/readme-table.mjs --write');
  process.exit(1);
} else console.log('README table matches bench/results/latest.json');
