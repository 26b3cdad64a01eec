#!/usr/bin/env node
// `npm run bench`: runs every scenario against the Pogo server and the baseline in one go,
// then writes bench/results/latest.{json,md,svg} and prints the table.
//
// Flags:
//   --quick                 short runs, 2 000 connections for memory (results go to results/tmp/)
//   --scenario a,b          only these scenarios (burst, steady, http, memory, many, presence, cluster, recovery, dashboard, fallback)
//   --servers a,b           only these servers (pogo, baseline, soketi; baseline brings the coalescing
//                           baseline burst's latency is compared with); Soketi 1.6.1 is installed by npm
//                           into bench/.peers/ on first use, and skipped with the reason where it cannot be
//   --subscribers N         fanout subscribers (default 1000)
//   --inflight N            burst publishes in flight (default 8)
//   --steady-rate N         steady publishes per second (default 25)
//   --memory-connections N  idle connections for the memory scenario (default 10000)
//   --many-connections N    subscribed connections one Pogo process holds in `many` (default 19000)
//   --save                  write results/latest.* even for a partial or quick run
//   --no-pin                do not pin: by default the server runs on the first half of the CPUs
//                           and the load generator on the other half (taskset), so they never
//                           compete for a core
//   --pogo-node-flags "..."  extra node flags for the Pogo server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { startWorker } from './lib/rpc.mjs';
import { verifyAgainstVectors } from './lib/pusher-sign.mjs';
import { checkFrameParser } from './lib/selfcheck.mjs';
import { startServer, pogoBundle, repoRoot, pinTree, pogoBuild, peerScripts } from './lib/servers.mjs';
import { prepareSoketi } from './lib/peers.mjs';
import { markdown } from './lib/report.mjs';
import { svgChart } from './lib/chart.mjs';
import { burst, steady } from './scenarios/fanout.mjs';
import { http } from './scenarios/http.mjs';
import { memory } from './scenarios/memory.mjs';
import { presence } from './scenarios/presence.mjs';
import { cluster } from './scenarios/cluster.mjs';
import { recovery } from './scenarios/recovery.mjs';
import { dashboard } from './scenarios/dashboard.mjs';
import { many } from './scenarios/many.mjs';
import { fallback } from './scenarios/fallback.mjs';

const SCENARIOS = [burst, steady, http, memory, many, presence, cluster, recovery, dashboard, fallback];
const CLIENT_PROCESSES = 2;
const SERVERS = ['baseline', 'pogo', 'soketi'];
/** The --servers name that selects a server kind. */
const selector = (kind) => (kind === 'coalesce' ? 'baseline' : kind);

function parseArgs(argv) {
  const o = { quick: false, save: false, scenarios: SCENARIOS.map((s) => s.name), servers: [...SERVERS], subscribers: 1000, inflight: 8, steadyRate: 25, memoryConnections: 10000, manyConnections: 19000, dataBytes: 100, pogoNodeFlags: [], pin: true };
  const num = (v, name) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} needs a positive integer, got ${v}`);
    return n;
  };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--save') o.save = true;
    else if (a === '--no-pin') o.pin = false;
    else if (a === '--scenario') o.scenarios = next().split(',');
    else if (a === '--servers') o.servers = next().split(',');
    else if (a === '--subscribers') o.subscribers = num(next(), 'subscribers');
    else if (a === '--inflight') o.inflight = num(next(), 'inflight');
    else if (a === '--steady-rate') o.steadyRate = num(next(), 'steady-rate');
    else if (a === '--memory-connections') o.memoryConnections = num(next(), 'memory-connections');
    else if (a === '--many-connections') o.manyConnections = num(next(), 'many-connections');
    else if (a === '--pogo-node-flags') o.pogoNodeFlags = next().split(' ').filter(Boolean);
    else if (a === '--help' || a === '-h') {
      console.log(readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown option ${a} (see --help)`);
  }
  for (const s of o.scenarios) if (!SCENARIOS.some((x) => x.name === s)) throw new Error(`unknown scenario ${s}; known: ${SCENARIOS.map((x) => x.name).join(', ')}`);
  for (const s of o.servers) if (!SERVERS.includes(s)) throw new Error(`unknown server ${s}; known: ${SERVERS.join(', ')}`);
  return o;
}

function openFilesLimit() {
  const m = /Max open files\s+(\d+)\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'));
  return m ? { soft: Number(m[1]), hard: Number(m[2]) } : null;
}

