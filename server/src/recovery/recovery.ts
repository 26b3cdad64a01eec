// Connection recovery for one app: serials given to published events, the history they are
// kept in, and the replay to a subscriber that resumes from one of them.
import type { App } from '../apps/app.js';
import type { ClientSubscriber } from '../channels/subscriber.js';
import type { ObserverSink } from '../observe/observer.js';
import { isUserChannel } from '../protocol/channel-name.js';
import * as messages from '../protocol/messages.js';
import type { ChannelMessage } from '../protocol/messages.js';
import { schema } from '../schema.js';
import { AppHistory, entryOverheadBytes } from './history.js';

/** What a serial is spliced in with: `,"id":"` (the schema names the field). */
const serialPrefix = `,"${schema.recovery.serialField}":"`;

/** An event of a history kept elsewhere (the broker's), as `seed` takes it. */
export interface StoredEntry {
  channel: string;
  seq: number;
  message: string;
  exceptSocketId: string | undefined;
}

/** What a resuming subscriber saw last (`resume_from`) and the socket it had then. */
export interface ResumePoint {
  serial: string;
  previousSocketId: string | undefined;
}

function newHistory(app: App, shared: boolean): AppHistory {
  return new AppHistory(app.limits.recoveryWindowSeconds * 1000, app.limits.recoveryMaxBytes, shared, entryOverheadBytes);
}

export class AppRecovery {
  /** Recent events, when the app has recovery on. */
  private history: AppHistory | undefined;

  constructor(
    private readonly app: App,
    private readonly events: ObserverSink,
  ) {
    this.history = app.recovery.enabled ? newHistory(app, false) : undefined;
  }

  /** Recovery covers an app's channels except the prefixes it switched off, and never user channels. */
  covers(channel: string): boolean {
    return !isUserChannel(channel) && !this.app.recovery.disabledPrefixes.some((prefix) => channel.startsWith(prefix));
  }

  /** This node keeps a history for the channel: stamp() gives its events a serial, record() keeps them. */
  keeps(channel: string): boolean {
    return this.history !== undefined && this.covers(channel);
  }

  /**
   * Gives a published event its recovery serial, spliced into the serialised message once per
   * channel (never per recipient). Events on channels without recovery come back unchanged.
   */
  stamp(channel: string, message: ChannelMessage): { message: ChannelMessage; seq?: number } {
    if (!this.history || !this.covers(channel)) return { message };
    const { seq, serial } = this.history.nextSerial();
    return { message: { kind: message.kind, json: `${message.json.slice(0, -1)}${serialPrefix}${serial}"}` }, seq };
  }

  record(channel: string, seq: number, message: string, exceptSocketId: string | undefined): void {
    this.history?.record(channel, seq, message, exceptSocketId);
  }

  /** Sends what a resuming subscriber missed, in order, or tells it why it cannot. */
  replay(subscriber: ClientSubscriber, name: string, resume: ResumePoint): void {
    const { app } = this;
    const replay = this.history && this.covers(name) ? this.history.since(name, resume.serial) : ({ ok: false, reason: 'RECOVERY_DISABLED' } as const);
    if (!replay.ok) {
      subscriber.sendText(messages.discontinuity(name, replay.reason, resume.serial));
      this.events.emit('discontinuity', app, name, replay.reason);
      return;
    }
    // An event published with socket_id skipped its sender; it still skips that client now.
    const entries = replay.entries.filter((entry) => entry.exceptSocketId === undefined || entry.exceptSocketId !== resume.previousSocketId);
    // A replay counts against the outbound budget like any frame: one larger than the room left is
    // not sent at all (a flood the client could never read in time) but ends in a discontinuity.
    let bytes = 0;
    for (const entry of entries) bytes += Buffer.byteLength(entry.message) + 10;
    if (bytes > subscriber.outboundRoom()) {
      subscriber.sendText(messages.discontinuity(name, 'REPLAY_TOO_LARGE', resume.serial));
      this.events.emit('discontinuity', app, name, 'REPLAY_TOO_LARGE');
      return;
    }
    let sent = 0;
    for (const entry of entries) {
      subscriber.sendText(entry.message);
      sent++;
    }
    this.events.emit('replayed', app, name, sent);
  }

  /**
   * Several nodes: every node records what the bus delivers under the publisher's serials, so the
   * epoch is the cluster's, and a serial from before this node's coverage is "not here", not unknown.
   */
  share(): void {
    if (this.history) this.history = newHistory(this.app, true);
  }

  /**
   * A node starting fresh takes the history the broker kept (`redis.history`): its entries, oldest
   * first, then what the bus delivered meanwhile; serials from `since` on resume here as if this node
   * had run all along (a client resuming after a restart gets what it missed).
   */
  seed(since: number, stored: readonly StoredEntry[]): void {
    if (!this.history) return;
    const fresh = newHistory(this.app, true);
    const known = new Set<number>();
    for (const entry of stored) {
      fresh.record(entry.channel, entry.seq, entry.message, entry.exceptSocketId, Math.floor(entry.seq / 1000));
      known.add(entry.seq);
    }
    const meanwhile = [...this.history.entries()].filter((entry) => !known.has(entry.seq)).sort((a, b) => a.seq - b.seq);
    for (const entry of meanwhile) fresh.record(entry.channel, entry.seq, entry.message, entry.exceptSocketId);
    fresh.vouchFrom(since);
    this.history = fresh;
  }

  /** The bus lost messages: no node-local history before now can be vouched for. */
  gap(): void {
    this.history?.gap();
  }

  /** Bytes held for recovery on this node. */
  get bytes(): number {
    return this.history?.bytes ?? 0;
  }

  expire(now: number): void {
    this.history?.expire(now);
  }
}
