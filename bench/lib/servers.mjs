// Starting the servers under test and reading their CPU and memory from /proc.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { freePort, soketiConfig } from './peers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../..');
export const tmpDir = join(repoRoot, 'bench/results/tmp');
// POGO_BENCH_BUNDLE: measure another build of the server (an experiment beside the committed one).
export const pogoBundle = process.env.POGO_BENCH_BUNDLE ?? join(repoRoot, 'server/dist/pogo-ws.cjs');
const baselineScript = join(repoRoot, 'bench/baseline-server.mjs');

export const APP = { id: 'bench-app', key: 'bench-key', secret: 'bench-secret' };

const TICKS_PER_SEC = 100; // USER_HZ on Linux

/** Which Pogo build is measured: the bundle's sha256 and the last commit that touched it. */
export function pogoBuild() {
  if (!existsSync(pogoBundle)) return null;
  const sha256 = createHash('sha256').update(readFileSync(pogoBundle)).digest('hex');
  let commit = null;
  try {
    commit = execFileSync('git', ['log', '-1', '--format=%h %s', '--', 'server/dist/pogo-ws.cjs'], { cwd: repoRoot, encoding: 'utf8' }).trim().slice(0, 120);
  } catch {
    /* not a git checkout */
  }
  let modified = null; // the bundle differs from that commit (built from a work in progress)
  try {
    execFileSync('git', ['diff', '--quiet', '--', 'server/dist/pogo-ws.cjs'], { cwd: repoRoot, stdio: 'ignore' });
    modified = false;
  } catch (e) {
    if (e.status === 1) modified = true;
  }
  return { sha256, commit, modified };
}

/** Writes a Pogo config file for the bench app, with `extra` merged at the top level and `appExtra` into the app. */
export function pogoConfig(name, extra = {}, appExtra = {}) {
  mkdirSync(tmpDir, { recursive: true });
  const file = join(tmpDir, `${name}.json`);
  // Abuse limits off (0 = unlimited): the benchmark measures the server, not its rate limits.
  const limits = { handshakesPerSecondPerIp: 0, httpRequestsPerSecond: 0 };
  const app = { id: APP.id, key: APP.key, secret: APP.secret, enabled: true, clientEvents: true, allowedOrigins: ['*'], ...appExtra, limits: { ...limits, ...appExtra.limits } };
  writeFileSync(file, JSON.stringify({ apps: [app], ...extra }, null, 2));
  return file;
}

/** Installed peers' server scripts by kind (run.mjs sets them once installed): 'soketi'. */
export const peerScripts = new Map();

/** Script, arguments, working directory and the line that says it listens, per kind of server. */
async function launch(kind, { config, args }) {
  if (kind === 'pogo') return { script: pogoBundle, cliArgs: ['start', '--config', config ?? pogoConfig('pogo'), '--host', '127.0.0.1', '--port', '0', ...args], cwd: repoRoot, listening: /listening on http:\/\/([\d.]+):(\d+)/ };
  if (kind === 'baseline') return { script: baselineScript, cliArgs: ['--host', '127.0.0.1', '--port', '0', ...args], cwd: repoRoot, listening: /listening on http:\/\/([\d.]+):(\d+)/ };
  if (kind === 'coalesce') return { script: baselineScript, cliArgs: ['--host', '127.0.0.1', '--port', '0', '--coalesce', ...args], cwd: repoRoot, listening: /listening on http:\/\/([\d.]+):(\d+)/ };
  if (kind === 'soketi') {
    const script = peerScripts.get('soketi');
    if (!script) throw new Error('Soketi is not installed');
    const port = await freePort();
    const file = join(tmpDir, 'soketi.json');
    mkdirSync(tmpDir, { recursive: true });
    writeFileSync(file, JSON.stringify(soketiConfig({ app: APP, port, metricsPort: await freePort(), discoveryPort: await freePort('udp') }), null, 2));
    // Its cwd is the temp dir: Soketi reads a .env from where it starts.
    return { script, cliArgs: ['start', `--config=${file}`], cwd: tmpDir, listening: /HTTP API server is available at http:\/\/([\d.]+):(\d+)/ };
  }
  throw new Error(`unknown server kind ${kind}`);
}

