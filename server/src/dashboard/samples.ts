// The charts' memory: one sample a second per app, the last 15 minutes, in the process
// (no database, no time-series store). Each series is a fixed ring of numbers.

import { seriesNames, type Sample, type SeriesHistory, type SeriesName } from './wire.js';

export type { Sample, SeriesHistory, SeriesName };

/** 15 minutes of one-second samples. */
export const ringSeconds = 900;

export function emptySample(): Sample {
  return { connections: 0, channels: 0, presenceMembers: 0, watchlistWatchers: 0, messagesIn: 0, messagesOut: 0, httpPublishes: 0, clientEvents: 0, errors: 0 };
}

export function addSamples(into: Sample, other: Sample): void {
  for (const name of seriesNames) into[name] += other[name];
}

export class SampleRing {
  private readonly values = new Map<SeriesName, Float64Array>();
  private next = 0;
  private count = 0;
  private lastAt = 0;

  constructor(readonly size = ringSeconds) {
    for (const name of seriesNames) this.values.set(name, new Float64Array(size));
  }

  push(at: number, sample: Sample): void {
    for (const name of seriesNames) {
      const ring = this.values.get(name);
      if (ring) ring[this.next] = sample[name];
    }
    this.next = (this.next + 1) % this.size;
    this.count = Math.min(this.count + 1, this.size);
    this.lastAt = at;
  }

  get length(): number {
    return this.count;
  }

  history(): SeriesHistory {
    const series = {} as Record<SeriesName, number[]>;
    const start = (this.next - this.count + this.size) % this.size;
    for (const name of seriesNames) {
      const ring = this.values.get(name) ?? new Float64Array(this.size);
      const out = new Array<number>(this.count);
      for (let i = 0; i < this.count; i++) out[i] = ring[(start + i) % this.size] as number;
      series[name] = out;
    }
    return { last: this.lastAt, series };
  }
}
