// What channel state needs from a connection: an id to exclude by, and a way to queue bytes.

export interface Subscriber {
  readonly socketId: string;
  /** Queue a pre-built frame; the transport writes it later, coalesced with others. */
  send(frame: Buffer): void;
}
