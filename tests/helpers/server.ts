// Starts the real, built server (server/dist/pogo-ws.cjs) as a child process for a test file.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** POGO_TEST_BUNDLE runs the suites against another build (an older one, to show a test fails there). */
export const serverBundle = process.env.POGO_TEST_BUNDLE ?? fileURLToPath(new URL('../../server/dist/pogo-ws.cjs', import.meta.url));

export interface TestApp {
  id: string;
  key: string;
  secret: string;
  [option: string]: unknown;
}

export interface ServerConfig {
  /** Left undefined, no --config is passed and apps come from the environment. */
  apps?: TestApp[];
  [option: string]: unknown;
}

export interface RunningServer {
  host: string;
  port: number;
  /** http://127.0.0.1:port */
  url: string;
  process: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export const defaultApp: TestApp = { id: 'test-app', key: 'test-key', secret: 'test-secret' };

export async function startServer(
  config: ServerConfig = { apps: [defaultApp] },
  /** nodeArgs go to node itself (e.g. --inspect=127.0.0.1:0), args to `pogo-ws start`. */
  options: { env?: Record<string, string>; args?: string[]; nodeArgs?: string[] } = {},
): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pogo-test-'));
  const configArgs: string[] = [];
  if (config.apps !== undefined) {
    const configFile = join(dir, 'pogo.json');
    writeFileSync(configFile, JSON.stringify(config));
    configArgs.push('--config', configFile);
  }
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), serverBundle, 'start', ...configArgs, '--host', '127.0.0.1', '--port', '0', ...(options.args ?? [])],
    { cwd: dir, env: { PATH: process.env.PATH ?? '', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)));
    setTimeout(() => reject(new Error(`server did not start within 10 s:\n${output}`)), 10_000).unref();
  });
  return {
    host: '127.0.0.1',
    port,
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
