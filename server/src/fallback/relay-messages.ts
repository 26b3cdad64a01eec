// What two `--workers` workers say about a fallback session one of them holds (its owner) when a
// request for it reached the other (the relayer): node:cluster hands each TCP connection to any
// worker. The primary passes these on between them (ipc-messages.ts: `relay`), in order.
import type { SessionTransport } from './session.js';

/** `{app id}/{server}/{session}`: a session's key in every worker and in the primary's registry. */
export type SessionKey = string;

export type RelayMessage =
  /** Relayer → owner: an xhr_send's body (undefined: it was over the limit). */
  | { kind: 'send'; id: number; session: SessionKey; ip: string; body?: string }
  /** Owner → relayer: the status to answer the xhr_send with. */
  | { kind: 'sent'; id: number; status: number; error?: string }
  /** Relayer → owner: a receive request (stream or poll) for the session. */
  | { kind: 'attach'; id: number; session: SessionKey; ip: string; transport: SessionTransport }
  /** Owner → relayer: the receive request is the session's (`attached`), or not (`refused`: 404). */
  | { kind: 'attached' | 'refused'; id: number }
  /** Owner → relayer: lines for the receive request; `end`: the last (a poll answered, a goodbye). */
  | { kind: 'lines'; id: number; data: string; end: boolean }
  /** Owner → relayer: drop the receive request now (the session was discarded). */
  | { kind: 'abort'; id: number }
  /** Relayer → owner: the receive request's response closed (the client left, or a newer one took over). */
  | { kind: 'detach'; id: number }
  /** Relayer → owner: this many bytes of lines were handed to the client's socket (the budget counts the rest). */
  | { kind: 'ack'; id: number; bytes: number };
