// Scenarios 1 and 2: one channel, many subscribers, events published through the HTTP API.
import { connectClients, closeClients, measureFanout, measureQuietly, quiet, waitForQuiet } from '../lib/harness.mjs';


/** The quiet round with the median deliveries/s carries the headline; losses add up over all rounds. */
function summarise(rounds) {
  const pool = rounds.some(quiet) ? rounds.filter(quiet) : rounds;
  const sorted = [...pool].sort((a, b) => a.deliveriesPerSec - b.deliveriesPerSec);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  const sum = (k) => rounds.reduce((s, r) => s + r[k], 0);
  return {
    ...median,
    lost: sum('lost'),
    expectedDeliveries: sum('expectedDeliveries'),
    delivered: sum('delivered'),
    clientsClosedDuringRun: sum('clientsClosedDuringRun'),
    quietRounds: rounds.filter(quiet).length,
    rounds: rounds.map((r) => ({ otherProcessesCpuPct: r.cpu.otherProcessesPct, deliveriesPerSec: r.deliveriesPerSec, latencyMs: r.latencyMs, lost: r.lost, serverCpuPct: r.cpu.serverPct, deliveriesPerWrite: r.serverSyscalls.deliveriesPerWrite })),
  };
}

async function fanout(ctx, kind, { mode, rounds, warmupMs = 0, durationMs, inflight, rate, extraInflight }) {
  const subscribers = ctx.opts.subscribers;
  const server = await ctx.start(kind);
  try {
    const channel = `bench-${mode}`;
    const conn = await connectClients(ctx, server, { count: subscribers, channel, ratePerSec: 2000, sampleEvery: 10 });
    if (conn.failed > 0) ctx.log(`  ${kind}: ${conn.failed} subscribers failed: ${JSON.stringify(conn.failures)}`);
    // Every server's first round after the connects ran slower than its later ones (JIT, socket
    // buffers, the generator's own warm-up): one round first, not reported.
    if (warmupMs > 0) await measureFanout(ctx, server, { subscribers: conn.ok, channel, mode, durationMs: warmupMs, inflight, rate });
    // `rounds` measured rounds; while fewer than `rounds` were quiet, up to 2 more.
    const measured = [];
    while (measured.length < rounds || (measured.filter(quiet).length < rounds && measured.length < rounds + 2 && ctx.noise.budgetMs > 0)) {
      await waitForQuiet(ctx, server);
      const r = await measureFanout(ctx, server, { subscribers: conn.ok, channel, mode, durationMs, inflight, rate });
      if (!quiet(r)) ctx.log(`  ${kind}: noisy round (other processes used ${r.cpu.otherProcessesPct}% CPU)`);
      measured.push(r);
    }
    const out = { connectFailures: conn.failed, inflight, ...(rate ? { ratePerSec: rate } : {}), ...(measured.length > 1 ? summarise(measured) : measured[0]) };
    if (extraInflight) {
      const r = await measureQuietly(ctx, server, { subscribers: conn.ok, channel, mode, durationMs, inflight: extraInflight });
      out.moreInFlight = { inflight: extraInflight, deliveriesPerSec: r.deliveriesPerSec, latencyMs: r.latencyMs, lost: r.lost, deliveriesPerWrite: r.serverSyscalls.deliveriesPerWrite, serverCpuPct: r.cpu.serverPct, generatorCpuPct: Math.round(r.cpu.clients.reduce((a, u) => a + u.cpuPct, 0) + r.cpu.publisher.cpuPct), otherProcessesPct: r.cpu.otherProcessesPct };
    }
    return out;
  } finally {
    await closeClients(ctx);
    await server.stop();
  }
}

export const burst = {
  name: 'burst',
  title: 'Burst fanout',
  async run(ctx) {
    const q = ctx.opts.quick;
    // 'coalesce': the baseline framing once and writing each socket once per turn, burst latency's reference.
    return ctx.eachKind(['baseline', 'coalesce', 'pogo', 'soketi'], (kind) => fanout(ctx, kind, { mode: 'burst', rounds: q ? 1 : 5, warmupMs: q ? 0 : 2000, durationMs: q ? 3000 : 4000, inflight: ctx.opts.inflight, extraInflight: ctx.opts.inflight * 4 }));
  },
};

export const steady = {
  name: 'steady',
  title: 'Steady fanout',
  async run(ctx) {
    const durationMs = ctx.opts.quick ? 3000 : 8000;
    return ctx.eachKind(['baseline', 'pogo', 'soketi'], (kind) => fanout(ctx, kind, { mode: 'steady', rounds: 1, durationMs, inflight: 64, rate: ctx.opts.steadyRate }));
  },
};
