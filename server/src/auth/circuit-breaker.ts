// Stops calling a failing dependency for a while, so its outage does not become ours.

export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;

  constructor(
    private readonly threshold: number,
    private readonly openMs: number,
  ) {}

  /** False while open; after the pause one trial call goes through (half-open). */
  allows(now = Date.now()): boolean {
    return now >= this.openUntil;
  }

  succeeded(): void {
    this.failures = 0;
  }

  /** Returns true when this failure opened the breaker. */
  failed(now = Date.now()): boolean {
    this.failures++;
    if (this.failures >= this.threshold) {
      this.failures = 0;
      this.openUntil = now + this.openMs;
      return true;
    }
    return false;
  }
}
