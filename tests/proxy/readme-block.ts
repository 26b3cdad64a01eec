// The proxy configurations the README's "Deploying" section gives, read from README.md itself so the tests run
// exactly what the README says (README and tests cannot drift apart).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const readme = fileURLToPath(new URL('../../README.md', import.meta.url));
const fence = '```';

/** The one fenced block of `language` in README's "## Deploying" section. */
export function readmeBlock(language: string): string {
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf('\n## Deploying\n');
  if (start < 0) throw new Error('README.md has no "## Deploying" section');
  const end = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, end < 0 ? undefined : end);
  const blocks = [...section.matchAll(new RegExp(`^${fence}${language}\\n([\\s\\S]*?)^${fence}$`, 'gm'))].map((m) => m[1] as string);
  if (blocks.length !== 1) throw new Error(`README's Deploying section has ${blocks.length} \`\`\`${language} blocks, expected 1`);
  return blocks[0] as string;
}

/** Replaces one line of the block that matches `pattern` (exactly one must), for what a test must run differently. */
export function replaceLine(block: string, pattern: RegExp, replacement: string): string {
  const lines = block.split('\n');
  const matching = lines.filter((line) => pattern.test(line));
  if (matching.length !== 1) throw new Error(`expected one line matching ${pattern} in the README block, found ${matching.length}`);
  return lines.map((line) => (pattern.test(line) ? line.replace(/\S.*$/, replacement) : line)).join('\n');
}
