// Turns a results object into the README table (markdown) and a bar chart (SVG text).

const fmt = (x, digits = 0) => (x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ok = (r) => r && !r.skipped && !r.error;
const why = (r) => (!r ? 'not run' : r.skipped ? `n/a: ${r.reason}` : r.error ? `error: ${r.error}` : '');
const ratio = (a, b, digits = 1) => (a && b ? `${fmt(a / b, digits)}×` : '–');
const mark = (pass) => (pass === null ? '' : pass ? 'yes' : '**no**');
const lat = (l) => (l?.samples ? `${fmt(l.p50, 2)} / ${fmt(l.p99, 2)} / ${fmt(l.max, 1)}` : '–');

function cell(r, f) {
  return ok(r) ? f(r) : why(r);
}

const NOISY_PCT = 20;
/** '†' after a figure measured while other processes used more than NOISY_PCT% of a core. */
const dag = (m) => {
  if (!m) return '';
  if (Array.isArray(m.rounds) && typeof m.quietRounds === 'number') return m.quietRounds === 0 ? ' †' : '';
  return (m.cpu?.otherProcessesPct ?? m.otherProcessesPct ?? 0) > NOISY_PCT ? ' †' : '';
};

/** Rows of [scenario, metric, baseline, pogo, pogo vs baseline, target, met]. */
export function tableRows(res) {
  const s = res.scenarios;
  const rows = [];
  const add = (...cols) => rows.push(cols);
  const n = res.options.subscribers;
  if (s.burst) {
    const { baseline: b, pogo: p } = s.burst;
    add(`Burst fanout, ${n} subscribers, ${res.options.dataBytes} B events`, 'deliveries/s', cell(b, (r) => fmt(r.deliveriesPerSec) + dag(r)), cell(p, (r) => fmt(r.deliveriesPerSec) + dag(r)), ok(b) && ok(p) ? ratio(p.deliveriesPerSec, b.deliveriesPerSec) : '–', '≥ 8×', ok(b) && ok(p) ? mark(p.deliveriesPerSec >= 8 * b.deliveriesPerSec) : '');
    add('', 'latency p50 / p99 / max (ms)', cell(b, (r) => lat(r.latencyMs) + dag(r)), cell(p, (r) => lat(r.latencyMs) + dag(r)), ok(b) && ok(p) ? `${ratio(p.latencyMs.p99, b.latencyMs.p99, 2)} p99` : '–', 'lower p99', ok(b) && ok(p) ? mark(p.latencyMs.p99 < b.latencyMs.p99) : '');
    add('', 'lost deliveries (of accepted × subscribers)', cell(b, (r) => `${fmt(r.lost)} of ${fmt(r.expectedDeliveries)}`), cell(p, (r) => `${fmt(r.lost)} of ${fmt(r.expectedDeliveries)}`), '', '0', ok(p) ? mark(p.lost === 0) : '');
    add('', `deliveries/s with ${res.options.inflight * 4} publishes in flight`, cell(b, (r) => fmt(r.moreInFlight?.deliveriesPerSec) + dag(r.moreInFlight)), cell(p, (r) => fmt(r.moreInFlight?.deliveriesPerSec) + dag(r.moreInFlight)), ok(b) && ok(p) && b.moreInFlight && p.moreInFlight ? ratio(p.moreInFlight.deliveriesPerSec, b.moreInFlight.deliveriesPerSec) : '–', '', '');
    add('', 'deliveries per write syscall (server)', cell(b, (r) => fmt(r.serverSyscalls.deliveriesPerWrite, 1)), cell(p, (r) => fmt(r.serverSyscalls.deliveriesPerWrite, 1)), '', '', '');
    add('', 'publishes rejected by the server', cell(b, (r) => fmt(sumValues(r.rejected))), cell(p, (r) => fmt(sumValues(r.rejected))), '', '', '');
  }
  if (s.steady) {
    const { baseline: b, pogo: p } = s.steady;
    add(`Steady fanout, ${res.options.steadyRate} publishes/s × ${n}`, 'latency p50 / p99 / max (ms)', cell(b, (r) => lat(r.latencyMs) + dag(r)), cell(p, (r) => lat(r.latencyMs) + dag(r)), ok(b) && ok(p) ? `${ratio(p.latencyMs.p99, b.latencyMs.p99, 2)} p99` : '–', '', '');
    add('', 'lost deliveries', cell(b, (r) => fmt(r.lost)), cell(p, (r) => fmt(r.lost)), '', '0', ok(p) ? mark(p.lost === 0) : '');
  }
  if (s.http) {
    const { baseline: b, pogo: p } = s.http;
    add('HTTP publish, 1 subscriber', '`/events` requests/s', cell(b, (r) => fmt(r.single.acceptedRequestsPerSec) + dag(r.single)), cell(p, (r) => fmt(r.single.acceptedRequestsPerSec) + dag(r.single)), ok(b) && ok(p) ? ratio(p.single.acceptedRequestsPerSec, b.single.acceptedRequestsPerSec) : '–', '', '');
    add('', '`/batch_events` (10 per request) events/s', cell(b, (r) => fmt(r.batch10.acceptedEventsPerSec) + dag(r.batch10)), cell(p, (r) => fmt(r.batch10.acceptedEventsPerSec) + dag(r.batch10)), ok(b) && ok(p) ? ratio(p.batch10.acceptedEventsPerSec, b.batch10.acceptedEventsPerSec) : '–', '', '');
    add('', 'lost deliveries', cell(b, (r) => fmt(r.single.lost + r.batch10.lost)), cell(p, (r) => fmt(r.single.lost + r.batch10.lost)), '', '0', ok(p) ? mark(p.single.lost + p.batch10.lost === 0) : '');
  }
  if (s.memory) {
    const { baseline: b, pogo: p } = s.memory;
    const conns = ok(p) ? p.connections : ok(b) ? b.connections : res.options.memoryConnections;
    add(`Memory, ${fmt(conns)} idle subscribed connections`, 'server RSS per connection (KiB)', cell(b, (r) => fmt(r.rssKiBPerConnection, 2)), cell(p, (r) => fmt(r.rssKiBPerConnection, 2)), ok(b) && ok(p) ? ratio(p.rssKiBPerConnection, b.rssKiBPerConnection, 2) : '–', '≤ 6 KB', ok(p) ? mark(p.rssKiBPerConnection * 1.024 <= 6) : '');
    add('', 'V8 heap per connection (KiB)', cell(b, (r) => fmt(r.heapKiBPerConnection, 2)), cell(p, (r) => fmt(r.heapKiBPerConnection, 2)), '', '', '');
  }
  if (s.presence) {
    const p = s.presence.pogo;
    add('Presence churn', 'joins/s, leaves/s', 'n/a (public channels only)', cell(p, (r) => `${fmt(r.joinsPerSec)}, ${fmt(r.leavesPerSec)}${dag(r)}`), '', '', '');
  }
  if (s.cluster) {
    const p = s.cluster.redisPair;
    const single = s.burst?.pogo;
    add('Two nodes through Redis', 'burst deliveries/s (lost)', 'n/a', cell(p, (r) => `${fmt(r.deliveriesPerSec)} (${fmt(r.lost)})${dag(r)}`), ok(p) && ok(single) ? `${ratio(p.deliveriesPerSec, single.deliveriesPerSec, 2)} of 1 node` : '', '', '');
    const w = s.cluster.workers;
    const versus = (x) => `${fmt(x.oneProcess)} vs ${fmt(x.twoWorkers)} (lost ${fmt(x.lost.oneProcess + x.lost.twoWorkers)})`;
    const twoBeatsOne = (x) => mark(x.twoWorkers > x.oneProcess && x.lost.twoWorkers === 0);
    add('1 process vs `--workers 2`, nothing pinned', `burst fanout to ${fmt(n)} subscribers, 1 event per request: deliveries/s`, 'n/a', cell(w, (x) => versus(x.fanout)), cell(w, (x) => `${ratio(x.fanout.twoWorkers, x.fanout.oneProcess, 2)} with 2 workers`), '', '');
    add('', ok(w) ? `the same, ${w.fanoutBatched.batch} events per \`/batch_events\` request` : 'the same, batched', 'n/a', cell(w, (x) => versus(x.fanoutBatched)), cell(w, (x) => `${ratio(x.fanoutBatched.twoWorkers, x.fanoutBatched.oneProcess, 2)} with 2 workers`), '2 workers > 1', ok(w) ? twoBeatsOne(w.fanoutBatched) : '');
    add('', ok(w) ? `API publishes, ${w.api.inflight} in flight, to ${fmt(w.api.channels)} one-subscriber channels: deliveries/s` : 'API publishes to one-subscriber channels', 'n/a', cell(w, (x) => versus(x.api)), cell(w, (x) => `${ratio(x.api.twoWorkers, x.api.oneProcess, 2)} with 2 workers`), '2 workers > 1', ok(w) ? twoBeatsOne(w.api) : '');
    add('', 'server CPU, % of one core (the three rows)', 'n/a', cell(w, (x) => [x.fanout, x.fanoutBatched, x.api].map((r) => `${fmt(r.serverCpuPct.oneProcess)} vs ${fmt(r.serverCpuPct.twoWorkers)}`).join('; ')), '', '', '');
  }
  if (s.recovery) {
    const r = s.recovery;
    add('Connection recovery (burst, on vs off)', 'deliveries/s with recovery on / off', 'n/a', cell(r, (x) => `${fmt(x.on.deliveriesPerSec)} / ${fmt(x.off.deliveriesPerSec)}`), cell(r, (x) => (x.slowdownPct >= 0 ? `${fmt(x.slowdownPct, 1)} % slower` : `${fmt(-x.slowdownPct, 1)} % faster`)), '≤ 10 % slower', ok(r) ? mark(r.slowdownPct <= 10) : '');
    add('', 'history bytes after a flood (1 MiB budget)', 'n/a', cell(r, (x) => `${fmt(x.flood.historyBytes)} after ${fmt(x.flood.acceptedEvents)} events`), '', '≤ budget', ok(r) ? mark(r.flood.historyBytes <= r.flood.budgetBytes) : '');
  }
  if (s.dashboard) {
    const d = s.dashboard;
    add('Dashboard (burst, console streaming vs off)', 'deliveries/s streaming / off', 'n/a', cell(d, (x) => `${fmt(x.streaming.deliveriesPerSec)} / ${fmt(x.off.deliveriesPerSec)} (${fmt(x.streaming.consoleEvents)} console events)`), cell(d, (x) => (x.dropPct >= 0 ? `${fmt(x.dropPct, 1)} % drop` : `${fmt(-x.dropPct, 1)} % faster`)), '≤ 5 % drop', ok(d) ? mark(d.dropPct <= 5) : '');
  }
  const gen = s.burst?.pogo;
  if (ok(gen)) {
    const c = gen.cpu;
    const pin = res.generator.pinning;
    const where = pin && !pin.failed ? ` (server pinned to CPU ${pin.server}, generator to CPU ${pin.generator})` : ' (unpinned)';
    add(`CPU during Pogo burst${where}`, '% of one core', `server ${fmt(s.burst.baseline?.cpu?.serverPct)}`, `server ${fmt(c.serverPct)}; generator: clients ${c.clients.map((u) => fmt(u.cpuPct)).join(' + ')}, publisher ${fmt(c.publisher.cpuPct)}`, '', 'generator < 100', mark(c.clients.reduce((a, u) => a + u.cpuPct, 0) + c.publisher.cpuPct < 100));
  }
  return rows;
}

const sumValues = (o) => Object.values(o ?? {}).reduce((a, b) => a + b, 0);

export function markdown(res) {
  const head = ['Scenario', 'Metric', 'Baseline (`ws.send` per socket)', 'Pogo', 'Pogo vs baseline', 'Target', 'Met'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of tableRows(res)) lines.push(`| ${r.map((c) => String(c).replaceAll('|', '\\|')).join(' | ')} |`);
  const m = res.machine;
  lines.push('', `Measured ${res.startedAt.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus}× ${m.cpuModel}, ${m.memGiB} GiB, Node ${m.node}${res.options.quick ? ' (--quick run)' : ''}. ${pinNote(res)}${noiseNote(res)} \`npm run bench\` reproduces it; the JSON beside this file has every number.`);
  return lines.join('\n');
}

/** Other processes' CPU during the headline measurements: the reader should know. */
function noiseNote(res) {
  const seen = [];
  const walk = (o) => {
    if (!o || typeof o !== 'object') return;
    if (typeof o.otherProcessesPct === 'number') seen.push(o.otherProcessesPct);
    for (const [k, v] of Object.entries(o)) if (k !== 'rounds') walk(v);
  };
  walk(res.scenarios);
  if (seen.length === 0) return '';
  const noisy = seen.filter((x) => x > NOISY_PCT).length;
  return ` † marks a figure measured while other processes on the machine used more than ${NOISY_PCT}% of a core (${noisy} of ${seen.length} measurements; at most ${fmt(Math.max(...seen))}%).`;
}

function pinNote(res) {
  const pin = res.generator.pinning;
  if (pin && !pin.failed) return `Servers ran on CPU ${pin.server} and the load generator (${res.generator.clientProcesses} client processes, 1 publisher) on CPU ${pin.generator}${res.scenarios.cluster?.workers ? ', except in the worker comparison, where nothing was pinned' : ''}.`;
  return `Servers and the load generator (${res.generator.clientProcesses} client processes, 1 publisher) shared all CPUs.`;
}

const esc = (t) => String(t).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);

