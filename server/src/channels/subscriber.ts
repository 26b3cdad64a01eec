// What channel state and the hub need of a client connection. The transport's Connection
// implements it; nothing below the transport ever sees a socket.
import type { App } from '../apps/app.js';
import type { CodeEntry } from '../schema.js';

export interface Subscriber {
  readonly socketId: string;
  /** Queue a pre-built frame; the transport writes it later, coalesced with others. */
  send(frame: Buffer): void;
}

export interface SignedInUser {
  id: string;
  /** The user_data string exactly as signed. */
  userData: string;
}

/** A client as the hub keeps it: its app, what it joined, who it signed in as, and ways to answer it. */
export interface ClientSubscriber extends Subscriber {
  readonly app: App;
  readonly ip: string;
  /** Subscribed channel → the presence user id it joined as (undefined for other kinds). */
  readonly channels: Map<string, string | undefined>;
  user: SignedInUser | undefined;
  /** Set once the connection is closing: nothing more is sent to it. */
  readonly closing: boolean;
  readonly droppedFrames: number;
  sendText(message: string): void;
  /** Bytes that may still be queued before the client is over its outbound budget. */
  outboundRoom(): number;
  /** Tells the client why with `pusher:error`, then closes with the same code. */
  closeWith(entry: CodeEntry, detail?: string): void;
}