async function main() {
  const opts = parseArgs(process.argv);
  const started = Date.now();
  const log = (msg) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${msg}`);

  const vectors = verifyAgainstVectors(join(repoRoot, 'tests/fixtures/pusher-signatures.json'));
  if (vectors.checked) log(`request signing matches ${vectors.checked} vectors from the official Pusher SDKs`);
  log(`frame parser self-check: ${checkFrameParser()} frames cut at arbitrary points parsed back intact`);

  // Open files: the server holds every connection, each client process half of them.
  // Node cannot raise its own limit, so the children inherit this shell's (raise it with
  // `ulimit -n 65536` before `npm run bench` where the hard limit allows).
  const limit = openFilesLimit();
  for (const [scenario, connections] of [['memory', opts.memoryConnections], ['many', opts.manyConnections]]) {
    const needed = connections + 1000;
    if (opts.scenarios.includes(scenario) && limit && limit.soft < needed) {
      throw new Error(`open files limit is ${limit.soft}, the ${scenario} scenario needs ${needed}: run \`ulimit -n ${Math.max(needed, 65536)}\` first`);
    }
  }

  const available = { baseline: null, coalesce: null, pogo: existsSync(pogoBundle) ? null : 'server/dist/pogo-ws.cjs is not built (npm run build -w server)', soketi: 'not selected (--servers)' };
  if (opts.servers.includes('soketi')) {
    const soketi = await prepareSoketi(repoRoot, log);
    if (soketi.script) {
      peerScripts.set('soketi', soketi.script);
      available.soketi = null;
      log('Soketi 1.6.1 runs beside Pogo in every scenario it supports');
    } else {
      available.soketi = soketi.skipped;
      log(`Soketi skipped: ${soketi.skipped}`);
    }
  }
  const clients = Array.from({ length: CLIENT_PROCESSES }, (_, i) => startWorker(new URL('./lib/client-worker.mjs', import.meta.url), `clients-${i + 1}`));
  const publisher = startWorker(new URL('./lib/publisher-worker.mjs', import.meta.url), 'publisher');
  const servers = new Set();
  const cpuCount = cpus().length;
  const pinning = opts.pin && cpuCount >= 2 ? { server: `0-${Math.floor(cpuCount / 2) - 1}`, generator: `${Math.floor(cpuCount / 2)}-${cpuCount - 1}` } : null;
  if (pinning) {
    const okPin = [process.pid, ...clients.map((w) => w.pid), publisher.pid].every((pid) => pinTree(pid, pinning.generator));
    if (okPin) log(`pinned: server on CPU ${pinning.server}, load generator on CPU ${pinning.generator}`);
    else {
      log('taskset failed: running unpinned');
      pinning.failed = true;
    }
  }
  const ctx = {
    opts,
    /** Waiting for a quiet machine may take this long in all (ms); see lib/harness.mjs. */
    noise: { budgetMs: opts.quick ? 15000 : 60000 },
    clients,
    publisher,
    log,
    /** Runs `fn` with the load generator on every CPU (servers started meanwhile with `pin: false` too), then pins it back. */
    async onWholeMachine(fn) {
      const generator = [process.pid, ...clients.map((w) => w.pid), publisher.pid];
      if (!pinning || pinning.failed) return fn();
      for (const pid of generator) pinTree(pid, `0-${cpuCount - 1}`);
      try {
        return await fn();
      } finally {
        for (const pid of generator) pinTree(pid, pinning.generator);
      }
    },
    /** Puts a server-side process (a server, Redis) on the server's CPUs. */
    pinServer: (pid) => pinning && !pinning.failed && pinTree(pid, pinning.server),
    // The coalescing baseline (burst's latency reference) comes with the baseline.
    has: (kind) => opts.servers.includes(selector(kind)) && available[kind] === null,
    missing: (kind) => (opts.servers.includes(selector(kind)) ? available[kind] : 'not selected (--servers)'),
    async start(kind, startOpts) {
      const extra = kind === 'pogo' ? opts.pogoNodeFlags : [];
      const how = { ...startOpts, nodeFlags: [...extra, ...(startOpts?.nodeFlags ?? [])] };
      let s;
      try {
        s = await startServer(kind, how);
      } catch (e) {
        // The bundle may be mid-rebuild on a shared checkout: one retry after a pause.
        if (!/Cannot find module|SyntaxError|not found/.test(e.message)) throw e;
        log(`  ${kind} failed to start (${e.message.split('\n')[0]}); retrying in 5 s`);
        await new Promise((r) => setTimeout(r, 5000));
        s = await startServer(kind, how);
      }
      if (startOpts?.pin !== false) ctx.pinServer(s.pid);
      // Unpinned means every CPU: a child of this (pinned) process would otherwise inherit the generator's.
      else if (pinning && !pinning.failed) pinTree(s.pid, `0-${cpuCount - 1}`);
      servers.add(s);
      const stop = s.stop;
      s.stop = async () => {
        servers.delete(s);
        await stop();
      };
      return s;
    },
    /** Runs `fn(kind)` per server kind; a missing server or a failure is recorded, not thrown. */
    async eachKind(kinds, fn) {
      const out = {};
      for (const kind of kinds) {
        if (!ctx.has(kind)) {
          out[kind] = { skipped: true, reason: ctx.missing(kind) };
          continue;
        }
        log(`  ${kind}…`);
        try {
          out[kind] = await fn(kind);
          log(`  ${kind}: ${headline(out[kind])}`);
        } catch (e) {
          out[kind] = { error: e.message };
          log(`  ${kind}: error: ${e.message}`);
        }
      }
      return out;
    },
  };

  const cleanup = async () => {
    for (const s of servers) await s.stop();
    for (const w of [...clients, publisher]) w.stop();
  };
  process.on('SIGINT', () => cleanup().then(() => process.exit(130)));

  const results = {
    startedAt: new Date(started).toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memGiB: Math.round(totalmem() / 2 ** 30), node: process.version, kernel: release(), openFiles: limit },
    options: opts,
    pogoBuild: pogoBuild(),
    peers: { soketi: available.soketi === null ? { version: '1.6.1' } : { skipped: available.soketi } },
    generator: { clientProcesses: CLIENT_PROCESSES, publisherProcesses: 1, signingVectorsChecked: vectors.checked, pinning },
    scenarios: {},
  };
  try {
    for (const sc of SCENARIOS.filter((s) => opts.scenarios.includes(s.name))) {
      log(`${sc.title} (${sc.name})`);
      results.scenarios[sc.name] = await sc.run(ctx);
    }
  } finally {
    await cleanup();
  }
  results.durationSeconds = Math.round((Date.now() - started) / 1000);

  const full = !opts.quick && opts.scenarios.length === SCENARIOS.length && SERVERS.every((k) => opts.servers.includes(k));
  const dir = join(repoRoot, 'bench/results');
  const outDir = full || opts.save ? dir : join(dir, 'tmp');
  const base = full || opts.save ? 'latest' : `run-${results.startedAt.replace(/[:.]/g, '-')}`;
  mkdirSync(outDir, { recursive: true });
  const md = markdown(results);
  writeFileSync(join(outDir, `${base}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(outDir, `${base}.md`), `${md}\n`);
  writeFileSync(join(outDir, `${base}.svg`), svgChart(results));
  console.log(`\n${md}\n`);
  log(`wrote ${join(outDir, base)}.{json,md,svg}`);
}

function headline(r) {
  if (r.deliveriesPerSec !== undefined) return `${r.connections ? `${r.connections} connections, ${r.rssKiBPerConnection} KiB RSS each; ` : ''}${r.deliveriesPerSec} deliveries/s, p99 ${r.latencyMs.p99} ms, lost ${r.lost}, rejected ${JSON.stringify(r.rejected)}, server CPU ${r.cpu.serverPct}%`;
  if (r.single) return `/events ${r.single.acceptedRequestsPerSec} req/s, /batch_events ${r.batch10.acceptedEventsPerSec} events/s`;
  if (r.rssKiBPerConnectionAfterGc !== undefined) return `${r.connections} connections, ${r.rssKiBPerConnection} KiB RSS each 5 s after the last subscribe (no forced GC), ${r.rssKiBPerConnectionAfterGc} KiB after forced GCs, ${r.heapKiBPerConnection} KiB heap`;
  if (r.joinsPerSec !== undefined) return `${r.joinsPerSec} joins/s, ${r.leavesPerSec} leaves/s, errors ${r.errors}`;
  return 'done';
}

main().catch((e) => {
  console.error(`bench: ${e.message}`);
  process.exit(1);
});
