// What a newcomer gets: a `git clone` of what is committed at HEAD (and `git archive` of it, which
// is what Composer downloads), in a temporary directory, plus the process plumbing to run its
// commands as a user would and stop them afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export function sh(command: string, args: string[], cwd: string, options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {}): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: options.env ?? process.env, timeout: options.timeoutMs ?? 120_000, input: options.input ?? '', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed with ${result.status ?? result.signal}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** A fresh temporary directory and a way to delete it. */
export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `git clone` of this repository's HEAD into `target` (uncommitted edits are not in it, as for any user). */
export function cloneHead(target: string): string {
  sh('git', ['clone', '--quiet', '--no-hardlinks', repoRoot, target], repoRoot);
  return target;
}

/**
 * `git archive HEAD` of a clone (the files Composer downloads for a release), written to
 * `${target}.tar` and extracted into `target`.
 */
export function extractArchive(clone: string, target: string): string {
  sh('git', ['archive', '--format=tar', '-o', `${target}.tar`, 'HEAD'], clone);
  mkdirSync(target, { recursive: true });
  sh('tar', ['-xf', `${target}.tar`, '-C', target], clone);
  return target;
}

/**
 * The environment a README command runs with: npm answered from the local cache where it can
 * (offline-fast, the command text unchanged), no app configured from this shell, servers bound
 * to 127.0.0.1 (the documented default 0.0.0.0 is not allowed on this machine).
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(WS_|REVERB_|POGO_|VITEST|npm_|NODE_OPTIONS$|INIT_CWD$)/i.test(k)) continue;
    env[k] = v;
  }
  // Not this checkout's tools: `npm test` puts its node_modules/.bin first on PATH.
  env.PATH = (env.PATH ?? '').split(':').filter((p) => !p.includes('node_modules')).join(':');
  return {
    ...env,
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    WS_SERVER_HOST: '127.0.0.1',
    ...extra,
  };
}

/** Fails with a clear message when something else holds the port a README command needs. */
export async function assertPortFree(port: number, whatNeedsIt: string): Promise<void> {
  for (const host of ['127.0.0.1', '0.0.0.0']) {
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', (error: NodeJS.ErrnoException) =>
        reject(new Error(`port ${port} on ${host} is already in use (${error.code}): ${whatNeedsIt} needs it. Stop whatever listens there (ss -ltnp | grep :${port}) and run the test again.`)));
      probe.listen(port, host, () => probe.close(() => resolve()));
    });
  }
}

export interface Started {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr interleaved. */
  output(): string;
  /** SIGTERM to the whole process group (npm, its shell, node), then SIGKILL if it lingers. */
  stop(): Promise<void>;
}

/** Runs one README line through bash, exactly as written, in its own process group. */
export function startLine(line: string, cwd: string, env: NodeJS.ProcessEnv): Started {
  const child = spawn('bash', ['-c', line], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => { text += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { text += d.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => text,
    async stop() {
      const pid = child.pid;
      if (pid === undefined) return;
      const signal = (s: NodeJS.Signals) => { try { process.kill(-pid, s); } catch { /* the group is gone */ } };
      // The whole group even when bash is gone: the server it started may outlive it.
      signal('SIGTERM');
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killer = setTimeout(() => signal('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, alive: () => boolean = () => true): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (!alive()) throw new Error(`gave up waiting for ${what}: the process exited`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** GET /up's JSON once the server answers 200, else undefined. */
export async function up(url: string): Promise<Record<string, unknown> | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
