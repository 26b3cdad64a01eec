// Scenario: one Pogo process holding as many subscribed connections as the open-files limit
// allows here (19 000 of 20 000 by default), all on one public channel: the burst fanout to all
// of them, with its latency, and the RSS they cost without a forced GC.
import { connectClients, closeClients, measureQuietly, round, sleep } from '../lib/harness.mjs';
import { rssKiB } from '../lib/servers.mjs';

export const many = {
  name: 'many',
  title: 'One process, many connections',
  async run(ctx) {
    const count = ctx.opts.quick ? 4000 : ctx.opts.manyConnections;
    return ctx.eachKind(['pogo'], async (kind) => {
      const server = await ctx.start(kind);
      try {
        const before = rssKiB(server.pid);
        const channel = 'bench-many';
        // 1 000 connects a second, as in memory.mjs (the clients connect from 16 loopback addresses: see client-worker.mjs).
        const conn = await connectClients(ctx, server, { count, channel, ratePerSec: 1000, sampleEvery: 20 });
        if (conn.failed > 0) ctx.log(`  ${kind}: ${conn.failed} of ${count} failed to connect: ${JSON.stringify(conn.failures)}`);
        await sleep(5000);
        const idle = rssKiB(server.pid);
        const r = await measureQuietly(ctx, server, { subscribers: conn.ok, channel, mode: 'burst', durationMs: ctx.opts.quick ? 3000 : 4000, inflight: ctx.opts.inflight });
        return {
          connections: conn.ok,
          connectFailures: conn.failed,
          connectSeconds: round(conn.ms / 1000, 1),
          rssKiBPerConnection: round((idle - before) / Math.max(1, conn.ok), 2),
          rssKiB: { before, idle },
          ...r,
        };
      } finally {
        await closeClients(ctx);
        await server.stop();
      }
    });
  },
};
