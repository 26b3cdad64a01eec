// Connection recovery's memory: recent events per channel, bounded by a time window and a
// byte budget per app. Entries share the frame that live delivery already built.
import type { schema } from '../schema.js';

export type RecoveryReason = keyof (typeof schema)['recovery']['reasons'];

export interface HistoryEntry {
  /** Position in the app's sequence: increasing across all of the app's channels. */
  seq: number;
  frame: Buffer;
  exceptSocketId: string | undefined;
  at: number;
}

export type Replay = { ok: true; entries: HistoryEntry[] } | { ok: false; reason: RecoveryReason };

interface ChannelHistory {
  entries: HistoryEntry[];
  /** Index of the first live entry (entries before it were trimmed; compacted now and then). */
  head: number;
  /** The highest seq dropped from this channel, and why. */
  trimmedUpTo: number;
  trimmedBecause: RecoveryReason;
}

/**
 * One app's history. Serials are `<epoch>.<seq>`. On one node the epoch is the process's own (a
 * restarted server never honours old serials); nodes of a cluster share an epoch and each keeps
 * its own copy of the history from what the bus delivers. `seq` is a hybrid logical clock in
 * microseconds: increasing on every node, and past any seq a node has seen from the others.
 */
export class AppHistory {
  private readonly channels = new Map<string, ChannelHistory>();
  /** Every live entry in publish order, for trimming the oldest first whatever its channel. */
  private readonly order: { channel: ChannelHistory; name: string; entry: HistoryEntry }[] = [];
  private orderHead = 0;
  private seq = 0;
  private totalBytes = 0;
  /** The highest seq of any channel whose whole history was dropped, and why. */
  private droppedUpTo = 0;
  private droppedBecause: RecoveryReason = 'WINDOW_EXPIRED';

  /** Serials below this may name events this node never saw (it started, or lost the bus, later). */
  private coveredFrom: number;

  constructor(
    private readonly epoch: string,
    private readonly windowMs: number,
    private readonly maxBytes: number,
    /** Shared with other nodes: a serial from before this node's coverage is not unknown, only not here. */
    private readonly shared = false,
  ) {
    this.coveredFrom = Date.now() * 1000;
  }

  /** The bus lost messages (an outage): nothing before now can be vouched for. */
  gap(): void {
    this.coveredFrom = Math.max(this.seq + 1, Date.now() * 1000);
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** The next serial; the caller builds the frame with it and then records it. */
  nextSerial(): { seq: number; serial: string } {
    this.seq = Math.max(Date.now() * 1000, this.seq + 1);
    return { seq: this.seq, serial: `${this.epoch}.${this.seq}` };
  }

  record(name: string, entry: HistoryEntry): void {
    let channel = this.channels.get(name);
    if (!channel) this.channels.set(name, (channel = { entries: [], head: 0, trimmedUpTo: 0, trimmedBecause: 'WINDOW_EXPIRED' }));
    channel.entries.push(entry);
    if (entry.seq > this.seq) this.seq = entry.seq; // another node's clock ran ahead
    this.order.push({ channel, name, entry });
    this.totalBytes += entry.frame.length;
    while (this.totalBytes > this.maxBytes && this.orderHead < this.order.length) this.dropOldest('HISTORY_TRIMMED');
  }

  /** Events of `name` after `serial`, or why they cannot all be given. */
  since(name: string, serial: string): Replay {
    const dot = serial.lastIndexOf('.');
    const seq = Number(serial.slice(dot + 1));
    // A serial from the future may be one that has not reached this node yet: never guess.
    if (dot < 0 || serial.slice(0, dot) !== this.epoch || !Number.isSafeInteger(seq) || seq < 0 || seq > this.seq) {
      return { ok: false, reason: 'UNKNOWN_SERIAL' };
    }
    if (seq < this.coveredFrom) return { ok: false, reason: this.shared ? 'HISTORY_UNAVAILABLE' : 'UNKNOWN_SERIAL' };
    const channel = this.channels.get(name);
    if (!channel) return seq >= this.droppedUpTo ? { ok: true, entries: [] } : { ok: false, reason: this.droppedBecause };
    if (seq < channel.trimmedUpTo) return { ok: false, reason: channel.trimmedBecause };
    // Entries are in arrival order; with several publishing nodes that can differ from seq order,
    // so what follows the serial's own entry is replayed, not what has a larger seq.
    let from = channel.entries.length;
    while (from > channel.head && channel.entries[from - 1]!.seq !== seq) from--;
    if (from === channel.head) {
      from = channel.head;
      while (from < channel.entries.length && channel.entries[from]!.seq <= seq) from++;
    }
    return { ok: true, entries: channel.entries.slice(from) };
  }

  /** Drops what the window no longer covers. Called from the server's once-a-second sweep. */
  expire(now: number): void {
    while (this.orderHead < this.order.length && now - this.order[this.orderHead]!.entry.at >= this.windowMs) {
      this.dropOldest('WINDOW_EXPIRED');
    }
    if (this.orderHead > 1024 && this.orderHead * 2 > this.order.length) {
      this.order.splice(0, this.orderHead);
      this.orderHead = 0;
    }
  }

  private dropOldest(reason: RecoveryReason): void {
    const { channel, name, entry } = this.order[this.orderHead]!;
    this.order[this.orderHead++] = undefined as never;
    channel.head++;
    channel.trimmedUpTo = entry.seq;
    channel.trimmedBecause = reason;
    this.totalBytes -= entry.frame.length;
    if (channel.head === channel.entries.length) {
      // Nothing left: forget the channel, remembering only that something up to here is gone.
      this.channels.delete(name);
      this.droppedUpTo = Math.max(this.droppedUpTo, entry.seq);
      this.droppedBecause = reason;
    } else if (channel.head > 64 && channel.head * 2 > channel.entries.length) {
      channel.entries.splice(0, channel.head);
      channel.head = 0;
    }
  }
}
