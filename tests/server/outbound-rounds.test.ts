// The outbound queue's rounds (transport/outbound.ts): one write per socket per round, frames in
// the order they were queued, a round written in slices with the event loop free between them,
// and a round that gets at least as much of the loop as whatever runs between its slices.
import { describe, expect, it } from 'vitest';
import { OutboundQueue, type OutboundTarget } from '../../server/src/transport/outbound.js';
import type { Wire } from '../../server/src/transport/wire.js';

/** Busy-waits: a write syscall's cost, or a burst of requests read between slices. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** A wire that records its writes and takes `writeMs` for each; the kernel takes every byte. */
class RecordingWire implements Wire {
  readonly writes: string[] = [];
  destroyed = false;
  bufferedBytes = 0;
  constructor(private readonly writeMs = 0) {}
  write(frames: Buffer): void {
    if (this.writeMs > 0) spin(this.writeMs);
    this.writes.push(frames.toString());
  }
  close(): void {}
  terminate(): void {}
  pause(): void {}
  probe(): void {}
}

class Target implements OutboundTarget {
  pending: Buffer[] | undefined;
  pendingBytes = 0;
  overflowed = 0;
  constructor(readonly wire: RecordingWire) {}
  overflow(dropped: number): void {
    this.overflowed += dropped;
  }
}

const budget = 1 << 20;
const targets = (count: number, writeMs = 0) => Array.from({ length: count }, () => new Target(new RecordingWire(writeMs)));
const frame = (text: string) => Buffer.from(text);
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const settle = (ms = 60) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Resolves at the first turn of the event loop (a check phase) in which `condition` holds. */
const turnWhen = (condition: () => boolean) =>
  new Promise<void>((resolve) => {
    const probe = () => (condition() ? resolve() : setImmediate(probe));
    setImmediate(probe);
  });
const written = (all: Target[]) => all.filter((t) => t.wire.writes.length > 0).length;

describe('outbound rounds', () => {
  it('writes a trickle at the end of the turn it was queued in, one write per frame', async () => {
    const queue = new OutboundQueue(() => budget);
    const [target] = targets(1) as [Target];
    queue.enqueue(target, frame('a'));
    expect(target.wire.writes).toEqual([]);
    await turn();
    expect(target.wire.writes).toEqual(['a']);
    queue.enqueue(target, frame('b'));
    await turn();
    expect(target.wire.writes).toEqual(['a', 'b']);
  });

  it('coalesces what one turn queues into one write per socket, in order', async () => {
    const queue = new OutboundQueue(() => budget);
    const all = targets(3);
    for (const text of ['1', '2', '3']) for (const target of all) queue.enqueue(target, frame(text));
    await turn();
    for (const target of all) expect(target.wire.writes).toEqual(['123']);
  });

  it('under load, spaces rounds so that later frames share writes, and loses or reorders none', async () => {
    const queue = new OutboundQueue(() => budget);
    const all = targets(50, 0.05);
    let sent = 0;
    // A publisher that queues two frames to every socket each turn for 150 ms.
    const started = performance.now();
    while (performance.now() - started < 150) {
      for (let i = 0; i < 2; i++, sent++) for (const target of all) queue.enqueue(target, frame(`${sent},`));
      await turn();
    }
    await settle();
    const expected = Array.from({ length: sent }, (_, i) => `${i},`).join('');
    for (const target of all) {
      expect(target.wire.writes.join('')).toBe(expected);
      expect(target.overflowed).toBe(0);
    }
    // Spaced rounds: far fewer writes than frames.
    const writes = (all[0] as Target).wire.writes.length;
    expect(writes).toBeLessThan(sent / 2);
  });

  it('writes a long round in slices and lets the loop run between them', async () => {
    const queue = new OutboundQueue(() => budget);
    // 400 sockets at 0.05 ms a write: a 20 ms round, ten times the shortest slice.
    const all = targets(400, 0.05);
    for (const target of all) queue.enqueue(target, frame('x'));
    const writtenWhenTheLoopRan: number[] = [];
    await turnWhen(() => {
      writtenWhenTheLoopRan.push(written(all));
      return written(all) === all.length;
    });
    expect(all.every((t) => t.wire.writes.join('') === 'x')).toBe(true);
    // The loop ran while the round was partly written, more than once.
    const midRound = writtenWhenTheLoopRan.filter((n) => n > 0 && n < all.length);
    expect(midRound.length).toBeGreaterThanOrEqual(3);
  });

  it('adds a frame queued mid-round to the same round for a socket not yet written, to the next for one already written', async () => {
    const queue = new OutboundQueue(() => budget);
    const all = targets(400, 0.05);
    for (const target of all) queue.enqueue(target, frame('a'));
    // The loop gets control in the middle of the round.
    await turnWhen(() => written(all) > 0 && written(all) < all.length);
    const first = all[0] as Target;
    const last = all[all.length - 1] as Target;
    queue.enqueue(first, frame('b'));
    queue.enqueue(last, frame('b'));
    await settle();
    expect(first.wire.writes).toEqual(['a', 'b']);
    expect(last.wire.writes).toEqual(['ab']);
  });

  it('gives a round at least as much of the loop as what runs between its slices', async () => {
    const queue = new OutboundQueue(() => budget);
    // 2,000 sockets at 0.02 ms a write: a 40 ms round.
    const all = targets(2_000, 0.02);
    for (const target of all) queue.enqueue(target, frame('x'));
    // Between slices, 10 ms of other work each time (a flood of requests read and answered).
    let busyMs = 0;
    const flood = () => {
      if (all.every((t) => t.wire.writes.length > 0)) return;
      spin(10);
      busyMs += 10;
      setImmediate(flood);
    };
    setImmediate(flood);
    const started = performance.now();
    while (!all.every((t) => t.wire.writes.length > 0)) await settle(5);
    const roundMs = performance.now() - started;
    // With 2 ms slices the round would take 40 / 2 × 12 = 240 ms; sharing the loop evenly, about 80 ms.
    expect(busyMs).toBeLessThan(roundMs * 0.75);
    expect(roundMs).toBeLessThan(200);
  });

  it('flush() writes everything queued at once, a round in progress included', async () => {
    const queue = new OutboundQueue(() => budget);
    const all = targets(400, 0.05);
    for (const target of all) queue.enqueue(target, frame('a'));
    await turnWhen(() => written(all) > 0);
    for (const target of all) queue.enqueue(target, frame('b'));
    queue.flush();
    for (const target of all) expect(target.wire.writes.join('')).toBe('ab');
    await settle();
    for (const target of all) expect(target.wire.writes.join('')).toBe('ab');
  });

  it('tells the metrics when a round starts and when it has written everything queued before it', async () => {
    const queue = new OutboundQueue(() => budget);
    const events: string[] = [];
    queue.rounds = { roundStarted: () => events.push('started'), roundWritten: () => events.push('written') };
    const all = targets(400, 0.05);
    for (const target of all) queue.enqueue(target, frame('a'));
    await settle();
    expect(events).toEqual(['started', 'written']);
  });
});
