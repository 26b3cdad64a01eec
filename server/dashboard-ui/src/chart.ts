// A line chart of the last 15 minutes, drawn as SVG (no library). The x axis is time: a
// sample taken `k` seconds before the newest sits k seconds left of "now".
import { count, el } from './dom.js';

const svgNs = 'http://www.w3.org/2000/svg';
const width = 900;
const height = 120;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

/** A round ceiling for the y axis: 1, 2, 5 × a power of ten. */
function niceMax(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

export class Chart {
  readonly root: HTMLElement;
  private readonly plot: SVGSVGElement;
  private readonly maxLabel: HTMLElement;
  private readonly nowLabel: HTMLElement;
  private readonly spanLabel: HTMLElement;
  private readonly keys: HTMLElement[];

  constructor(
    readonly id: string,
    title: string,
    private readonly lines: { label: string; color: string }[],
    private readonly seconds: number,
  ) {
    this.keys = lines.map((line) => {
      const swatch = el('i');
      swatch.style.background = line.color;
      return el('span', { class: 'key' }, swatch, line.label, ' ', el('b', {}, '0'));
    });
    this.plot = svg('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': title });
    this.maxLabel = el('span', {}, '');
    this.nowLabel = el('span', {}, 'now');
    this.spanLabel = el('span', {}, '');
    this.root = el(
      'div',
      { class: 'chart', id: `chart-${id}` },
      el('h3', {}, title, ...this.keys),
      el('div', { class: 'axis' }, this.maxLabel, el('span', {}, '')),
      this.plot,
      el('div', { class: 'axis' }, this.spanLabel, this.nowLabel),
    );
  }

  draw(values: number[][]): void {
    const max = niceMax(Math.max(0, ...values.flat()));
    // A young server's first minutes fill the width; from 15 minutes on the window slides.
    const span = Math.min(this.seconds, Math.max(60, Math.ceil(Math.max(0, ...values.map((s) => s.length)) / 60) * 60));
    this.spanLabel.textContent = `−${Math.round(span / 60)} min`;
    this.maxLabel.textContent = `max ${count(max)}`;
    this.plot.replaceChildren(
      ...[0.25, 0.5, 0.75].map((f) => svg('line', { x1: '0', x2: String(width), y1: String(height * f), y2: String(height * f), class: 'grid-line', 'vector-effect': 'non-scaling-stroke' })),
    );
    values.forEach((series, i) => {
      const line = this.lines[i];
      if (!line) return;
      const n = series.length;
      if (n === 0) return;
      const x = (k: number) => ((span - (n - 1 - k)) / span) * width;
      const y = (v: number) => height - 2 - (v / max) * (height - 4);
      const points = series.map((v, k) => `${x(k).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
      if (i === 0) {
        // The first line gets a soft area under it.
        const area = svg('polygon', { points: `${x(0).toFixed(1)},${height} ${points} ${x(n - 1).toFixed(1)},${height}`, fill: line.color, 'fill-opacity': '0.12' });
        this.plot.append(area);
      }
      this.plot.append(svg('polyline', { points, fill: 'none', stroke: line.color, 'stroke-width': '2', 'vector-effect': 'non-scaling-stroke', 'stroke-linejoin': 'round' }));
      const latest = this.keys[i]?.querySelector('b');
      if (latest) latest.textContent = count(series[n - 1] ?? 0);
    });
  }
}
