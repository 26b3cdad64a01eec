#!/usr/bin/env node
// What the dashboard costs burst fanout, measured with the bench's own load generator
// (bench/lib: raw WebSocket subscribers in two processes, a raw HTTP publisher, the same
// CPU pinning). Three conditions, on the same machine, rounds interleaved:
//   off        no dashboard configured
//   idle       dashboard on, nobody watching (the hot path reads one false flag)
//   streaming  dashboard on and a debug console streaming (an SSE client reading every event)
// Prints deliveries/s per condition (median of the rounds) and the drop against "off" and "idle".
// --profile DIR instead runs the idle and streaming conditions on two servers under V8's CPU
// profiler and reports the share of the server's CPU spent in dashboard code and in GC: a
// figure the rest of the machine cannot disturb.
//
//   node tests/dashboard/measure-overhead.mjs [--subscribers 1000] [--inflight 8] [--rounds 5] [--seconds 3] [--json FILE] [--microOnly 1] [--profile DIR]
import { request } from 'node:http';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { startWorker } from '../../bench/lib/rpc.mjs';
import { startServer, pogoConfig, pinTree, cpuSeconds, pogoBundle } from '../../bench/lib/servers.mjs';
import { connectClients, closeClients, measureFanout, sleep, waitForQuiet } from '../../bench/lib/harness.mjs';

