// Connection recovery's memory: recent events per channel, bounded by a time window and a byte
// budget per app. Kept as flat arrays of strings and numbers: one publish adds no object, and the
// garbage collector has almost nothing to trace in what history holds.
import type { RecoveryReason } from '../schema.js';

interface HistoryEntry {
  seq: number;
  /** The serialised message, serial included; framed again only when replayed. */
  message: string;
  exceptSocketId: string | undefined;
}

export type Replay = { ok: true; entries: HistoryEntry[] } | { ok: false; reason: RecoveryReason };

/** One channel's entries, oldest first from `head` (entries before it were trimmed). */
class ChannelHistory {
  readonly seqs: number[] = [];
  readonly messages: string[] = [];
  readonly excepts: (string | undefined)[] = [];
  head = 0;
  /** The highest seq dropped from this channel, and why. */
  trimmedUpTo = 0;
  trimmedBecause: RecoveryReason = 'WINDOW_EXPIRED';

  constructor(readonly name: string) {}

  get live(): number {
    return this.seqs.length - this.head;
  }

  /** Forgets trimmed slots now and then, so the arrays do not grow with everything ever published. */
  compact(): void {
    if (this.head > 64 && this.head * 2 > this.seqs.length) {
      this.seqs.splice(0, this.head);
      this.messages.splice(0, this.head);
      this.excepts.splice(0, this.head);
      this.head = 0;
    }
  }
}

/**
 * What one entry holds besides its message's bytes: the string's header (V8 keeps the spliced
 * message as a cons string over its parts), a slot in each of the six arrays, and the numbers
 * boxed in them. The audit saw 8 MiB of counted length hold 46 MiB of heap with 50-byte payloads
 * (~290 bytes an entry, ~95 of them the message itself).
 */
export const entryOverheadBytes = 200;

/** Serials count microseconds from here, so they stay short (every delivered frame carries one). */
const serialBase = Date.UTC(2026, 0, 1) * 1000;
/** Base 62: eight characters cover seven years of microseconds (base 36 needed nine). */
const serialDigits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function encodeSerial(value: number): string {
  let out = '';
  do {
    out = (serialDigits[value % 62] as string) + out;
    value = Math.floor(value / 62);
  } while (value > 0);
  return out;
}

/** NaN unless `serial` is one this scheme could have written. */
function decodeSerial(serial: string): number {
  if (!/^[0-9A-Za-z]{1,9}$/.test(serial)) return NaN;
  let value = 0;
  for (let i = 0; i < serial.length; i++) value = value * 62 + serialDigits.indexOf(serial[i] as string);
  return value;
}

/**
 * One app's history. A serial is its seq, less `serialBase`, in base 62. A serial older than this
 * process's start is never honoured (`coveredFrom`), so a restarted server says UNKNOWN_SERIAL; nodes of a cluster share an epoch and each keeps
 * its own copy of the history from what the bus delivers. `seq` is a hybrid logical clock in
 * microseconds: increasing on every node, and past any seq a node has seen from the others.
 */
export class AppHistory {
  private readonly channels = new Map<string, ChannelHistory>();
  /** Every live entry in arrival order (its channel, time and size), for trimming the oldest first. */
  private orderChannels: ChannelHistory[] = [];
  private orderTimes: number[] = [];
  private orderBytes: number[] = [];
  private orderHead = 0;
  private seq = 0;
  private totalBytes = 0;
  /** The highest seq of any channel whose whole history was dropped, and why. */
  private droppedUpTo = 0;
  private droppedBecause: RecoveryReason = 'WINDOW_EXPIRED';
  /** Serials below this may name events this node never saw (it started, or lost the bus, later). */
  private coveredFrom: number;

  constructor(
    private readonly windowMs: number,
    private readonly maxBytes: number,
    /** Shared with other nodes: a serial from before this node's coverage is not unknown, only not here. */
    private readonly shared = false,
    /** Counted per entry besides its bytes (the server passes entryOverheadBytes; 0 counts bytes alone). */
    private readonly entryOverhead = 0,
  ) {
    this.coveredFrom = Date.now() * 1000;
  }

  /** Another source (the broker's stored history, already recorded here) vouches for every event since `seq`. */
  vouchFrom(seq: number): void {
    this.coveredFrom = Math.min(this.coveredFrom, seq);
  }

