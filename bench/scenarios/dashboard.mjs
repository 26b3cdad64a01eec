// The dashboard's cost to burst fanout: the same server configuration with the dashboard off,
// and with it on and a debug console streaming (an SSE client reading every console event, as a
// browser tab would). Rounds alternate between the two so machine noise falls on both.
import { request } from 'node:http';
import { alternating, burstWithSubscribers, median } from '../lib/harness.mjs';
import { pogoConfig } from '../lib/servers.mjs';

const ROUNDS = 6;
const token = 'bench-dashboard-token-0123456789';

/** Reads the dashboard's event stream until closed; counts console events. */
function openConsole(server) {
  const seen = { events: 0 };
  const req = request({ host: server.host, port: server.port, path: '/dashboard/api/stream', headers: { Authorization: `Bearer ${token}` } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      seen.events += chunk.split('"type":').length - 1;
    });
  });
  req.on('error', () => {});
  req.end();
  return { seen, close: () => req.destroy() };
}

async function round(ctx, streaming) {
  const config = streaming ? pogoConfig('pogo-dashboard-on', { dashboard: { token } }) : pogoConfig('pogo-dashboard-off');
  const server = await ctx.start('pogo', { config });
  const consoleTab = streaming ? openConsole(server) : undefined;
  try {
    const r = await burstWithSubscribers(ctx, server, { count: ctx.opts.subscribers, channel: 'bench-dashboard' }, { durationMs: ctx.opts.quick ? 2000 : 3000 });
    return { deliveriesPerSec: r.deliveriesPerSec, lost: r.lost, consoleEvents: consoleTab?.seen.events ?? 0 };
  } finally {
    consoleTab?.close();
    await server.stop();
  }
}

export const dashboard = {
  name: 'dashboard',
  title: 'Dashboard: burst fanout with a console streaming',
  async run(ctx) {
    if (!ctx.has('pogo')) return { skipped: true, reason: ctx.missing('pogo') };
    const { off, on } = await alternating(ctx.opts.quick ? 1 : ROUNDS, ['off', 'on'], (condition) => round(ctx, condition === 'on'));
    const offRate = median(off.map((r) => r.deliveriesPerSec));
    const onRate = median(on.map((r) => r.deliveriesPerSec));
    return {
      off: { deliveriesPerSec: offRate, rounds: off.map((r) => r.deliveriesPerSec) },
      streaming: { deliveriesPerSec: onRate, rounds: on.map((r) => r.deliveriesPerSec), consoleEvents: on.reduce((a, r) => a + r.consoleEvents, 0) },
      lost: [...off, ...on].reduce((a, r) => a + r.lost, 0),
      dropPct: Math.round((1 - onRate / offRate) * 1000) / 10,
    };
  },
};
