// Scenario 4: server memory per idle subscribed connection. Connects are paced so the listen
// backlog never overflows; each client subscribes to its own public channel and then stays
// idle. The server runs with --inspect on 127.0.0.1 so the harness can force a full GC before
// each reading; RSS is VmRSS from /proc/<pid>/status.
import { connectClients, closeClients, sleep, round } from '../lib/harness.mjs';
import { connectInspector } from '../lib/inspector.mjs';
import { rssKiB } from '../lib/servers.mjs';

async function settle(server, inspector) {
  await sleep(500);
  const heap = await inspector.gc();
  await sleep(1000);
  return { rssKiB: rssKiB(server.pid), ...heap };
}

export const memory = {
  name: 'memory',
  title: 'Memory per idle subscribed connection',
  async run(ctx) {
    const count = ctx.opts.quick ? 2000 : ctx.opts.memoryConnections;
    const ratePerSec = 1000;
    return ctx.eachKind(['baseline', 'pogo'], async (kind) => {
      const server = await ctx.start(kind, { nodeFlags: ['--inspect=127.0.0.1:0'] });
      const inspector = await connectInspector(server.output);
      try {
        // Warm up: let the JIT and the pools see a few hundred connections first.
        await connectClients(ctx, server, { count: 200, channelPrefix: 'warm-', ratePerSec: 2000, sampleEvery: 0 });
        await closeClients(ctx);
        const before = await settle(server, inspector);
        const conn = await connectClients(ctx, server, { count, channelPrefix: 'idle-', ratePerSec, sampleEvery: 0 });
        const after = await settle(server, inspector);
        const per = (a, b) => round((a - b) / Math.max(1, conn.ok), 2);
        return {
          connections: conn.ok,
          connectFailures: conn.failed,
          failures: conn.failures,
          connectRatePerSec: ratePerSec,
          connectSeconds: round(conn.ms / 1000, 1),
          before,
          after,
          rssKiBPerConnection: per(after.rssKiB, before.rssKiB),
          heapKiBPerConnection: per(after.heapUsedKiB, before.heapUsedKiB),
        };
      } finally {
        inspector.close();
        await closeClients(ctx);
        await server.stop();
      }
    });
  },
};
