// The outbound queue: every frame a socket is owed is written with one write call per round,
// not one write per message. Under load a round is spaced from the last and written in slices,
// so the event loop reads requests between slices instead of waiting out a whole round.
import type { Wire } from './wire.js';

export interface OutboundTarget {
  /** Frames queued since its last write; undefined when none (keeps idle connections small). */
  pending: Buffer[] | undefined;
  pendingBytes: number;
  readonly wire: Wire;
  /** Called instead of queueing or writing when the socket would hold more than the budget; the frames are dropped. */
  overflow(droppedFrames: number): void;
}

/** What the detailed metrics learn of rounds: publish-to-write is timed from roundStarted to roundWritten. */
export interface RoundObserver {
  /** A round begins: every frame queued so far is written by the matching roundWritten. */
  roundStarted(): void;
  roundWritten(): void;
}

/** Under load, how long the loop does other work between rounds at least (ms): the delay a frame may take for fewer syscalls. */
const loadedRoundIntervalMs = 16;
/** The longest a frame waits for its round to start (ms). */
const maxRoundDelayMs = 20;
/** How long a slice of a round writes at least before the loop reads again (ms). */
const minSliceMs = 2;
/** Writes between clock reads within a slice. */
const writesPerClockRead = 16;

export class OutboundQueue {
  /** Targets owed frames that the round in progress will not write (dirtied after it began, or already written by it). */
  private dirty: OutboundTarget[] = [];
  /** The round in progress and how far it got; empty between rounds. */
  private round: OutboundTarget[] = [];
  private roundNext = 0;
  private roundWriteMs = 0;
  /** A round is scheduled or in progress: enqueue need not schedule one. */
  private busy = false;
  private readonly sliceBound = () => this.slice();
  private readonly startRoundBound = () => this.startRound();
  /** The last round's start, its write time, and whether it began owing some socket several frames: see schedule(). */
  private lastRoundStart = -Infinity;
  private lastRoundWriteMs = 0;
  private lastRoundLoaded = false;
  /** When the last slice of the round in progress ended (ms): see slice(). */
  private lastSliceEnd = 0;

  constructor(private readonly maxBufferedBytes: (target: OutboundTarget) => number) {}

  /** The detailed metrics' hook, when they are on. */
  rounds: RoundObserver | undefined = undefined;

  /**
   * Queues a frame for the next write to this socket. Every byte owed to a socket counts against
   * its budget, whatever it is (an event, a replay, a presence snapshot, a pong, an error). Past
   * the budget, what is queued is written now (a reading client's kernel buffer takes it); if the
   * socket still holds more than the budget, the client is not reading: it is closed (4101).
   */
  enqueue(target: OutboundTarget, frame: Buffer): void {
    const max = this.maxBufferedBytes(target);
    if (target.wire.bufferedBytes + target.pendingBytes + frame.length > max) {
      if (target.pending !== undefined) this.write(target);
      if (target.pending !== undefined || target.wire.bufferedBytes + frame.length > max) {
        const dropped = (target.pending?.length ?? 0) + 1;
        target.pending = undefined;
        target.pendingBytes = 0;
        target.overflow(dropped);
        return;
      }
    }
    if (target.pending === undefined) {
      target.pending = [frame];
      this.dirty.push(target);
      if (!this.busy) {
        this.busy = true;
        this.schedule();
      }
    } else {
      target.pending.push(frame);
    }
    target.pendingBytes += frame.length;
  }

  /**
   * A round normally starts at the end of this turn. While messages arrive faster than rounds
   * write them (some socket was owed several frames when the last round began), rounds are spaced:
   * after a round's writing, the loop gets at least as long again, and at least
   * `loadedRoundIntervalMs`, for everything else, so writing takes at most half its time and each
   * write carries many frames whatever the number of sockets in this process. A steady trickle,
   * where each write carries one frame anyway, never waits.
   */
  private schedule(): void {
    const period = this.lastRoundWriteMs + Math.max(this.lastRoundWriteMs, loadedRoundIntervalMs);
    const wait = this.lastRoundStart + period - performance.now();
    if (this.lastRoundLoaded && wait >= 1) setTimeout(this.startRoundBound, Math.min(wait, maxRoundDelayMs));
    else setImmediate(this.startRoundBound);
  }

