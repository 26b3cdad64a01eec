// The outbound queue: every frame a socket is owed within one event-loop turn is
// written with one write call at the end of that turn, not one write per message.
import type { Wire } from './wire.js';

export interface OutboundTarget {
  /** Frames queued this turn; undefined when none (keeps idle connections small). */
  pending: Buffer[] | undefined;
  pendingBytes: number;
  readonly wire: Wire;
  /** Called instead of queueing or writing when the socket would hold more than the budget; the frames are dropped. */
  overflow(droppedFrames: number): void;
}

/** Under load, how far apart flushes are at least (ms): the delay a frame may take for fewer syscalls. */
const loadedFlushIntervalMs = 16;
/** The longest any frame waits for its flush (ms). */
const maxFlushDelayMs = 20;

export class OutboundQueue {
  private dirty: OutboundTarget[] = [];
  private scheduled = false;
  private readonly flushBound = () => this.flush();
  /** The last flush's cost and end (ms, monotonic), and whether it coalesced: see schedule(). */
  private lastFlushCost = 0;
  private lastFlushEnd = 0;
  private lastFlushCoalesced = false;

  constructor(private readonly maxBufferedBytes: (target: OutboundTarget) => number) {}

  /**
   * Queues a frame for this turn's flush. Every byte owed to a socket counts against its budget,
   * whatever it is (an event, a replay, a presence snapshot, a pong, an error). Past the budget,
   * what is queued is written now (a reading client's kernel buffer takes it); if the socket
   * still holds more than the budget, the client is not reading: it is closed (4101).
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
      if (!this.scheduled) {
        this.scheduled = true;
        this.schedule();
      }
    } else {
      target.pending.push(frame);
    }
    target.pendingBytes += frame.length;
  }

  /**
   * Normally at the end of this turn. While messages arrive faster than flushes go out (the last
   * flush coalesced several frames into some write), space flushes out: at least
   * `loadedFlushIntervalMs` apart, and at least as long as the last flush took, so the loop
   * spends at most about half its time in write syscalls and each write carries many frames —
   * whatever the number of sockets in this process (a worker holding half of them coalesces as
   * much as one process holding all). A steady trickle, where each write carries one frame
   * anyway, never waits.
   */
  private schedule(): void {
    const wait = Math.max(this.lastFlushCost, loadedFlushIntervalMs) - (performance.now() - this.lastFlushEnd);
    if (this.lastFlushCoalesced && wait >= 1) setTimeout(this.flushBound, Math.min(wait, maxFlushDelayMs));
    else setImmediate(this.flushBound);
  }

  /** Writes everything queued. Runs once per turn (see schedule); also called on shutdown. */
  flush(): void {
    const started = performance.now();
    this.scheduled = false;
    const targets = this.dirty;
    this.dirty = [];
    let frames = 0;
    for (const target of targets) frames += this.write(target);
    this.lastFrames = undefined;
    this.lastJoined = undefined;
    this.lastFlushCoalesced = frames > targets.length;
    this.lastFlushEnd = performance.now();
    this.lastFlushCost = this.lastFlushEnd - started;
    this.onFlushed?.();
  }

  /** Called after every flush: the detailed metrics time publish-to-write with it. */
  onFlushed: (() => void) | undefined = undefined;

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
