// One client connection: identity, subscriptions, liveness and its share of the outbound queue.
import type { App } from '../apps/app.js';
import type { ClientSubscriber, SignedInUser } from '../channels/subscriber.js';
import { codedError } from '../protocol/messages.js';
import { textFrame } from '../protocol/frame.js';
import { closeCode, type CodeEntry } from '../schema.js';
import type { ObserverSink } from '../observe/observer.js';
import { AuthorizationSlots } from '../auth/connection-slots.js';
import { TokenBucket } from '../limits/token-bucket.js';
import type { OutboundQueue, OutboundTarget } from './outbound.js';
import type { Wire } from './wire.js';

export class Connection implements ClientSubscriber, OutboundTarget {
  pending: Buffer[] | undefined = undefined;
  pendingBytes = 0;
  /** Subscribed channel → the presence user id it joined as (undefined for other kinds). */
  readonly channels = new Map<string, string | undefined>();
  user: SignedInUser | undefined;
  /** ms timestamps: last inbound frame or pong, last inbound message, pending ping. */
  lastSeen: number;
  lastMessage: number;
  pingSentAt = 0;
  clientEventWindowStart = 0;
  clientEventCount = 0;
  closing = false;
  /** Server-side authorizations in flight and waiting (created on the first). */
  private slots: AuthorizationSlots | undefined;
  /** Subscribes a second (created on the first subscribe: an idle connection stays small). */
  private subscribes: TokenBucket | undefined;

  constructor(
    readonly socketId: string,
    readonly app: App,
    /** The transport: a WebSocket (ws-wire.ts) or an HTTP fallback session (fallback/). */
    readonly wire: Wire,
    readonly ip: string,
    private readonly outbound: OutboundQueue,
    /** Request headers kept for server-side auth (cookies, authorization). */
    readonly headers: { cookie?: string; authorization?: string },
    /** Where refusals and cuts are reported (the hub's observer sink). */
    readonly events: ObserverSink,
  ) {
    this.lastSeen = this.lastMessage = Date.now();
  }

  send(frame: Buffer): void {
    if (!this.closing) this.outbound.enqueue(this, frame);
  }

  sendText(message: string): void {
    this.send(textFrame(message));
  }

  authorizationSlots(): AuthorizationSlots {
    const { serverAuthPerConnection, maxChannelsPerConnection } = this.app.limits;
    this.slots ??= new AuthorizationSlots(Math.max(1, serverAuthPerConnection), maxChannelsPerConnection);
    return this.slots;
  }

  /** Takes one subscribe from the connection's rate (limits.subscribesPerSecond, bursts of subscribeBurst; 0: unlimited). */
  subscribeAllowed(): boolean {
    const { subscribesPerSecond, subscribeBurst } = this.app.limits;
    if (subscribesPerSecond <= 0) return true;
    this.subscribes ??= new TokenBucket(subscribesPerSecond, Math.max(1, subscribeBurst));
    return this.subscribes.take();
  }

  /** Bytes that may still be queued before the connection is over its outbound budget. */
  outboundRoom(): number {
    return this.outbound.room(this);
  }

  /** Writes what is queued now, ahead of something written straight to the socket. */
  writeQueued(): void {
    this.outbound.write(this);
  }

  /** Tells the client why with `pusher:error`, then closes with the same code. */
  closeWith(entry: CodeEntry, detail?: string): void {
    if (this.closing) return;
    this.closing = true;
    this.events.emit('refused', { kind: 'closed', appId: this.app.id, code: entry.code, message: entry.message, detail, socketId: this.socketId, ip: this.ip });
    // What is already queued goes first, then the reason; the budget no longer applies.
    const frames = this.pending ?? [];
    this.pending = undefined;
    this.pendingBytes = 0;
    frames.push(textFrame(codedError(entry, detail)));
    if (!this.wire.destroyed) this.wire.write(Buffer.concat(frames));
    this.wire.close(entry.code, entry.message.slice(0, 120));
    // A peer that never answers the close handshake must not hold the socket.
    setTimeout(() => this.wire.terminate(), 2_000).unref();
  }

  /** The client reads slower than it is sent to: drop what is queued and let it reconnect. */
  overflow(droppedFrames: number): void {
    this.droppedFrames += droppedFrames;
    this.closeWith(closeCode('SLOW_CONSUMER'));
    // A client that does not read is not owed a close handshake either: what it still sends stays in the kernel until the terminate.
    this.wire.pause();
  }

  droppedFrames = 0;
}
