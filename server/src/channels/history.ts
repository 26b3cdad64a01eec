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

/** One app's history. Serials are `<epoch>.<seq>`: the epoch tells this process's serials apart. */
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

  constructor(
    private readonly epoch: string,
    private readonly windowMs: number,
    private readonly maxBytes: number,
  ) {}

  get bytes(): number {
    return this.totalBytes;
  }

  /** The next serial; the caller builds the frame with it and then records it. */
  nextSerial(): { seq: number; serial: string } {
    this.seq++;
    return { seq: this.seq, serial: `${this.epoch}.${this.seq}` };
  }

  record(name: string, entry: HistoryEntry): void {
    let channel = this.channels.get(name);
    if (!channel) this.channels.set(name, (channel = { entries: [], head: 0, trimmedUpTo: 0, trimmedBecause: 'WINDOW_EXPIRED' }));
    channel.entries.push(entry);
    this.order.push({ channel, name, entry });
    this.totalBytes += entry.frame.length;
    while (this.totalBytes > this.maxBytes && this.orderHead < this.order.length) this.dropOldest('HISTORY_TRIMMED');
  }

  /** Events of `name` after `serial`, or why they cannot all be given. */
  since(name: string, serial: string): Replay {
    const dot = serial.lastIndexOf('.');
    const seq = Number(serial.slice(dot + 1));
    if (dot < 0 || serial.slice(0, dot) !== this.epoch || !Number.isSafeInteger(seq) || seq < 0 || seq > this.seq) {
      return { ok: false, reason: 'UNKNOWN_SERIAL' };
    }
    const channel = this.channels.get(name);
    if (!channel) return seq >= this.droppedUpTo ? { ok: true, entries: [] } : { ok: false, reason: this.droppedBecause };
    if (seq < channel.trimmedUpTo) return { ok: false, reason: channel.trimmedBecause };
    const entries: HistoryEntry[] = [];
    for (let i = channel.head; i < channel.entries.length; i++) if (channel.entries[i]!.seq > seq) entries.push(channel.entries[i]!);
    return { ok: true, entries };
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
