// Token buckets: `rate` tokens a second up to `burst`, refilled lazily on use (no timers).

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.rate);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Seconds until the next token. */
  retryAfter(): number {
    return Math.max(1, Math.ceil((1 - this.tokens) / this.rate));
  }

  /** Full again: the bucket can be forgotten. */
  idle(now = Date.now()): boolean {
    return this.tokens + ((now - this.updatedAt) / 1000) * this.rate >= this.burst;
  }
}

/** One bucket per key (an IP, an app), created on first use and pruned once full again. */
export class BucketMap {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {}

  /** True when `key` may go ahead; a rate of 0 means unlimited. */
  take(key: string, now = Date.now()): boolean {
    if (this.rate <= 0) return true;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.rate, this.burst, now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(now);
  }

  retryAfter(key: string): number {
    return this.buckets.get(key)?.retryAfter() ?? 1;
  }

  prune(now = Date.now()): void {
    for (const [key, bucket] of this.buckets) if (bucket.idle(now)) this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }
}
