// The debug console's cost to burst fanout: one server with the dashboard on, bursts with a console
// streaming (an SSE client reading every console event, as a browser tab would) alternating with
// bursts nobody watches. One server for both, since two fresh servers of one build differ by up to
// ±15 % (bench/README.md), more than what is measured here; what the dashboard costs with nobody
// watching is in the profile the README quotes (the hot path reads one flag).
import { request } from 'node:http';
import { alternating, burstWithSubscribers, median, sleep } from '../lib/harness.mjs';
import { pogoConfig } from '../lib/servers.mjs';

const ROUNDS = 6;
const token = 'bench-dashboard-token-0123456789';

/** Opens the dashboard's event stream (resolves once the server answered); counts console events until closed. */
function openConsole(server) {
  const seen = { events: 0 };
  return new Promise((resolve) => {
    const req = request({ host: server.host, port: server.port, path: '/dashboard/api/stream', headers: { Authorization: `Bearer ${token}` } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        seen.events += chunk.split('"type":').length - 1;
      });
      resolve({ seen, close: () => req.destroy() });
    });
    req.on('error', () => {});
    req.end();
  });
}

async function round(ctx, server, streaming) {
  const consoleTab = streaming ? await openConsole(server) : undefined;
  try {
    const r = await burstWithSubscribers(ctx, server, { count: ctx.opts.subscribers, channel: 'bench-dashboard' }, { durationMs: ctx.opts.quick ? 2000 : 3000 });
    return { deliveriesPerSec: r.deliveriesPerSec, lost: r.lost, consoleEvents: consoleTab?.seen.events ?? 0 };
  } finally {
    consoleTab?.close();
    // The server notices the closed stream and stops building console events.
    await sleep(300);
  }
}

export const dashboard = {
  name: 'dashboard',
  title: 'Dashboard: burst fanout with a console streaming',
  async run(ctx) {
    if (!ctx.has('pogo')) return { skipped: true, reason: ctx.missing('pogo') };
    const server = await ctx.start('pogo', { config: pogoConfig('pogo-dashboard', { dashboard: { token } }) });
    let rounds;
    try {
      rounds = await alternating(ctx.opts.quick ? 1 : ROUNDS, ['off', 'on'], (condition) => round(ctx, server, condition === 'on'));
    } finally {
      await server.stop();
    }
    const { off, on } = rounds;
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
