// A fresh Laravel 12 application in which pogo/websocket is NOT yet required, and whose Composer
// can find it the way a user's can: a stable release (1.0.0) whose files are `git archive` of HEAD.
// Built from the cached skeleton the other Laravel suites use (tests/php/Support/LaravelSkeleton.php,
// `composer create-project laravel/laravel:^12`), with its own vendor/.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, sh } from './checkout.js';

export function laravelAppWithoutPogo(target: string, releaseDir: string, env: NodeJS.ProcessEnv): string {
  sh('php', [join(repoRoot, 'tests/php/bin/laravel-app.php'), target], repoRoot, { timeoutMs: 300_000 });
  const composerPath = join(target, 'composer.json');
  const edit = (change: (composer: Record<string, unknown>) => void) => {
    const composer = JSON.parse(readFileSync(composerPath, 'utf8')) as Record<string, unknown>;
    change(composer);
    writeFileSync(composerPath, `${JSON.stringify(composer, null, 4)}\n`);
  };
  // A user's app has a composer.lock (create-project writes one); this machine's global Composer
  // config says `lock: false`, under which `composer require` fails reading the lock it never wrote.
  edit((composer) => { composer.config = { ...(composer.config as object), lock: true }; });
  // The skeleton has the package from this checkout: take it out again, as if it had never been added.
  sh('composer', ['remove', 'pogo/websocket', '--no-interaction', '--no-progress'], target, { env, timeoutMs: 300_000 });
  edit((composer) => {
    composer.repositories = [{ type: 'path', url: releaseDir, options: { symlink: false, versions: { 'pogo/websocket': '1.0.0' } } }];
  });
  return target;
}

/** KEY=value lines of a .env file (the value as written, quotes included). */
export function envLines(text: string): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const m of text.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)) keys.set(m[1] ?? '', [...(keys.get(m[1] ?? '') ?? []), m[2] ?? '']);
  return keys;
}
