// The benchmark chart (SVG text): baseline, Pogo and Soketi side by side.
import { fmt, ok } from './report.mjs';

const esc = (t) => String(t).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);

/** Four panels, baseline vs Pogo vs Soketi: burst deliveries/s, burst p99, memory/conn (no forced GC), batch events/s. */
export function svgChart(res) {
  const s = res.scenarios;
  const pair = (sc, f) => ['baseline', 'pogo', 'soketi'].map((k) => (ok(sc?.[k]) ? f(sc[k]) : null));
  const burstBase = pair(s.burst, (r) => r.deliveriesPerSec)[0];
  const panels = [
    { title: `Burst fanout to ${res.options.subscribers} subscribers: deliveries/s (higher is better)`, v: pair(s.burst, (r) => r.deliveriesPerSec), unit: '', ratio: true, target: burstBase ? { at: 8 * burstBase, label: 'target 8×' } : null },
    { title: 'Burst fanout: p99 latency, ms (lower is better)', v: pair(s.burst, (r) => r.latencyMs.p99), unit: ' ms', digits: 1 },
    { title: 'Server RSS per idle subscribed connection, no forced GC, KiB (lower is better)', v: pair(s.memory, (r) => r.rssKiBPerConnection), unit: ' KiB', digits: 1, target: { at: 5000 / 1024, label: 'target 5 KB' } },
    { title: 'HTTP /batch_events: events/s (higher is better)', v: pair(s.http, (r) => r.batch10.acceptedEventsPerSec), unit: '', ratio: true },
  ];
  const W = 760;
  const PH = 156;
  const top = 62;
  const labelW = 90;
  const barMax = W - labelW - 150;
  const colors = ['#9aa5b1', '#2f7de1', '#e0a030'];
  const names = ['baseline', 'Pogo', 'Soketi'];
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
      const times = p.ratio && i === 1 && p.v[0] ? ` (${fmt(val / p.v[0], 1)}× baseline${p.v[2] ? `, ${fmt(val / p.v[2], 1)}× Soketi` : ''})` : '';
      parts.push(`<text x="${labelW + 28 + w}" y="${by + 21}" font-size="13">${esc(fmt(val, p.digits ?? 0) + p.unit + times)}</text>`);
    });
    if (p.target) {
      const tx = labelW + 20 + (p.target.at / max) * barMax;
      parts.push(`<line x1="${tx.toFixed(1)}" y1="${y + 12}" x2="${tx.toFixed(1)}" y2="${y + 126}" stroke="#d33" stroke-dasharray="4 3"/>`);
      parts.push(`<text x="${(tx - 4).toFixed(1)}" y="${y + 138}" font-size="11" fill="#d33" text-anchor="end">${esc(p.target.label)}</text>`);
    }
    y += PH;
  }
  const H = y + 10;
  const m = res.machine;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="20" y="26" font-size="16" font-weight="bold">Pogo WebSocket vs a plain ws server and Soketi: ${esc(res.startedAt.slice(0, 10))}, ${m.cpus} cores, Node ${esc(m.node)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
