// The README read as a user reads it: its fenced code blocks and its sections, so the front-door
// tests run and check what the README says today, not a copy of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CodeBlock {
  lang: string;
  /** Every non-empty line, exactly as written (trailing comments included). */
  lines: string[];
  /** The Markdown text between the previous code block (or heading) and this block. */
  intro: string;
}

export function readReadme(root: string): string {
  return readFileSync(join(root, 'README.md'), 'utf8');
}

export function codeBlocks(markdown: string, lang = 'bash'): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  let previousEnd = 0;
  for (let m = fence.exec(markdown); m; m = fence.exec(markdown)) {
    const before = markdown.slice(previousEnd, m.index);
    previousEnd = m.index + m[0].length;
    if (m[1] !== lang) continue;
    const intro = before.slice(before.lastIndexOf('\n#') + 1);
    blocks.push({ lang: m[1], lines: (m[2] ?? '').split('\n').filter((l) => l.trim() !== ''), intro });
  }
  return blocks;
}

/** A line without its `# comment` (the command a shell runs). */
export function commandOf(line: string): string {
  return line.replace(/\s+#.*$/, '').trim();
}

/** The text under a heading (`### Installation`), up to the next heading of the same or a higher level. */
export function section(markdown: string, heading: string): string {
  const level = /^#+/.exec(heading)?.[0].length ?? 0;
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no "${heading}" section`);
  const rest = markdown.slice(start + heading.length + 2);
  const next = new RegExp(`^#{1,${level}} `, 'm').exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

/** Every `code span` in a piece of Markdown. */
export function codeSpans(markdown: string): string[] {
  return [...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? '');
}
