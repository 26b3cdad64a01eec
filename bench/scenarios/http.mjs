// Scenario 3: HTTP API publish throughput with one subscriber, single /events and /batch_events.
import { connectClients, closeClients, measureQuietly } from '../lib/harness.mjs';

export const http = {
  name: 'http',
  title: 'HTTP publish throughput',
  async run(ctx) {
    const durationMs = ctx.opts.quick ? 2000 : 5000;
    const inflight = 16;
    return ctx.eachKind(['baseline', 'pogo', 'soketi'], async (kind) => {
      const server = await ctx.start(kind);
      try {
        const channel = 'bench-http';
        const conn = await connectClients(ctx, server, { count: 1, channel, sampleEvery: 1 });
        if (conn.ok !== 1) throw new Error(`subscriber failed: ${JSON.stringify(conn.failures)}`);
        const single = await measureQuietly(ctx, server, { subscribers: 1, channel, mode: 'burst', durationMs, inflight });
        const batch = await measureQuietly(ctx, server, { subscribers: 1, channel, mode: 'burst', durationMs, inflight, batch: 10 });
        return { inflight, single, batch10: batch };
      } finally {
        await closeClients(ctx);
        await server.stop();
      }
    });
  },
};
