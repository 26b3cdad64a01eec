// Scenario 5: presence churn. Per channel one observer stays subscribed and counts
// member_added / member_removed; churners (distinct users) subscribe with a channel_data auth
// signed by the harness, and on subscription_succeeded unsubscribe and subscribe again.
import { connectClients, closeClients, round, waitForQuiet } from '../lib/harness.mjs';
import { APP, cpuMeter, ioCounters, otherCpuMeter } from '../lib/servers.mjs';

export const presence = {
  name: 'presence',
  title: 'Presence churn',
  async run(ctx) {
    const durationMs = ctx.opts.quick ? 3000 : 8000;
    const channelsPerWorker = 50;
    const churnersPerChannel = 4;
    return ctx.eachKind(['pogo', 'soketi'], async (kind) => {
      const server = await ctx.start(kind);
      try {
        const perWorker = channelsPerWorker * (1 + churnersPerChannel);
        const conn = await connectClients(ctx, server, { count: perWorker * ctx.clients.length, ratePerSec: 2000, sampleEvery: 0 });
        if (conn.failed) throw new Error(`connect failures: ${JSON.stringify(conn.failures)}`);
        await waitForQuiet(ctx, server);
        const meter = cpuMeter(server.pid);
        const others = otherCpuMeter([process.pid, server.pid, ...ctx.clients.map((w) => w.pid), ctx.publisher.pid]);
        const io0 = ioCounters(server.pid);
        const parts = await Promise.all(
          ctx.clients.map((w, i) =>
            w.call(
              'presenceChurn',
              { channels: Array.from({ length: channelsPerWorker }, (_, c) => `presence-churn-${i}-${c}`), durationMs, key: APP.key, secret: APP.secret, workerTag: i },
              durationMs + 30000,
            ),
          ),
        );
        const serverCpuPct = meter();
        const otherProcessesPct = others();
        const io1 = ioCounters(server.pid);
        const sum = (k) => parts.reduce((s, p) => s + p[k], 0);
        const seconds = durationMs / 1000;
        return {
          channels: channelsPerWorker * ctx.clients.length,
          membersPerChannel: 1 + churnersPerChannel,
          seconds,
          joins: sum('joins'),
          leavesSent: sum('leavesSent'),
          memberAddedSeen: sum('memberAdded'),
          memberRemovedSeen: sum('memberRemoved'),
          errors: sum('errors'),
          joinsPerSec: round(sum('joins') / seconds),
          leavesPerSec: round(sum('memberRemoved') / seconds),
          joinLatencyMs: parts.map((p) => p.joinLatencyMs),
          serverSyscalls: { writes: io1.syscw - io0.syscw, reads: io1.syscr - io0.syscr },
          cpu: { serverPct: serverCpuPct, clients: parts.map((p) => p.usage), otherProcessesPct },
        };
      } finally {
        await closeClients(ctx);
        await server.stop();
      }
    });
  },
};
