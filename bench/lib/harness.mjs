// What every scenario shares: spreading clients over the generator processes, one
// measured publish run with its drain, and the numbers derived from it.
import { Histogram } from './histogram.mjs';
import { APP, cpuMeter, ioCounters, otherCpuMeter } from './servers.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Opens `count` clients split evenly over the generator processes (or over `targets`, one per process). */
export async function connectClients(ctx, server, { count, channel = null, channelPrefix = null, ratePerSec = 1000, sampleEvery = 10, targets = null }) {
  const n = ctx.clients.length;
  const results = await Promise.all(
    ctx.clients.map((w, i) => {
      const share = Math.floor(count / n) + (i < count % n ? 1 : 0);
      const startIndex = i * Math.ceil(count / n);
      const t = targets ? targets[i % targets.length] : server;
      return w.call('connect', { host: t.host, port: t.port, key: APP.key, count: share, startIndex, channel, channelPrefix, ratePerSec: ratePerSec / n, sampleEvery, timeoutMs: 15000 }, 120000);
    }),
  );
  const failures = {};
  for (const r of results) for (const [k, v] of Object.entries(r.failures)) failures[k] = (failures[k] ?? 0) + v;
  return { ok: results.reduce((s, r) => s + r.ok, 0), failed: results.reduce((s, r) => s + r.failed, 0), failures, ms: Math.max(...results.map((r) => r.ms)) };
}

export const closeClients = (ctx) => Promise.all(ctx.clients.map((w) => w.call('closeAll', {}, 60000)));

async function clientStats(ctx, stop) {
  const all = await Promise.all(ctx.clients.map((w) => w.call('stats', { stop })));
  const hist = new Histogram();
  for (const s of all) hist.merge(s.hist);
  return { delivered: all.reduce((s, x) => s + x.delivered, 0), lastUs: Math.max(...all.map((x) => x.lastUs)), closes: all.reduce((s, x) => s + x.closes, 0), closeReasons: Object.assign({}, ...all.map((x) => x.closeReasons)), hist, usage: all.map((x) => x.usage) };
}

/** Waits until every expected delivery arrived, or nothing arrived for `quietMs`, or `maxMs` passed. */
async function drain(ctx, expected, { quietMs = 2000, maxMs = 15000 } = {}) {
  const started = Date.now();
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const s = await clientStats(ctx, false);
    if (s.delivered >= expected) return;
    if (s.delivered !== last) {
      last = s.delivered;
      lastChange = Date.now();
    }
    if (Date.now() - lastChange > quietMs || Date.now() - started > maxMs) return;
    await sleep(100);
  }
}

/**
 * One measured fanout run against already-connected subscribers: publish (burst or steady),
 * drain, and report deliveries/s over [first publish sent, last delivery read], delivery
 * latency (publisher send → client read), losses against accepted publishes × subscribers.
 */
