// Turns a results object into the README table (markdown) and a bar chart (SVG text).
import { SOKETI_VERSION } from './peers.mjs';

export const fmt = (x, digits = 0) => (x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
export const ok = (r) => r && !r.skipped && !r.error;
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

/** The three servers' cells for one metric: baseline, Pogo, Soketi. */
const trio = (sc, f) => ['baseline', 'pogo', 'soketi'].map((k) => cell(sc?.[k], f));
/** Pogo against one other server, when both were measured. */
const versus = (sc, other, f, digits = 1, suffix = '') => (ok(sc?.pogo) && ok(sc?.[other]) && f(sc[other]) ? `${ratio(f(sc.pogo), f(sc[other]), digits)}${suffix}` : '–');
const KB = 1000 / 1024; // a target in KB (1000 bytes) in KiB

/** Rows of [scenario, metric, baseline, pogo, soketi, pogo vs baseline, pogo vs soketi, target, met]. */
export function tableRows(res) {
  const s = res.scenarios;
  const rows = [];
  const add = (...cols) => rows.push(cols);
  const n = res.options.subscribers;
  if (s.burst) {
    const b = s.burst;
    const p = b.pogo;
    add(`Burst fanout, ${n} subscribers, ${res.options.dataBytes} B events`, 'deliveries/s', ...trio(b, (r) => fmt(r.deliveriesPerSec) + dag(r)), versus(b, 'baseline', (r) => r.deliveriesPerSec), versus(b, 'soketi', (r) => r.deliveriesPerSec), '≥ 8× baseline', ok(b.baseline) && ok(p) ? mark(p.deliveriesPerSec >= 8 * b.baseline.deliveriesPerSec) : '');
    add('', 'latency p50 / p99 / max (ms)', ...trio(b, (r) => lat(r.latencyMs) + dag(r)), versus(b, 'baseline', (r) => r.latencyMs.p99, 2, ' p99'), versus(b, 'soketi', (r) => r.latencyMs.p99, 2, ' p99'), 'p99 ≤ baseline', ok(b.baseline) && ok(p) ? mark(p.latencyMs.p99 <= b.baseline.latencyMs.p99) : '');
    const c = b.coalesce;
    add('', 'the same latency against a frame-once-and-coalesce server (`baseline-server.mjs --coalesce`)', cell(c, (r) => lat(r.latencyMs) + dag(r)), cell(p, (r) => lat(r.latencyMs) + dag(r)), 'n/a', ok(c) && ok(p) ? `${ratio(p.latencyMs.p99, c.latencyMs.p99, 2)} p99; deliveries/s ${ratio(p.deliveriesPerSec, c.deliveriesPerSec)}` : '–', '', 'p99 ≤ its p99', ok(c) && ok(p) ? mark(p.latencyMs.p99 <= c.latencyMs.p99) : '');
    add('', 'lost deliveries (of accepted × subscribers)', ...trio(b, (r) => `${fmt(r.lost)} of ${fmt(r.expectedDeliveries)}`), '', '', '0', ok(p) ? mark(p.lost === 0) : '');
    add('', `deliveries/s with ${res.options.inflight * 4} publishes in flight`, ...trio(b, (r) => fmt(r.moreInFlight?.deliveriesPerSec) + dag(r.moreInFlight)), versus(b, 'baseline', (r) => r.moreInFlight?.deliveriesPerSec), versus(b, 'soketi', (r) => r.moreInFlight?.deliveriesPerSec), '', '');
    add('', `latency p99 with ${res.options.inflight * 4} in flight (ms)`, ...trio(b, (r) => fmt(r.moreInFlight?.latencyMs?.p99, 2) + dag(r.moreInFlight)), versus(b, 'baseline', (r) => r.moreInFlight?.latencyMs?.p99, 2), versus(b, 'soketi', (r) => r.moreInFlight?.latencyMs?.p99, 2), '', '');
    add('', 'deliveries per write syscall (server)', ...trio(b, (r) => fmt(r.serverSyscalls.deliveriesPerWrite, 1)), '', '', '', '');
    add('', 'publishes rejected by the server', ...trio(b, (r) => fmt(sumValues(r.rejected))), '', '', '', '');
  }
  if (s.steady) {
    const st = s.steady;
    add(`Steady fanout, ${res.options.steadyRate} publishes/s × ${n}`, 'latency p50 / p99 / max (ms)', ...trio(st, (r) => lat(r.latencyMs) + dag(r)), versus(st, 'baseline', (r) => r.latencyMs.p99, 2, ' p99'), versus(st, 'soketi', (r) => r.latencyMs.p99, 2, ' p99'), '', '');
    add('', 'lost deliveries', ...trio(st, (r) => fmt(r.lost)), '', '', '0', ok(st.pogo) ? mark(st.pogo.lost === 0) : '');
  }
  if (s.http) {
    const h = s.http;
    const p = h.pogo;
    const single = (r) => r.single.acceptedRequestsPerSec;
    const meets = ok(p) && ok(h.baseline) && ok(h.soketi) ? mark(single(p) >= single(h.baseline) && single(p) >= 1.5 * single(h.soketi)) : '';
    add('HTTP publish, 1 subscriber', 'signed `/events` requests/s (the baseline checks no signature)', ...trio(h, (r) => fmt(single(r)) + dag(r.single)), versus(h, 'baseline', single, 2), versus(h, 'soketi', single, 2), '≥ 1× baseline, ≥ 1.5× Soketi', meets);
    add('', '`/batch_events` (10 per request) events/s', ...trio(h, (r) => fmt(r.batch10.acceptedEventsPerSec) + dag(r.batch10)), versus(h, 'baseline', (r) => r.batch10.acceptedEventsPerSec), versus(h, 'soketi', (r) => r.batch10.acceptedEventsPerSec), '', '');
    add('', 'lost deliveries', ...trio(h, (r) => fmt(r.single.lost + r.batch10.lost)), '', '', '0', ok(p) ? mark(p.single.lost + p.batch10.lost === 0) : '');
    const cpuPerRequest = (r) => r.steady?.cpuUsPerRequest ?? undefined;
    if (ok(p) && p.steady) add('', `server CPU per signed \`/events\` request at ${fmt(p.steady.rate)} a second (µs; requests/s reached)`, ...trio(h, (r) => (cpuPerRequest(r) === undefined ? 'n/a' : `${fmt(cpuPerRequest(r))} (${fmt(r.steady.acceptedRequestsPerSec)})${dag(r.steady)}`)), versus(h, 'baseline', cpuPerRequest, 2), versus(h, 'soketi', cpuPerRequest, 2), '', '');
  }
  if (s.memory) {
    const m = s.memory;
    const p = m.pogo;
    const conns = ['pogo', 'baseline', 'soketi'].map((k) => m[k]).find(ok)?.connections ?? res.options.memoryConnections;
    add(`Memory, ${fmt(conns)} idle subscribed connections`, 'server RSS per connection, 5 s after the last subscribe, no forced GC (KiB)', ...trio(m, (r) => fmt(r.rssKiBPerConnection, 2)), versus(m, 'baseline', (r) => r.rssKiBPerConnection, 2), versus(m, 'soketi', (r) => r.rssKiBPerConnection, 2), '≤ 5 KB (4.88 KiB)', ok(p) ? mark(p.rssKiBPerConnection <= 5 * KB) : '');
    add('', 'the same after forced full GCs (KiB)', ...trio(m, (r) => fmt(r.rssKiBPerConnectionAfterGc, 2)), versus(m, 'baseline', (r) => r.rssKiBPerConnectionAfterGc, 2), versus(m, 'soketi', (r) => r.rssKiBPerConnectionAfterGc, 2), '', '');
    add('', 'V8 heap per connection after forced GCs (KiB)', ...trio(m, (r) => fmt(r.heapKiBPerConnection, 2)), '', '', '', '');
  }
  if (s.many) {
    const p = s.many.pogo;
    add(`One process, ${ok(p) ? fmt(p.connections) : 'many'} subscribed connections`, 'burst deliveries/s; latency p50 / p99 / max (ms); lost', 'n/a', cell(p, (r) => `${fmt(r.deliveriesPerSec)}; ${lat(r.latencyMs)}; ${fmt(r.lost)}${dag(r)}`), 'n/a', '', '', `${fmt(res.options.manyConnections)} held, p99 reported`, ok(p) ? mark(p.connections >= res.options.manyConnections && p.lost === 0) : '');
    add('', 'server RSS per connection, no forced GC (KiB)', 'n/a', cell(p, (r) => fmt(r.rssKiBPerConnection, 2)), 'n/a', '', '', '', '');
  }
  if (s.presence) {
    const pr = s.presence;
    add('Presence churn', 'joins/s, leaves/s', 'n/a (public channels only)', cell(pr.pogo, (r) => `${fmt(r.joinsPerSec)}, ${fmt(r.leavesPerSec)}${dag(r)}`), cell(pr.soketi, (r) => `${fmt(r.joinsPerSec)}, ${fmt(r.leavesPerSec)}${dag(r)}`), '', versus(pr, 'soketi', (r) => r.joinsPerSec, 2, ' joins'), '', '');
  }
  if (s.cluster) {
    const p = s.cluster.redisPair;
    const single = s.burst?.pogo;
    add('Two nodes through Redis', 'burst deliveries/s (lost)', 'n/a', cell(p, (r) => `${fmt(r.deliveriesPerSec)} (${fmt(r.lost)})${dag(r)}`), 'n/a', ok(p) && ok(single) ? `${ratio(p.deliveriesPerSec, single.deliveriesPerSec, 2)} of 1 node` : '', '', '', '');
    const w = s.cluster.workers;
    const pair = (x) => `${fmt(x.oneProcess)} vs ${fmt(x.twoWorkers)} (lost ${fmt(x.lost.oneProcess + x.lost.twoWorkers)})`;
    const twoBeatsOne = (x) => mark(x.twoWorkers > x.oneProcess && x.lost.twoWorkers === 0);
    add('1 process vs `--workers 2`, nothing pinned', `burst fanout to ${fmt(n)} subscribers, 1 event per request: deliveries/s`, 'n/a', cell(w, (x) => pair(x.fanout)), 'n/a', cell(w, (x) => `${ratio(x.fanout.twoWorkers, x.fanout.oneProcess, 2)} with 2 workers`), '', '', '');
    add('', ok(w) ? `the same, ${w.fanoutBatched.batch} events per \`/batch_events\` request` : 'the same, batched', 'n/a', cell(w, (x) => pair(x.fanoutBatched)), 'n/a', cell(w, (x) => `${ratio(x.fanoutBatched.twoWorkers, x.fanoutBatched.oneProcess, 2)} with 2 workers`), '', '2 workers > 1', ok(w) ? twoBeatsOne(w.fanoutBatched) : '');
    add('', ok(w) ? `API publishes, ${w.api.inflight} in flight, to ${fmt(w.api.channels)} one-subscriber channels: deliveries/s` : 'API publishes to one-subscriber channels', 'n/a', cell(w, (x) => pair(x.api)), 'n/a', cell(w, (x) => `${ratio(x.api.twoWorkers, x.api.oneProcess, 2)} with 2 workers`), '', '2 workers > 1', ok(w) ? twoBeatsOne(w.api) : '');
    add('', 'server CPU, % of one core (the three rows)', 'n/a', cell(w, (x) => [x.fanout, x.fanoutBatched, x.api].map((r) => `${fmt(r.serverCpuPct.oneProcess)} vs ${fmt(r.serverCpuPct.twoWorkers)}`).join('; ')), 'n/a', '', '', '', '');
  }
  if (s.recovery) {
    const r = s.recovery;
    add('Connection recovery (burst, on vs off)', 'deliveries/s with recovery on / off', 'n/a', cell(r, (x) => `${fmt(x.on.deliveriesPerSec)} / ${fmt(x.off.deliveriesPerSec)}`), 'n/a', cell(r, (x) => (x.slowdownPct >= 0 ? `${fmt(x.slowdownPct, 1)} % slower` : `${fmt(-x.slowdownPct, 1)} % faster`)), '', '≤ 10 % slower', ok(r) ? mark(r.slowdownPct <= 10) : '');
    add('', 'history bytes after a flood (1 MiB budget)', 'n/a', cell(r, (x) => `${fmt(x.flood.historyBytes)} after ${fmt(x.flood.acceptedEvents)} events`), 'n/a', '', '', '≤ budget', ok(r) ? mark(r.flood.historyBytes <= r.flood.budgetBytes) : '');
  }
  if (s.dashboard) {
    const d = s.dashboard;
    add('Dashboard (burst, one server: a console streaming vs nobody watching)', 'deliveries/s streaming / nobody watching', 'n/a', cell(d, (x) => `${fmt(x.streaming.deliveriesPerSec)} / ${fmt(x.off.deliveriesPerSec)} (${fmt(x.streaming.consoleEvents)} console events)`), 'n/a', cell(d, (x) => (x.dropPct >= 0 ? `${fmt(x.dropPct, 1)} % drop` : `${fmt(-x.dropPct, 1)} % faster`)), '', '≤ 5 % drop', ok(d) ? mark(d.dropPct <= 5) : '');
  }
  if (s.fallback) {
    const f = s.fallback.pogo;
    const fan = (t) => (r) => `${fmt(r.fanout[t].deliveriesPerSec)}; ${lat(r.fanout[t].latencyMs)}; lost ${fmt(r.fanout[t].lost)}`;
    add(`HTTP fallback: ${ok(f) ? fmt(f.fanout.xhr_streaming.subscribers) : ''} \`xhr_streaming\` sessions beside as many WebSockets, same server`, 'sessions: deliveries/s; latency p50 / p99 / max (ms); lost', 'n/a', cell(f, fan('xhr_streaming')), 'n/a', cell(f, (r) => `WebSockets: ${fan('ws')(r)}`), '', '0 lost', ok(f) ? mark(f.fanout.xhr_streaming.lost === 0) : '');
    add('', 'RSS per idle session, no forced GC / after forced GCs (KiB)', 'n/a', cell(f, (r) => `${fmt(r.memory.xhr_streaming.rssKiBPerConnection, 2)} / ${fmt(r.memory.xhr_streaming.rssKiBPerConnectionAfterGc, 2)}`), 'n/a', cell(f, (r) => `WebSocket: ${fmt(r.memory.ws.rssKiBPerConnection, 2)} / ${fmt(r.memory.ws.rssKiBPerConnectionAfterGc, 2)} (${ratio(r.memory.xhr_streaming.rssKiBPerConnection, r.memory.ws.rssKiBPerConnection, 2)})`), '', '', '');
  }
  const gen = s.burst?.pogo;
  if (ok(gen)) {
    const c = gen.cpu;
    const pin = res.generator.pinning;
    const where = pin && !pin.failed ? ` (server pinned to CPU ${pin.server}, generator to CPU ${pin.generator})` : ' (unpinned)';
    add(`CPU during the burst${where}`, '% of one core', `server ${fmt(s.burst.baseline?.cpu?.serverPct)}`, `server ${fmt(c.serverPct)}; generator: clients ${c.clients.map((u) => fmt(u.cpuPct)).join(' + ')}, publisher ${fmt(c.publisher.cpuPct)}`, `server ${fmt(s.burst.soketi?.cpu?.serverPct)}`, '', '', 'generator < 100', mark(c.clients.reduce((a, u) => a + u.cpuPct, 0) + c.publisher.cpuPct < 100));
  }
  return rows;
}

const sumValues = (o) => Object.values(o ?? {}).reduce((a, b) => a + b, 0);

export function markdown(res) {
  const head = ['Scenario', 'Metric', 'Baseline (`ws.send` per socket)', 'Pogo', `Soketi ${SOKETI_VERSION}`, 'Pogo vs baseline', 'Pogo vs Soketi', 'Target', 'Met'];
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
