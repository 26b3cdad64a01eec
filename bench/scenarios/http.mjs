// Scenario 3: HTTP API publish throughput with one subscriber, single /events and /batch_events,
// and the server's CPU per /events request at a fixed rate.
import { connectClients, closeClients, measureQuietly } from '../lib/harness.mjs';

export const http = {
  name: 'http',
  title: 'HTTP publish throughput',
  async run(ctx) {
    const durationMs = ctx.opts.quick ? 2000 : 5000;
    const inflight = 16;
    const steadyRate = 3000;
    return ctx.eachKind(['baseline', 'pogo', 'soketi'], async (kind) => {
      const server = await ctx.start(kind);
      try {
        const channel = 'bench-http';
        const conn = await connectClients(ctx, server, { count: 1, channel, sampleEvery: 1 });
        if (conn.ok !== 1) throw new Error(`subscriber failed: ${JSON.stringify(conn.failures)}`);
        const single = await measureQuietly(ctx, server, { subscribers: 1, channel, mode: 'burst', durationMs, inflight });
        const batch = await measureQuietly(ctx, server, { subscribers: 1, channel, mode: 'burst', durationMs, inflight, batch: 10 });
        // The same requests at a rate every server but the slowest keeps up with: the server's CPU per
        // request, which the burst's requests/s hides once the load generator's core is the one that is full.
        const steady = await measureQuietly(ctx, server, { subscribers: 1, channel, mode: 'steady', rate: steadyRate, durationMs, inflight });
        const cpuUsPerRequest = steady.acceptedRequestsPerSec > 0 ? Math.round((steady.cpu.serverPct / 100) * (1e6 / steady.acceptedRequestsPerSec)) : null;
        return { inflight, single, batch10: batch, steady: { rate: steadyRate, ...steady, cpuUsPerRequest } };
      } finally {
        await closeClients(ctx);
        await server.stop();
      }
    });
  },
};
