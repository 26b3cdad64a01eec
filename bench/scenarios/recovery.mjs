// Connection recovery's cost: burst fanout with recovery on (the default) against the same server
// with it off, rounds interleaved so machine noise falls on both; then a publish flood into a
// small history budget, to show history memory stays within it.
import { alternating, burstWithSubscribers, connectClients, closeClients, measureFanout, median, sleep } from '../lib/harness.mjs';
import { pogoConfig } from '../lib/servers.mjs';

const ROUNDS = 6;
const FLOOD_BUDGET = 1024 * 1024;

async function health(server) {
  return (await fetch(`http://${server.host}:${server.port}/up`)).json();
}

/** One burst on a fresh server with recovery on or off. */
async function burst(ctx, recovery) {
  const server = await ctx.start('pogo', { config: pogoConfig(`pogo-recovery-${recovery ? 'on' : 'off'}`, {}, { recovery }) });
  try {
    return await burstWithSubscribers(ctx, server, { count: ctx.opts.subscribers, channel: 'bench-recovery' }, { durationMs: ctx.opts.quick ? 2000 : 3000 });
  } finally {
    await server.stop();
  }
}

export const recovery = {
  name: 'recovery',
  title: 'Connection recovery: cost and history memory',
  async run(ctx) {
    if (!ctx.has('pogo')) return { skipped: true, reason: ctx.missing('pogo') };
    const { on, off } = await alternating(ctx.opts.quick ? 1 : ROUNDS, ['on', 'off'], (condition) => burst(ctx, condition === 'on'));
    const onRate = median(on.map((r) => r.deliveriesPerSec));
    const offRate = median(off.map((r) => r.deliveriesPerSec));

    // A flood into a 1 MiB budget: history must stay within it whatever the rate.
    const server = await ctx.start('pogo', { config: pogoConfig('pogo-recovery-flood', {}, { limits: { recoveryMaxBytes: FLOOD_BUDGET } }) });
    let flood;
    try {
      const conn = await connectClients(ctx, server, { count: 10, channel: 'bench-flood', ratePerSec: 2000, sampleEvery: 0 });
      const r = await measureFanout(ctx, server, { subscribers: conn.ok, channel: 'bench-flood', mode: 'burst', durationMs: 2000, inflight: ctx.opts.inflight, batch: 10 });
      await sleep(200);
      flood = { acceptedEvents: r.acceptedEvents, lost: r.lost, historyBytes: (await health(server)).historyBytes, budgetBytes: FLOOD_BUDGET };
      await closeClients(ctx);
    } finally {
      await server.stop();
    }
    return {
      on: { deliveriesPerSec: onRate, rounds: on.map((r) => r.deliveriesPerSec), lost: on.reduce((a, r) => a + r.lost, 0) },
      off: { deliveriesPerSec: offRate, rounds: off.map((r) => r.deliveriesPerSec), lost: off.reduce((a, r) => a + r.lost, 0) },
      slowdownPct: Math.round((1 - onRate / offRate) * 1000) / 10,
      flood,
    };
  },
};
