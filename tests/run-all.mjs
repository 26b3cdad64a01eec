#!/usr/bin/env node
// Builds the server bundle and the Echo preset from the source as it stands (the suites start
// server/dist/pogo-ws.cjs and import src-ts/dist, so without this they would test the last build),
// then runs every suite (vitest: server, preset, browser, end to end; PHPUnit: the Laravel package)
// and ends with one line totalling them all: `N passed, N failed`. CI checks separately, before
// this, that the committed bundles match the source (.ci/check-bundle).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'tests', '.artifacts');
mkdirSync(artifacts, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

// build
if (run('build', 'npm', ['run', 'build', '--silent']) !== 0) {
  console.error('\nThe build failed: no suite ran (a stale bundle would test old code).\n\n0 passed, 1 failed');
  process.exit(1);
}

// vitest, in two passes: everything else in parallel, then the suites that measure the server's memory
// and timing under attack, one file at a time (their bounds hold on a quiet machine, not beside a dozen
// other suites on two cores). Arguments (file filters, -t) go to one pass over whatever they select.
const measuredAlone = ['tests/hardening/soak-under-attack.test.ts', 'tests/hardening/outbound-budget.test.ts'];

function vitestPass(label, args) {
  const report = join(artifacts, `vitest-${label}.json`);
  rmSync(report, { force: true });
  const status = run(`vitest (${label})`, 'npx', [
    'vitest', 'run', '--config', 'tests/vitest.config.ts',
    '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
    ...args,
  ]);
  if (!existsSync(report)) {
    broken = true;
    return;
  }
  const result = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += result.numPassedTests;
  totals.failed += result.numFailedTests;
  totals.skipped += result.numPendingTests + result.numTodoTests;
  // A file that failed to load counts as a failure even though no test inside it ran.
  const brokenFiles = result.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
  totals.failed += brokenFiles.length;
  if (status !== 0 && result.numFailedTests === 0 && brokenFiles.length === 0) broken = true;
}

const filters = process.argv.slice(2);
if (filters.length > 0) {
  vitestPass('selected', filters);
} else {
  vitestPass('parallel', measuredAlone.flatMap((file) => ['--exclude', file]));
  vitestPass('alone', ['--no-file-parallelism', ...measuredAlone]);
}

// PHPUnit
const phpunit = join(root, 'vendor', 'bin', 'phpunit');
const phpunitConfig = join(root, 'tests', 'php', 'phpunit.xml');
if (existsSync(phpunitConfig)) {
  const junit = join(artifacts, 'phpunit.xml');
  if (!existsSync(phpunit)) {
    console.error('PHPUnit is not installed: run `composer install` first.');
    broken = true;
  } else {
    const status = run('phpunit', 'php', [phpunit, '-c', phpunitConfig, '--log-junit', junit]);
    if (existsSync(junit)) {
      const xml = readFileSync(junit, 'utf8');
      const tag = /<testsuite\b[^>]*>/.exec(xml)?.[0] ?? '';
      const attr = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(tag)?.[1] ?? 0);
      if (tag) {
        const failed = attr('failures') + attr('errors');
        totals.failed += failed;
        totals.skipped += attr('skipped');
        totals.passed += attr('tests') - failed - attr('skipped');
        if (status !== 0 && failed === 0) broken = true;
      } else if (status !== 0) {
        broken = true;
      }
    } else if (status !== 0) {
      broken = true;
    }
  }
}

if (broken) {
  console.error('\nA suite could not run to completion (see above).');
  totals.failed += 1;
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
