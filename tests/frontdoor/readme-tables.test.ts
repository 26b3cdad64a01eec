// The README's code, limit and benchmark tables are the schema's and the committed run's, not a hand-kept copy.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
// @ts-expect-error plain .mjs helper without types
import { readmeWithTables } from '../helpers/schema-tables.mjs';

it('shows exactly the schema in its code and limit tables (node tests/helpers/schema-tables.mjs --write)', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  expect(readme).toBe(readmeWithTables(readme));
});

it('shows the committed benchmark run in its benchmark table (node bench/tools/readme-table.mjs --write)', () => {
  const check = spawnSync(process.execPath, ['bench/tools/readme-table.mjs', '--check'], { cwd: new URL('../..', import.meta.url), encoding: 'utf8' });
  expect(check.stdout + check.stderr).toContain('README table matches bench/results/latest.json');
  expect(check.status).toBe(0);
});
