// A log-linear latency histogram in microseconds (HDR style: 256 sub-buckets per power
// of two, under 0.4% error), cheap to record into and to merge across processes.
const SUB_BITS = 8;
const SUB = 1 << SUB_BITS;
const LINEAR = SUB * 2; // values below this are exact
const BUCKETS = LINEAR + (32 - (SUB_BITS + 1)) * SUB;

export class Histogram {
  constructor() {
    this.counts = new Float64Array(BUCKETS);
    this.total = 0;
    this.max = 0;
  }

  record(us) {
    const v = us < 0 ? 0 : us > 0xffffffff ? 0xffffffff : us >>> 0;
    this.counts[bucketOf(v)]++;
    this.total++;
    if (v > this.max) this.max = v;
  }

  /** Sparse form for IPC: [[bucket, count], ...]. */
  toJSON() {
    const pairs = [];
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i] !== 0) pairs.push([i, this.counts[i]]);
    return { pairs, total: this.total, max: this.max };
  }

  merge(json) {
    for (const [i, c] of json.pairs) this.counts[i] += c;
    this.total += json.total;
    if (json.max > this.max) this.max = json.max;
    return this;
  }

  percentile(p) {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(bucketValue(i), this.max);
    }
    return this.max;
  }

  /** Summary in milliseconds, 2 decimals. */
  summaryMs() {
    const ms = (us) => (us === null ? null : Math.round(us / 10) / 100);
    return { samples: this.total, p50: ms(this.percentile(50)), p90: ms(this.percentile(90)), p99: ms(this.percentile(99)), max: ms(this.total ? this.max : null) };
  }
}

function bucketOf(v) {
  if (v < LINEAR) return v;
  const log2 = 31 - Math.clz32(v);
  const shift = log2 - SUB_BITS;
  return LINEAR + (log2 - SUB_BITS - 1) * SUB + ((v >>> shift) & (SUB - 1));
}

function bucketValue(bucket) {
  if (bucket < LINEAR) return bucket;
  const k = bucket - LINEAR;
  const log2 = Math.floor(k / SUB) + SUB_BITS + 1;
  const shift = log2 - SUB_BITS;
  return (SUB + (k % SUB)) * 2 ** shift + 2 ** (shift - 1);
}
