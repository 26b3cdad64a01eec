// Scenarios 1 and 2: one channel, many subscribers, events published through the HTTP API.
import { connectClients, closeClients, measureFanout } from '../lib/harness.mjs';

async function fanout(ctx, kind, { mode, durationMs, inflight, rate }) {
  const subscribers = ctx.opts.subscribers;
  const server = await ctx.start(kind);
  try {
    const channel = `bench-${mode}`;
    const conn = await connectClients(ctx, server, { count: subscribers, channel, ratePerSec: 2000, sampleEvery: 10 });
    if (conn.failed > 0) ctx.log(`  ${kind}: ${conn.failed} subscribers failed: ${JSON.stringify(conn.failures)}`);
    const r = await measureFanout(ctx, server, { subscribers: conn.ok, channel, mode, durationMs, inflight, rate });
    return { connectFailures: conn.failed, inflight, ...(rate ? { ratePerSec: rate } : {}), ...r };
  } finally {
    await closeClients(ctx);
    await server.stop();
  }
}

export const burst = {
  name: 'burst',
  title: 'Burst fanout',
  async run(ctx) {
    const durationMs = ctx.opts.quick ? 3000 : 8000;
    return ctx.eachKind(['baseline', 'pogo'], (kind) => fanout(ctx, kind, { mode: 'burst', durationMs, inflight: ctx.opts.inflight }));
  },
};

export const steady = {
  name: 'steady',
  title: 'Steady fanout',
  async run(ctx) {
    const durationMs = ctx.opts.quick ? 3000 : 8000;
    return ctx.eachKind(['baseline', 'pogo'], (kind) => fanout(ctx, kind, { mode: 'steady', durationMs, inflight: 64, rate: ctx.opts.steadyRate }));
  },
};