  private startRound(): void {
    const round = this.dirty;
    this.round = round;
    this.dirty = [];
    this.roundNext = 0;
    this.roundWriteMs = 0;
    // Load shows as a socket owed several frames when its round begins; frames that arrive while
    // a round is being written join it and say nothing about the next one.
    this.lastRoundLoaded = false;
    for (const target of round) {
      if ((target.pending?.length ?? 0) > 1) {
        this.lastRoundLoaded = true;
        break;
      }
    }
    this.lastRoundStart = performance.now();
    this.lastSliceEnd = this.lastRoundStart;
    this.rounds?.roundStarted();
    this.slice();
  }

  /** Writes the round's next targets for a while; the rest after the loop has read what arrived meanwhile. */
  private slice(): void {
    const started = performance.now();
    // At least as long as the loop spent elsewhere since the last slice (it never waits for I/O
    // between slices: the next one is always due): a round gets half the loop's time however many
    // requests arrive, so publishers wait for it rather than it for them.
    const budget = Math.max(minSliceMs, started - this.lastSliceEnd);
    const round = this.round;
    let i = this.roundNext;
    while (i < round.length) {
      this.write(round[i++] as OutboundTarget);
      if (i % writesPerClockRead === 0 && performance.now() - started >= budget) break;
    }
    const now = performance.now();
    this.lastSliceEnd = now;
    this.roundWriteMs += now - started;
    this.roundNext = i;
    if (i < round.length) {
      setImmediate(this.sliceBound);
      return;
    }
    this.endRound();
  }

  private endRound(): void {
    this.round = [];
    this.lastFrames = undefined;
    this.lastJoined = undefined;
    this.lastRoundWriteMs = this.roundWriteMs;
    this.rounds?.roundWritten();
    if (this.dirty.length > 0) this.schedule();
    else this.busy = false;
  }

  /** Writes everything queued now, the round in progress included (on shutdown). */
  flush(): void {
    for (const target of this.round) this.write(target);
    for (const target of this.dirty) this.write(target);
    this.round = [];
    this.dirty = [];
    this.roundNext = 0;
    this.lastFrames = undefined;
    this.lastJoined = undefined;
  }

  /** Writes one target's frames now (before a close frame, say); its dirty entry becomes a no-op. Returns how many. */
  write(target: OutboundTarget): number {
    const frames = target.pending;
    const bytes = target.pendingBytes;
    target.pending = undefined;
    target.pendingBytes = 0;
    if (!frames || target.wire.destroyed) return 0;
    // What the kernel would not take last time is still here: the client is not keeping up.
    if (target.wire.bufferedBytes > this.maxBufferedBytes(target)) {
      target.overflow(frames.length);
      return 0;
    }
    target.wire.write(frames.length === 1 ? (frames[0] as Buffer) : this.join(frames, bytes));
    return frames.length;
  }

  /** Bytes that may still be queued for `target` before it is over its budget. */
  room(target: OutboundTarget): number {
    return this.maxBufferedBytes(target) - target.wire.bufferedBytes - target.pendingBytes;
  }

  /** Frames queued for the previous socket and their concatenation, reused while the next socket is owed the same. */
  private lastFrames: Buffer[] | undefined;
  private lastJoined: Buffer | undefined;

  /**
   * The subscribers of one channel are owed the same frames in the same order: concatenate them
   * once per flush, not once per socket (comparing references costs far less than copying bytes).
   */
  private join(frames: Buffer[], bytes: number): Buffer {
    const last = this.lastFrames;
    const joined = this.lastJoined;
    if (last && joined && last.length === frames.length && joined.length === bytes) {
      let same = true;
      for (let i = 0; i < frames.length && same; i++) same = last[i] === frames[i];
      if (same) return joined;
    }
    this.lastFrames = frames;
    this.lastJoined = Buffer.concat(frames, bytes);
    return this.lastJoined;
  }
}
