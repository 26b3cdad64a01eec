// The deploy suites' servers: the real bundle as a child process, with a config file the test
// may rewrite (reload), TLS (https:// in its listening line), and the exit code kept.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverBundle } from '../helpers/server.js';

export interface DeployServer {
  port: number;
  process: ChildProcess;
  configFile: string;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** The exit code (null: killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, SIGKILL after 10 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startDeployServer(
  /** Undefined: no --config (apps from the environment). */
  config: Record<string, unknown> | undefined,
  /** `port`: a fixed one (a server started again where its clients reconnect); default: a free one. */
  options: { args?: string[]; env?: Record<string, string>; dir?: string; port?: number } = {},
): Promise<DeployServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'pogo-deploy-'));
  const configFile = join(dir, 'pogo.json');
  if (config) writeFileSync(configFile, JSON.stringify(config));
  const child = spawn(process.execPath, [serverBundle, 'start', ...(config ? ['--config', configFile] : []), '--host', '127.0.0.1', '--port', String(options.port ?? 0), ...(options.args ?? [])], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /listening on https?:\/\/[^:]+:(\d+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(Number(match[1]));
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
    setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`server did not start within 15 s:\n${output}`));
    }, 15_000).unref();
  });
  return {
    port,
    process: child,
    configFile,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Runs the bundle to completion (a start-up that must fail); resolves with its exit code and output. */
export function runToExit(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [serverBundle, 'start', '--host', '127.0.0.1', '--port', '0', ...args], {
      ...(cwd ? { cwd } : {}),
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Whether `pid` is still running. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
