// The dashboard's cost to burst fanout: the same server configuration with the dashboard off,
// and with it on and a debug console streaming (an SSE client reading every console event, as a
// browser tab would). Rounds alternate between the two so machine noise falls on both.
import { request } from 'node:http';
import { connectClients, closeClients, measureFanout } from '../lib/harness.mjs';
import { pogoConfig } from '../lib/servers.mjs';

const ROUNDS = 4;
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
    const conn = await connectClients(ctx, server, { count: ctx.opts.subscribers, channel: 'bench-dashboard', ratePerSec: 2000, sampleEvery: 10 });
    const r = await measureFanout(ctx, server, { subscribers: conn.ok, channel: 'bench-dashboard', mode: 'burst', durationMs: ctx.opts.quick ? 2000 : 3000, inflight: ctx.opts.inflight });
    return { deliveriesPerSec: r.deliveriesPerSec, lost: r.lost, consoleEvents: consoleTab?.seen.events ?? 0 };
  } finally {
    consoleTab?.close();
    await closeClients(ctx);
    await server.stop();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export const dashboard = {
  name: 'dashboard',
  title: 'Dashboard: burst fanout with a console streaming',
  async run(ctx) {
    if (!ctx.has('pogo')) return { skipped: true, reason: ctx.missing('pogo') };
    const off = [];
    const on = [];
    // Pairs alternate which condition goes first (off-on, on-off, ...): the second server of a
    // pair was measured to run a few percent slower, whatever it was.
    for (let i = 0; i < (ctx.opts.quick ? 1 : ROUNDS); i++) {
      if (i % 2 === 0) {
        off.push(await round(ctx, false));
        on.push(await round(ctx, true));
      } else {
        on.push(await round(ctx, true));
        off.push(await round(ctx, false));
      }
    }
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
