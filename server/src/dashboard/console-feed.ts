// The live debug console's feed. `on` is the one flag the hot path reads: false while no
// console is streaming, so nothing is built. While on, events are batched and sent every
// 100 ms as one Server-Sent Event, at most `maxPerSecond` a second (the rest are counted
// as dropped and the page says so): a console can never slow a burst by more than that.

import type { ConsoleEvent } from './wire.js';

export type { ConsoleEvent };

/** Data longer than this is cut in the console (the page says how long it was). */
export const maxConsoleData = 2_000;

export function consoleData(data: unknown): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data) ?? 'undefined';
  return text.length > maxConsoleData ? `${text.slice(0, maxConsoleData)}… (${text.length} characters)` : text;
}

export class ConsoleFeed {
  /** True while at least one console streams: checked before any event is built. */
  on = false;
  private batch: ConsoleEvent[] = [];
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly perFlush: number;

  constructor(
    /** The node the events happen on (shown when several nodes share their consoles). */
    private readonly node: string,
    private readonly send: (payload: string) => void,
    readonly maxPerSecond = 2_000,
    private readonly flushMs = 100,
  ) {
    this.perFlush = Math.max(1, Math.round((maxPerSecond * flushMs) / 1000));
  }

  /**
   * Room for one more event in this batch? Callers ask before building one, so a burst
   * beyond the rate costs a counter increment, not an object per event.
   */
  take(): boolean {
    if (this.batch.length < this.perFlush) return true;
    this.dropped++;
    return false;
  }

  push(event: ConsoleEvent): void {
    if (this.batch.length >= this.perFlush) {
      this.dropped++;
      return;
    }
    this.batch.push(event);
    this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  flush(): void {
    this.timer = undefined;
    if (this.batch.length === 0 && this.dropped === 0) return;
    const payload = JSON.stringify({ node: this.node, events: this.batch, dropped: this.dropped });
    this.batch = [];
    this.dropped = 0;
    this.send(payload);
  }

  stop(): void {
    this.on = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.batch = [];
    this.dropped = 0;
  }
}
