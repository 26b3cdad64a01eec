// What a Connection writes to: one client's transport, whatever carries it (a WebSocket, an
// HTTP fallback session). Everything above the wire speaks in WebSocket text frames built once
// per message (protocol/frame.ts) and shared between subscribers; a wire that is not a WebSocket
// unwraps them (a frame's header is a few bytes in front of the message's own).

export interface Wire {
  /** Writes one or more concatenated server-built frames (text, or pong for a WebSocket ping). */
  write(frames: Buffer): void;
  /** Ends the transport politely: the client is told `code` and `reason`. */
  close(code: number, reason: string): void;
  /** Ends it now, without a goodbye. */
  terminate(): void;
  /** Stops reading from the client (a client that does not read is not owed attention). */
  pause(): void;
  /** A transport-level liveness probe, where the transport has one (a WebSocket ping). */
  probe(): void;
  /** Nothing more can be written. */
  readonly destroyed: boolean;
  /** Bytes written but not yet taken by the client: counted against the outbound budget. */
  readonly bufferedBytes: number;
}