/** Four panels, baseline vs Pogo: burst deliveries/s, burst p99, memory/conn, batch events/s. */
export function svgChart(res) {
  const s = res.scenarios;
  const pair = (sc, f) => ['baseline', 'pogo'].map((k) => (ok(sc?.[k]) ? f(sc[k]) : null));
  const burstBase = pair(s.burst, (r) => r.deliveriesPerSec)[0];
  const panels = [
    { title: `Burst fanout to ${res.options.subscribers} subscribers: deliveries/s (higher is better)`, v: pair(s.burst, (r) => r.deliveriesPerSec), unit: '', ratio: true, target: burstBase ? { at: 8 * burstBase, label: 'target 8×' } : null },
    { title: 'Burst fanout: p99 latency, ms (lower is better)', v: pair(s.burst, (r) => r.latencyMs.p99), unit: ' ms', digits: 1 },
    { title: 'Server memory per idle subscribed connection, KiB (lower is better)', v: pair(s.memory, (r) => r.rssKiBPerConnection), unit: ' KiB', digits: 1, target: { at: 6000 / 1024, label: 'target 6 KB' } },
    { title: 'HTTP /batch_events: events/s (higher is better)', v: pair(s.http, (r) => r.batch10.acceptedEventsPerSec), unit: '', ratio: true },
  ];
  const W = 760;
  const PH = 118;
  const top = 62;
  const labelW = 90;
  const barMax = W - labelW - 150;
  const colors = ['#9aa5b1', '#2f7de1'];
  const names = ['baseline', 'Pogo'];
  let y = top;
  const parts = [];
  for (const p of panels) {
    parts.push(`<text x="20" y="${y}" font-size="14" font-weight="bold">${esc(p.title)}</text>`);
    const max = Math.max(...p.v.filter((x) => x !== null), p.target?.at ?? 0, 1e-9);
    p.v.forEach((val, i) => {
      const by = y + 14 + i * 38;
      parts.push(`<text x="20" y="${by + 20}" font-size="13">${names[i]}</text>`);
      if (val === null) {
        parts.push(`<text x="${labelW + 20}" y="${by + 20}" font-size="13" fill="#888">not measured</text>`);
        return;
      }
      const w = Math.max(2, (val / max) * barMax);
      parts.push(`<rect x="${labelW + 20}" y="${by + 4}" width="${w.toFixed(1)}" height="24" fill="${colors[i]}" rx="3"/>`);
      const times = p.ratio && i === 1 && p.v[0] ? ` (${fmt(val / p.v[0], 1)}×)` : '';
      parts.push(`<text x="${labelW + 28 + w}" y="${by + 21}" font-size="13">${esc(fmt(val, p.digits ?? 0) + p.unit + times)}</text>`);
    });
    if (p.target) {
      const tx = labelW + 20 + (p.target.at / max) * barMax;
      parts.push(`<line x1="${tx.toFixed(1)}" y1="${y + 12}" x2="${tx.toFixed(1)}" y2="${y + 88}" stroke="#d33" stroke-dasharray="4 3"/>`);
      parts.push(`<text x="${(tx - 4).toFixed(1)}" y="${y + 100}" font-size="11" fill="#d33" text-anchor="end">${esc(p.target.label)}</text>`);
    }
    y += PH;
  }
  const H = y + 10;
  const m = res.machine;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="20" y="26" font-size="16" font-weight="bold">Pogo WebSocket vs a plain ws server: ${esc(res.startedAt.slice(0, 10))}, ${m.cpus} cores, Node ${esc(m.node)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