export async function measureFanout(ctx, server, { subscribers, publishTo = server, cpuOf = [server.pid], channel, mode, durationMs, inflight, rate = 0, batch = 0, channels = 0 }) {
  await Promise.all(ctx.clients.map((w) => w.call('reset')));
  const serverCpu = cpuMeter(cpuOf);
  const io0 = cpuOf.map(ioCounters);
  const otherCpu = otherCpuMeter([process.pid, ...cpuOf, ...ctx.clients.map((w) => w.pid), ctx.publisher.pid]);
  const pub = await ctx.publisher.call('run', { mode, host: publishTo.host, port: publishTo.port, appId: APP.id, key: APP.key, secret: APP.secret, channel, eventName: 'bench-event', dataBytes: ctx.opts.dataBytes, durationMs, inflight, rate, batch, channels }, durationMs + 60000);
  const expected = pub.acceptedEvents * subscribers;
  await drain(ctx, expected);
  const serverCpuPct = serverCpu();
  const otherCpuPct = otherCpu();
  const io = cpuOf.map(ioCounters).reduce((acc, c, i) => ({ writes: acc.writes + c.syscw - io0[i].syscw, reads: acc.reads + c.syscr - io0[i].syscr, bytes: acc.bytes + c.wchar - io0[i].wchar }), { writes: 0, reads: 0, bytes: 0 });
  const s = await clientStats(ctx, true);
  const windowUs = s.lastUs - pub.firstUs;
  return {
    subscribers,
    publishedRequests: pub.requests,
    acceptedEvents: pub.acceptedEvents,
    rejected: pub.rejected,
    publishErrors: pub.errors,
    sampleRejection: pub.sampleRejection,
    skippedPublishes: pub.skipped,
    publishSeconds: round(pub.elapsedMs / 1000, 2),
    acceptedEventsPerSec: round(pub.acceptedEvents / (pub.elapsedMs / 1000)),
    acceptedRequestsPerSec: round(pub.acceptedRequests / (pub.elapsedMs / 1000)),
    expectedDeliveries: expected,
    delivered: s.delivered,
    lost: Math.max(0, expected - s.delivered),
    extra: Math.max(0, s.delivered - expected),
    deliveriesPerSec: windowUs > 0 ? round(s.delivered / (windowUs / 1e6)) : 0,
    latencyMs: s.hist.summaryMs(),
    httpLatencyMs: pub.httpLatencyMs,
    clientsClosedDuringRun: s.closes,
    ...(s.closes ? { closeReasons: s.closeReasons } : {}),
    // Why a server is fast or slow at fanout: how many deliveries each write syscall carries.
    serverSyscalls: { writes: io.writes, reads: io.reads, deliveriesPerWrite: io.writes ? round(s.delivered / io.writes, 2) : null, bytesPerWrite: io.writes ? round(io.bytes / io.writes) : null },
    cpu: { serverPct: serverCpuPct, publisher: pub.usage, clients: s.usage, otherProcessesPct: otherCpuPct },
  };
}

/**
 * Connects subscribers (`connect`: connectClients' options), runs one measured burst (`measure`:
 * measureFanout's options; by default to the channel connected to, every connected subscriber
 * counted, the run's publishes in flight), then closes them. Says how many failed to connect.
 */
export async function burstWithSubscribers(ctx, server, connect, measure) {
  const conn = await connectClients(ctx, server, { ratePerSec: 2000, sampleEvery: 10, ...connect });
  try {
    const r = await measureFanout(ctx, server, { subscribers: conn.ok, channel: connect.channel, mode: 'burst', inflight: ctx.opts.inflight, ...measure });
    return { connectFailures: conn.failed, ...r };
  } finally {
    await closeClients(ctx);
  }
}

export const round = (x, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The median (the mean of the middle two for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Measures two conditions over `rounds` pairs, alternating which goes first (a-b, b-a, ...):
 * the second server of a pair was measured to run a few percent slower, whatever it was.
 * Resolves with each condition's results, in order.
 */
export async function alternating(rounds, [a, b], measure) {
  const out = { [a]: [], [b]: [] };
  for (let i = 0; i < rounds; i++) {
    for (const condition of i % 2 === 0 ? [a, b] : [b, a]) out[condition].push(await measure(condition));
  }
  return out;
}

// A measurement during which other processes on the machine used more than this (percent of
// one core) is noisy: headlines come from quiet measurements when there are any.
export const NOISY_OTHER_CPU_PCT = 20;
export const quiet = (r) => r.cpu.otherProcessesPct <= NOISY_OTHER_CPU_PCT;

/** Waits (at most 10 s) for a half second in which other processes stay under the noise bar. */
export async function waitForQuiet(ctx, server) {
  const ours = [process.pid, server.pid, ...ctx.clients.map((w) => w.pid), ctx.publisher.pid];
  // ctx.noise.budgetMs bounds the waiting over the whole run, so a busy machine cannot stretch it much.
  for (let waited = 0; waited < 10000 && ctx.noise.budgetMs > 0; waited += 500) {
    const meter = otherCpuMeter(ours);
    await sleep(500);
    if (meter() <= NOISY_OTHER_CPU_PCT) return;
    ctx.noise.budgetMs -= 500;
  }
}

/** measureFanout after waiting for a quiet machine; a noisy result is measured once more. */
export async function measureQuietly(ctx, server, args) {
  let r;
  for (let attempt = 0; attempt < (ctx.noise.budgetMs > 0 ? 2 : 1); attempt++) {
    await waitForQuiet(ctx, server);
    r = await measureFanout(ctx, server, args);
    if (quiet(r)) return r;
    ctx.log(`  noisy measurement (other processes used ${r.cpu.otherProcessesPct}% CPU)${attempt === 0 ? ', measuring again' : ''}`);
  }
  return r;
}