const opts = { subscribers: 1000, inflight: 8, rounds: 5, seconds: 3, json: undefined, dataBytes: 100, microOnly: 0, profile: undefined };
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^--/, '');
  if (!(name in opts)) throw new Error(`unknown option ${process.argv[i]}`);
  opts[name] = name === 'json' || name === 'profile' ? process.argv[i + 1] : Number(process.argv[i + 1]);
}
const token = 'measure-overhead-token-0123456789';
const started = Date.now();
const log = (msg) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${msg}`);

/** An SSE client reading the dashboard's stream, as a browser would; counts console events. */
function openConsole(server) {
  const seen = { batches: 0, events: 0, dropped: 0, bytes: 0 };
  let carry = '';
  const req = request({ host: server.host, port: server.port, path: '/dashboard/api/stream', headers: { Authorization: `Bearer ${token}` } }, (res) => {
    if (res.statusCode !== 200) throw new Error(`stream answered ${res.statusCode}`);
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      seen.bytes += chunk.length;
      carry += chunk;
      for (let end = carry.indexOf('\n\n'); end >= 0; end = carry.indexOf('\n\n')) {
        const message = carry.slice(0, end);
        carry = carry.slice(end + 2);
        if (!message.startsWith('event: console\n')) continue;
        const batch = JSON.parse(message.slice(message.indexOf('data: ') + 6));
        seen.batches++;
        seen.events += batch.events.length;
        seen.dropped += batch.dropped;
      }
    });
  });
  req.end();
  return { seen, close: () => req.destroy() };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/**
 * The console's own CPU cost, in this process (immune to the rest of the machine): the
 * dashboard's hub observer and feed, bundled from the source, fed HTTP publishes with the
 * console on. Accepted events include their share of the batch's JSON and SSE framing;
 * events over the rate cap cost only the check.
 */
async function microCost() {
  const { build } = await import('esbuild');
  const entry = new URL('../../server/src/dashboard/observer.ts', import.meta.url).pathname;
  const out = await build({
    stdin: { contents: `export { dashboardObserver } from ${JSON.stringify(entry)}; export { ConsoleFeed } from ${JSON.stringify(entry.replace('observer.ts', 'console-feed.ts'))};`, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  let sent = 0;
  const feed = new mod.ConsoleFeed('bench-node', (payload) => {
    // What broadcast() does per console: one SSE frame string.
    sent += `event: console\ndata: ${payload}\n\n`.length;
  });
  const observer = mod.dashboardObserver(feed);
  const app = { id: 'bench-app' };
  const data = JSON.stringify({ payload: 'x'.repeat(opts.dataBytes) });
  const time = (n, each) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) each(i);
    return Number(process.hrtime.bigint() - t0) / n;
  };
  feed.on = false;
  const offNs = time(2_000_000, () => observer.httpPublished(app, ['bench-burst'], 'bench-event', data, undefined));
  feed.on = true;
  const perFlush = Math.round(feed.maxPerSecond / 10);
  time(200_000, (i) => {
    observer.httpPublished(app, ['bench-burst'], 'bench-event', data, undefined);
    if (i % perFlush === perFlush - 1) feed.flush();
  });
  const acceptedNs = time(400_000, (i) => {
    observer.httpPublished(app, ['bench-burst'], 'bench-event', data, undefined);
    if (i % perFlush === perFlush - 1) feed.flush();
  });
  feed.flush();
  for (let i = 0; i < perFlush; i++) observer.httpPublished(app, ['bench-burst'], 'bench-event', data, undefined);
  const droppedNs = time(2_000_000, () => observer.httpPublished(app, ['bench-burst'], 'bench-event', data, undefined));
  feed.stop();
  return { notWatchingNsPerPublish: Math.round(offNs), acceptedNsPerEvent: Math.round(acceptedNs), overCapNsPerEvent: Math.round(droppedNs), maxPerSecond: feed.maxPerSecond, sseBytes: sent };
}

/** Line ranges of the bundle that come from server/src/dashboard (tsup marks each module). */
function dashboardLines(bundleText) {
  const ranges = [];
  const lines = bundleText.split('\n');
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('// src/')) continue;
    if (start >= 0) ranges.push([start, i]);
    start = lines[i].startsWith('// src/dashboard/') ? i : -1;
  }
  if (start >= 0) ranges.push([start, lines.length]);
  return (line) => ranges.some(([a, z]) => line >= a && line < z);
}

/** Shares of a .cpuprofile: dashboard code (inclusive), garbage collection, busy total. */
function profileShares(file, inDashboard) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let busy = 0;
  let dashboard = 0;
  let gc = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const t = p.timeDeltas[i] ?? 0;
    const leaf = byId.get(p.samples[i]);
    const name = leaf.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') continue;
    busy += t;
    if (name === '(garbage collector)') gc += t;
    for (let id = p.samples[i]; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id).callFrame;
      if (frame.url.endsWith('pogo-ws.cjs') && inDashboard(frame.lineNumber)) {
        dashboard += t;
        break;
      }
    }
  }
  const pct = (x) => Math.round((x / busy) * 10000) / 100;
  return { busySeconds: Math.round(busy / 1e4) / 100, dashboardPct: pct(dashboard), gcPct: pct(gc) };
}

async function profileRun(ctx, pin, round, streamed) {
  const inDashboard = dashboardLines(readFileSync(pogoBundle, 'utf8'));
  const out = {};
  for (const label of ['idle', 'streaming']) {
    const dir = join(opts.profile, label);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const server = await startServer('pogo', { config: pogoConfig(`dashboard-prof-${label}`, { dashboard: { token } }), nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
    if (pin) pinTree(server.pid, pin.server);
    try {
      await connectClients(ctx, server, { count: opts.subscribers, channel: 'bench-burst', ratePerSec: 2000, sampleEvery: 10 });
      await sleep(500);
      const console = label === 'streaming' ? openConsole(server) : undefined;
      await sleep(300);
      for (let i = 0; i < opts.rounds; i++) await round(server, label, 'bench-burst');
      if (console) streamed.push({ ...console.seen });
      console?.close();
    } finally {
      await closeClients(ctx);
      await server.stop();
    }
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    out[label] = file ? profileShares(join(dir, file), inDashboard) : { error: 'no profile written' };
    log(`  ${label}: ${JSON.stringify(out[label])}`);
  }
  return out;
}

async function main() {
  const micro = await microCost();
  log(`console cost in process: ${micro.notWatchingNsPerPublish} ns per publish when nobody watches (counting only), ${micro.acceptedNsPerEvent} ns per event shown (built, batched, JSON, SSE frame), ${micro.overCapNsPerEvent} ns per event over the ${micro.maxPerSecond}/s cap`);
  if (opts.microOnly) return;
  const clients = [1, 2].map((i) => startWorker(new URL('../../bench/lib/client-worker.mjs', import.meta.url), `clients-${i}`));
  const publisher = startWorker(new URL('../../bench/lib/publisher-worker.mjs', import.meta.url), 'publisher');
  const n = cpus().length;
  const pin = n >= 2 ? { server: `0-${Math.floor(n / 2) - 1}`, generator: `${Math.floor(n / 2)}-${n - 1}` } : null;
  if (pin) for (const pid of [process.pid, ...clients.map((w) => w.pid), publisher.pid]) pinTree(pid, pin.generator);
  // noise.budgetMs: how long, over the whole run, rounds may wait for a quiet machine (bench/lib/harness.mjs).
  const ctx = { opts, clients, publisher, log, noise: { budgetMs: 180_000 } };
  const results = { off: [], idle: [], streaming: [] };
  const streamed = [];
  const round = async (server, label, channel) => {
    await waitForQuiet(ctx, server);
    const cpu0 = cpuSeconds(server.pid);
    const r = await measureFanout(ctx, server, { subscribers: opts.subscribers, channel, mode: 'burst', durationMs: opts.seconds * 1000, inflight: opts.inflight });
    // CPU time per delivery barely moves when other work on the machine takes turns on the
    // server's core; deliveries/s does. Both are reported.
    const cpuNsPerDelivery = r.delivered > 0 ? Math.round(((cpuSeconds(server.pid) - cpu0) * 1e9) / r.delivered) : null;
    results[label].push({ deliveriesPerSec: r.deliveriesPerSec, cpuNsPerDelivery, lost: r.lost, p50: r.latencyMs?.p50, serverCpuPct: r.cpu.serverPct, otherCpuPct: r.cpu.otherProcessesPct, acceptedEventsPerSec: r.acceptedEventsPerSec });
    log(`  ${label.padEnd(9)} ${r.deliveriesPerSec.toLocaleString('en')} deliveries/s, ${cpuNsPerDelivery} ns server CPU per delivery, ${r.acceptedEventsPerSec} publishes/s, lost ${r.lost}, server CPU ${r.cpu.serverPct}%, others ${r.cpu.otherProcessesPct}%`);
  };
  if (opts.profile) {
    log(`profiling burst fanout, ${opts.subscribers} subscribers, ${opts.inflight} in flight, ${opts.rounds} rounds of ${opts.seconds} s per condition`);
    const shares = await profileRun(ctx, pin, round, streamed);
    const report = { when: new Date().toISOString(), options: opts, profile: shares, consoleStream: streamed, rounds: results, inProcess: micro };
    log(`dashboard code: ${shares.idle.dashboardPct}% of the server's busy CPU when nobody watches, ${shares.streaming.dashboardPct}% with a console streaming; GC ${shares.idle.gcPct}% → ${shares.streaming.gcPct}%`);
    if (opts.json) writeFileSync(opts.json, JSON.stringify(report, null, 2));
    for (const w of [...clients, publisher]) w.stop();
    return;
  }
  // Both servers run side by side with their own subscribers; rounds rotate through the
  // conditions so that noise from the rest of the machine falls on all three alike.
  const off = await startServer('pogo', { config: pogoConfig('dashboard-off') });
  const on = await startServer('pogo', { config: pogoConfig('dashboard-on', { dashboard: { token } }) });
  try {
    for (const server of [off, on]) {
      if (pin) pinTree(server.pid, pin.server);
      const conn = await connectClients(ctx, server, { count: opts.subscribers, channel: 'bench-burst', ratePerSec: 2000, sampleEvery: 10 });
      if (conn.failed) log(`  ${conn.failed} subscribers failed to connect`);
    }
    await sleep(500);
    log(`burst fanout, ${opts.subscribers} subscribers, ${opts.inflight} publishes in flight, ${opts.rounds} rounds of ${opts.seconds} s per condition`);
    const conditions = ['off', 'idle', 'streaming'];
    for (let i = 0; i < opts.rounds; i++) {
      for (let k = 0; k < conditions.length; k++) {
        const label = conditions[(i + k) % conditions.length];
        if (label !== 'streaming') {
          await round(label === 'off' ? off : on, label, 'bench-burst');
          continue;
        }
        const console = openConsole(on);
        await sleep(300);
        const before = { ...console.seen };
        await round(on, 'streaming', 'bench-burst');
        await sleep(300);
        streamed.push({ events: console.seen.events - before.events, dropped: console.seen.dropped - before.dropped, bytes: console.seen.bytes - before.bytes });
        console.close();
        await sleep(200);
      }
    }
  } finally {
    await closeClients(ctx);
    await Promise.all([off.stop(), on.stop()]);
  }

  const summary = {};
  const cpu = {};
  // Rounds in which the rest of the machine used under 20 % of a core are "quiet"; when every
  // condition has some, the medians come from those alone.
  const quiet = (r) => r.otherCpuPct <= 20;
  const useQuiet = Object.values(results).every((rounds) => rounds.some(quiet));
  for (const [label, rounds] of Object.entries(results)) {
    const pool = useQuiet ? rounds.filter(quiet) : rounds;
    summary[label] = median(pool.map((r) => r.deliveriesPerSec));
    cpu[label] = median(pool.map((r) => r.cpuNsPerDelivery));
  }
  const drop = (a, b) => Math.round(((summary[a] - summary[b]) / summary[a]) * 1000) / 10;
  const more = (a, b) => Math.round(((cpu[b] - cpu[a]) / cpu[a]) * 1000) / 10;
  const report = {
    when: new Date().toISOString(),
    options: { subscribers: opts.subscribers, inflight: opts.inflight, rounds: opts.rounds, seconds: opts.seconds },
    mediansFrom: useQuiet ? 'quiet rounds only' : 'every round (the machine was never quiet: other processes used over 20 % of a core in some condition\'s every round)',
    quietRounds: Object.fromEntries(Object.entries(results).map(([label, rounds]) => [label, rounds.filter(quiet).length])),
    medianDeliveriesPerSec: summary,
    // Noise only ever takes throughput away: the best round is the least disturbed one.
    bestDeliveriesPerSec: Object.fromEntries(Object.entries(results).map(([label, rounds]) => [label, Math.max(...rounds.map((r) => r.deliveriesPerSec))])),
    dropPct: { idleVsOff: drop('off', 'idle'), streamingVsIdle: drop('idle', 'streaming'), streamingVsOff: drop('off', 'streaming') },
    medianCpuNsPerDelivery: cpu,
    cpuPerDeliveryIncreasePct: { idleVsOff: more('off', 'idle'), streamingVsIdle: more('idle', 'streaming'), streamingVsOff: more('off', 'streaming') },
    consoleStream: streamed,
    inProcess: micro,
    rounds: results,
  };
  log(`medians from ${report.mediansFrom}; quiet rounds ${JSON.stringify(report.quietRounds)}`);
  log(`median deliveries/s: off ${summary.off.toLocaleString('en')}, idle ${summary.idle.toLocaleString('en')}, streaming ${summary.streaming.toLocaleString('en')}`);
  log(`best round deliveries/s: off ${report.bestDeliveriesPerSec.off.toLocaleString('en')}, idle ${report.bestDeliveriesPerSec.idle.toLocaleString('en')}, streaming ${report.bestDeliveriesPerSec.streaming.toLocaleString('en')}`);
  log(`drop: idle vs off ${report.dropPct.idleVsOff}%, streaming vs idle ${report.dropPct.streamingVsIdle}%, streaming vs off ${report.dropPct.streamingVsOff}%`);
  log(`median server CPU per delivery: off ${cpu.off} ns, idle ${cpu.idle} ns, streaming ${cpu.streaming} ns (streaming vs off ${report.cpuPerDeliveryIncreasePct.streamingVsOff}%, streaming vs idle ${report.cpuPerDeliveryIncreasePct.streamingVsIdle}%)`);
  log(`console stream per streaming round: ${streamed.map((s) => `${s.events} events shown, ${s.dropped} over the rate cap`).join('; ')}`);
  if (opts.json) writeFileSync(opts.json, JSON.stringify(report, null, 2));
  for (const w of [...clients, publisher]) w.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
