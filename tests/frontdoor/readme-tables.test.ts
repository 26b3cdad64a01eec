// The README's code and limit tables are the schema's, not a hand-kept copy.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
// @ts-expect-error plain .mjs helper without types
import { readmeWithTables } from '../helpers/schema-tables.mjs';

it('shows exactly the schema in its code and limit tables (node tests/helpers/schema-tables.mjs --write)', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  expect(readme).toBe(readmeWithTables(readme));
});
