// A connection's share of its app's server-side authorizations: at most `limit` in flight, the
// rest wait their turn in order (a client resubscribing to all its channels at once is served,
// one after another), so one connection can never hold more than `limit` of the app's slots.
export class AuthorizationSlots {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    /** How many may wait; past it, a subscribe is refused rather than queued. */
    private readonly maxWaiting: number,
  ) {}

  /** Resolves true once a slot is this caller's; false at once when too many wait already. */
  acquire(): Promise<boolean> {
    if (this.inFlight < this.limit) {
      this.inFlight++;
      return Promise.resolve(true);
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.resolve(false);
    return new Promise((resolve) => this.waiting.push(() => resolve(true)));
  }

  /** Hands the slot to the next waiting caller, or frees it. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }
}
