#!/usr/bin/env node
// What the dashboard costs burst fanout, measured with the bench's own load generator
// (bench/lib: raw WebSocket subscribers in two processes, a raw HTTP publisher, the same
// CPU pinning). Three conditions, on the same machine, rounds interleaved:
//   off        no dashboard configured
//   idle       dashboard on, nobody watching (the hot path reads one false flag)
//   streaming  dashboard on and a debug console streaming (an SSE client reading every event)
// Prints deliveries/s per condition (median of the rounds) and the drop against "off" and "idle".
//
//   node tests/dashboard/measure-overhead.mjs [--subscribers 1000] [--inflight 8] [--rounds 5] [--seconds 3] [--json FILE]
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { startWorker } from '../../bench/lib/rpc.mjs';
import { startServer, pogoConfig, pinTree, cpuSeconds } from '../../bench/lib/servers.mjs';
import { connectClients, closeClients, measureFanout, sleep, waitForQuiet } from '../../bench/lib/harness.mjs';

const opts = { subscribers: 1000, inflight: 8, rounds: 5, seconds: 3, json: undefined, dataBytes: 100 };
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^--/, '');
  if (!(name in opts)) throw new Error(`unknown option ${process.argv[i]}`);
  opts[name] = name === 'json' ? process.argv[i + 1] : Number(process.argv[i + 1]);
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
      let end;
      while ((end = carry.indexOf('\n\n')) >= 0) {
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

async function main() {
  const clients = [1, 2].map((i) => startWorker(new URL('../../bench/lib/client-worker.mjs', import.meta.url), `clients-${i}`));
  const publisher = startWorker(new URL('../../bench/lib/publisher-worker.mjs', import.meta.url), 'publisher');
  const n = cpus().length;
  const pin = n >= 2 ? { server: `0-${Math.floor(n / 2) - 1}`, generator: `${Math.floor(n / 2)}-${n - 1}` } : null;
  if (pin) for (const pid of [process.pid, ...clients.map((w) => w.pid), publisher.pid]) pinTree(pid, pin.generator);
  const ctx = { opts, clients, publisher, log };
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
  for (const [label, rounds] of Object.entries(results)) {
    summary[label] = median(rounds.map((r) => r.deliveriesPerSec));
    cpu[label] = median(rounds.map((r) => r.cpuNsPerDelivery));
  }
  const drop = (a, b) => Math.round(((summary[a] - summary[b]) / summary[a]) * 1000) / 10;
  const more = (a, b) => Math.round(((cpu[b] - cpu[a]) / cpu[a]) * 1000) / 10;
  const report = {
    when: new Date().toISOString(),
    options: { subscribers: opts.subscribers, inflight: opts.inflight, rounds: opts.rounds, seconds: opts.seconds },
    medianDeliveriesPerSec: summary,
    dropPct: { idleVsOff: drop('off', 'idle'), streamingVsIdle: drop('idle', 'streaming'), streamingVsOff: drop('off', 'streaming') },
    medianCpuNsPerDelivery: cpu,
    cpuPerDeliveryIncreasePct: { idleVsOff: more('off', 'idle'), streamingVsIdle: more('idle', 'streaming'), streamingVsOff: more('off', 'streaming') },
    consoleStream: streamed,
    rounds: results,
  };
  log(`median deliveries/s: off ${summary.off.toLocaleString('en')}, idle ${summary.idle.toLocaleString('en')}, streaming ${summary.streaming.toLocaleString('en')}`);
  log(`drop: idle vs off ${report.dropPct.idleVsOff}%, streaming vs idle ${report.dropPct.streamingVsIdle}%, streaming vs off ${report.dropPct.streamingVsOff}%`);
  log(`median server CPU per delivery: off ${cpu.off} ns, idle ${cpu.idle} ns, streaming ${cpu.streaming} ns (streaming vs off +${report.cpuPerDeliveryIncreasePct.streamingVsOff}%, streaming vs idle +${report.cpuPerDeliveryIncreasePct.streamingVsIdle}%)`);
  log(`console stream per streaming round: ${streamed.map((s) => `${s.events} events shown, ${s.dropped} over the rate cap`).join('; ')}`);
  if (opts.json) writeFileSync(opts.json, JSON.stringify(report, null, 2));
  for (const w of [...clients, publisher]) w.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