  /** Every live entry, channel by channel (for rebuilding a history around a stored one). */
  *entries(): Iterable<{ channel: string; seq: number; message: string; exceptSocketId: string | undefined }> {
    for (const channel of this.channels.values()) {
      for (let i = channel.head; i < channel.seqs.length; i++) {
        yield { channel: channel.name, seq: channel.seqs[i] as number, message: channel.messages[i] as string, exceptSocketId: channel.excepts[i] };
      }
    }
  }

  /** The bus lost messages (an outage): nothing before now can be vouched for. */
  gap(): void {
    this.coveredFrom = Math.max(this.seq + 1, Date.now() * 1000);
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** The next serial; the caller builds the message with it and then records it. */
  nextSerial(): { seq: number; serial: string } {
    this.seq = Math.max(Date.now() * 1000, this.seq + 1);
    return { seq: this.seq, serial: encodeSerial(this.seq - serialBase) };
  }

  record(name: string, seq: number, message: string, exceptSocketId: string | undefined, at = Date.now()): void {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = new ChannelHistory(name);
      this.channels.set(name, channel);
    }
    channel.seqs.push(seq);
    channel.messages.push(message);
    channel.excepts.push(exceptSocketId);
    if (seq > this.seq) this.seq = seq; // another node's clock ran ahead
    this.orderChannels.push(channel);
    this.orderTimes.push(at);
    // What the entry costs the heap, not its string length: UTF-8 bytes plus its slots and headers.
    const size = Buffer.byteLength(message) + this.entryOverhead;
    this.orderBytes.push(size);
    this.totalBytes += size;
    while (this.totalBytes > this.maxBytes && this.orderHead < this.orderChannels.length) this.dropOldest('HISTORY_TRIMMED');
  }

  /** Events of `name` after `serial`, or why they cannot all be given. */
  since(name: string, serial: string): Replay {
    const seq = decodeSerial(serial) + serialBase;
    // A serial from the future may be one that has not reached this node yet: never guess.
    if (!Number.isSafeInteger(seq) || seq > this.seq) {
      return { ok: false, reason: 'UNKNOWN_SERIAL' };
    }
    if (seq < this.coveredFrom) return { ok: false, reason: this.shared ? 'HISTORY_UNAVAILABLE' : 'UNKNOWN_SERIAL' };
    const channel = this.channels.get(name);
    if (!channel) return seq >= this.droppedUpTo ? { ok: true, entries: [] } : { ok: false, reason: this.droppedBecause };
    if (seq < channel.trimmedUpTo) return { ok: false, reason: channel.trimmedBecause };
    // Entries are in arrival order; with several publishing nodes that can differ from seq order,
    // so what follows the serial's own entry is replayed, not what has a larger seq.
    const { seqs } = channel;
    let from = seqs.length;
    while (from > channel.head && seqs[from - 1] !== seq) from--;
    if (from === channel.head) while (from < seqs.length && (seqs[from] as number) <= seq) from++;
    const entries: HistoryEntry[] = [];
    for (let i = from; i < seqs.length; i++) entries.push({ seq: seqs[i] as number, message: channel.messages[i] as string, exceptSocketId: channel.excepts[i] });
    return { ok: true, entries };
  }

  /** Drops what the window no longer covers. Called from the server's once-a-second sweep. */
  expire(now: number): void {
    while (this.orderHead < this.orderChannels.length && now - (this.orderTimes[this.orderHead] as number) >= this.windowMs) {
      this.dropOldest('WINDOW_EXPIRED');
    }
    if (this.orderHead > 1024 && this.orderHead * 2 > this.orderChannels.length) {
      this.orderChannels = this.orderChannels.slice(this.orderHead);
      this.orderTimes = this.orderTimes.slice(this.orderHead);
      this.orderBytes = this.orderBytes.slice(this.orderHead);
      this.orderHead = 0;
    }
  }

  private dropOldest(reason: RecoveryReason): void {
    const i = this.orderHead++;
    const channel = this.orderChannels[i] as ChannelHistory;
    this.totalBytes -= this.orderBytes[i] as number;
    // Its channel's oldest live entry is this one: per channel, arrival order is kept.
    const seq = channel.seqs[channel.head] as number;
    channel.messages[channel.head] = '';
    channel.excepts[channel.head] = undefined;
    channel.head++;
    channel.trimmedUpTo = seq;
    channel.trimmedBecause = reason;
    if (channel.live === 0) {
      // Nothing left: forget the channel, remembering only that something up to here is gone.
      this.channels.delete(channel.name);
      this.droppedUpTo = Math.max(this.droppedUpTo, seq);
      this.droppedBecause = reason;
    } else {
      channel.compact();
    }
  }
}