/**
 * Spawns a server and resolves once it says it listens (Pogo and the baseline print
 * `listening on http://host:port`). kind 'pogo' | 'baseline' | 'coalesce' | 'soketi'. Rejects (with its
 * output) if it exits or stays silent.
 */
export async function startServer(kind, { config, args = [], nodeFlags = [], timeoutMs = 15000 } = {}) {
  const { script, cliArgs, cwd, listening } = await launch(kind, { config, args });
  if (!existsSync(script)) throw new Error(`${script} not found (build it with: npm run build -w server)`);
  const child = spawn(process.execPath, [...nodeFlags, script, ...cliArgs], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${kind} did not report listening within ${timeoutMs} ms. Output:\n${output.slice(-1500)}`));
    }, timeoutMs);
    const onOut = (d) => {
      output += d.toString();
      if (output.length > 200000) output = output.slice(-100000);
      const m = listening.exec(output);
      if (m && !child.listening) {
        child.listening = true;
        clearTimeout(timer);
        resolvePromise({
          kind,
          pid: child.pid,
          host: m[1],
          port: Number(m[2]),
          output: () => output,
          stop: () => stopChild(child),
        });
      }
    };
    child.stdout.on('data', onOut);
    child.stderr.on('data', onOut);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!child.listening) reject(new Error(`${kind} exited (${code ?? signal}) before listening. Output:\n${output.slice(-1500)}`));
    });
  });
}

function stopChild(child) {
  return new Promise((r) => {
    if (child.exitCode !== null || child.signalCode !== null) return r();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      r();
    });
    child.kill('SIGTERM');
  });
}

/** The pid and all its descendants (for servers that fork workers). */
export function processTree(pid) {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const t of readdirSync(`/proc/${out[i]}/task`)) {
        const kids = readFileSync(`/proc/${out[i]}/task/${t}/children`, 'utf8').trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      /* process gone */
    }
  }
  return out;
}

/** user+system CPU seconds of the process tree. */
export function cpuSeconds(pid) {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
    } catch {
      /* gone */
    }
  }
  return ticks / TICKS_PER_SEC;
}

/** VmRSS of the process tree in KiB. */
export function rssKiB(pid) {
  let kib = 0;
  for (const p of processTree(pid)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) kib += Number(m[1]);
    } catch {
      /* gone */
    }
  }
  return kib;
}

/** CPU use of one or more process trees over a window: call, then call the result → percent of one core. */
export function cpuMeter(pids) {
  const list = Array.isArray(pids) ? pids : [pids];
  const total = () => list.reduce((s, p) => s + cpuSeconds(p), 0);
  const t0 = process.hrtime.bigint();
  const c0 = total();
  return () => {
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    return Math.round(((total() - c0) / wall) * 1000) / 10;
  };
}

/** Syscall and byte counters of the process tree from /proc/<pid>/io (write and read syscalls). */
export function ioCounters(pid) {
  const c = { syscw: 0, syscr: 0, wchar: 0 };
  for (const p of processTree(pid)) {
    try {
      for (const line of readFileSync(`/proc/${p}/io`, 'utf8').split('\n')) {
        const [k, v] = line.split(':');
        if (k in c) c[k] += Number(v);
      }
    } catch {
      /* gone */
    }
  }
  return c;
}

/** Restricts a process tree (every thread) to the given CPU list, e.g. "0" or "1-3"; false if taskset is missing. */
export function pinTree(pid, cpuList) {
  try {
    for (const p of processTree(pid)) execFileSync('taskset', ['-a', '-p', '-c', cpuList, String(p)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * CPU used by every process outside the given trees over a window (percent of one core):
 * on a shared machine, a round where other work ran beside the benchmark is marked noisy.
 */
export function otherCpuMeter(ourPids) {
  const snapshot = () => {
    const ours = new Set(ourPids.flatMap(processTree));
    const ticks = new Map();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name) || ours.has(Number(name))) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks.set(name, Number(f[11]) + Number(f[12]));
      } catch {
        /* gone */
      }
    }
    return ticks;
  };
  const t0 = process.hrtime.bigint();
  const before = snapshot();
  return () => {
    let used = 0; // processes that exited during the window are not counted
    for (const [pid, t] of snapshot()) used += t - (before.get(pid) ?? 0);
    return Math.round((used / TICKS_PER_SEC / (Number(process.hrtime.bigint() - t0) / 1e9)) * 1000) / 10;
  };
}
