// Scenario 4: server memory per idle subscribed connection. Connects are paced so the listen
// backlog never overflows; each client subscribes to its own public channel and then stays
// idle. The headline is what a user sees: the RSS of the server's process tree (VmRSS from
// /proc) 5 s after the last subscription, with no forced GC (a production server never forces
// one). Beside it, labelled, the same after full GCs forced through the DevTools protocol (the
// server runs with --inspect on 127.0.0.1; it needs no cooperation from the server).
import { connectClients, closeClients, sleep, round } from '../lib/harness.mjs';
import { connectInspector } from '../lib/inspector.mjs';
import { rssKiB } from '../lib/servers.mjs';

/** How long after the last subscription the no-GC reading is taken (ms). */
const IDLE_MS = 5000;

async function collected(server, inspector) {
  const heap = await inspector.gc();
  await sleep(1000);
  return { rssKiB: rssKiB(server.pid), ...heap };
}

/**
 * One server of `kind` holding `count` idle subscribed connections: RSS growth per connection
 * without and with forced GCs. Both are measured from the same starting point, a warmed-up
 * server after full GCs, so the no-GC figure also counts the garbage the connects left.
 */
export async function idleMemory(ctx, kind, count, ratePerSec = 1000) {
  const server = await ctx.start(kind, { nodeFlags: ['--inspect=127.0.0.1:0'] });
  const inspector = await connectInspector(server.output);
  try {
    // Warm up: let the JIT and the pools see a few hundred connections first.
    await connectClients(ctx, server, { count: 200, channelPrefix: 'warm-', ratePerSec: 2000, sampleEvery: 0 });
    await closeClients(ctx);
    await sleep(500);
    const before = await collected(server, inspector);
    const conn = await connectClients(ctx, server, { count, channelPrefix: 'idle-', ratePerSec, sampleEvery: 0 });
    await sleep(IDLE_MS);
    const idle = { rssKiB: rssKiB(server.pid), secondsAfterLastSubscription: IDLE_MS / 1000 };
    const after = await collected(server, inspector);
    const per = (a, b) => round((a - b) / Math.max(1, conn.ok), 2);
    return {
      connections: conn.ok,
      connectFailures: conn.failed,
      failures: conn.failures,
      connectRatePerSec: ratePerSec,
      connectSeconds: round(conn.ms / 1000, 1),
      before,
      idle,
      after,
      /** The headline: RSS growth per connection 5 s after the last subscription, no forced GC. */
      rssKiBPerConnection: per(idle.rssKiB, before.rssKiB),
      /** The same after full GCs (what the README reported before round two). */
      rssKiBPerConnectionAfterGc: per(after.rssKiB, before.rssKiB),
      heapKiBPerConnection: per(after.heapUsedKiB, before.heapUsedKiB),
    };
  } finally {
    inspector.close();
    await closeClients(ctx);
    await server.stop();
  }
}

export const memory = {
  name: 'memory',
  title: 'Memory per idle subscribed connection',
  async run(ctx) {
    const count = ctx.opts.quick ? 2000 : ctx.opts.memoryConnections;
    return ctx.eachKind(['baseline', 'pogo', 'soketi'], (kind) => idleMemory(ctx, kind, count));
  },
};
