// Connection recovery, client side (a Pogo extension): remember the serial of the last event seen on
// each channel, and when pusher-js re-subscribes after a reconnect, add `resume_from` (and the old
// socket id) so the server replays what was missed. Plain pusher-js never sees the difference.
import { recovery as contract } from '../../config/pogo-websocket.schema.json';

/** Why the server could not replay everything after a reconnect: refetch this channel's state. */
/**
 * Why a resume could not be complete: the schema's `recovery.reasons`, spelled out so the published declarations
 * do not embed the schema (tests/preset/recovery-reasons.test-d.ts holds the two equal).
 */
export type RecoveryReason = 'WINDOW_EXPIRED' | 'HISTORY_TRIMMED' | 'UNKNOWN_SERIAL' | 'RECOVERY_DISABLED' | 'HISTORY_UNAVAILABLE' | 'REPLAY_TOO_LARGE';

export interface Discontinuity {
  reason: RecoveryReason;
  message: string;
  /** The serial the client asked to resume from. */
  resume_from: string;
}

export type DiscontinuityHandler = (discontinuity: Discontinuity) => void;

/** The parts of pusher-js 8's connection manager recovery hooks into. */
interface ConnectionManager {
  state: string;
  socket_id: string;
  connection?: { transport?: { bind(event: 'message', callback: (event: { data?: unknown }) => void): unknown } } | null;
  bind(event: string, callback: () => void): unknown;
  send_event(name: string, data: unknown, channel?: string): boolean;
}

export interface Recovery {
  /** The serial of the last event seen on a channel (its full Pusher name, e.g. `private-orders.1`). */
  serialOf(channel: string): string | undefined;
  /** Calls `handler` whenever the server says it could not replay a gap on `channel`; returns an unsubscribe. */
  onDiscontinuity(channel: string, handler: DiscontinuityHandler): () => void;
}

const installed = new WeakMap<object, Recovery>();

/** Installs recovery on a pusher-js client once; later calls return the same controller. */
export function enableRecovery(pusher: { connection: unknown }): Recovery {
  const existing = installed.get(pusher);
  if (existing) return existing;
  const manager = pusher.connection as ConnectionManager;
  const serials = new Map<string, string>();
  const handlers = new Map<string, Set<DiscontinuityHandler>>();
  // The socket id of the connection serials were seen on; updated after pusher-js re-subscribed.
  let seenOnSocket: string | undefined;

  const send = manager.send_event.bind(manager);
  manager.send_event = (name, data, channel) => {
    const fields = data as { channel?: string } | undefined;
    if (name === 'pusher:subscribe' && fields?.channel && serials.has(fields.channel)) {
      data = {
        ...fields,
        [contract.resumeField]: serials.get(fields.channel),
        ...(seenOnSocket && seenOnSocket !== manager.socket_id ? { [contract.previousSocketField]: seenOnSocket } : {}),
      };
    } else if (name === 'pusher:unsubscribe' && fields?.channel) {
      serials.delete(fields.channel);
    }
    return send(name, data, channel);
  };

  const read = (event: { data?: unknown }) => {
    const raw = event.data;
    // Only messages that carry a serial (or a discontinuity) are parsed a second time.
    if (typeof raw !== 'string' || (!raw.includes(`"${contract.serialField}":`) && !raw.includes(contract.discontinuityEvent))) return;
    let message: { event?: string; channel?: string; data?: unknown; [field: string]: unknown };
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (typeof message.channel !== 'string') return;
    const serial = message[contract.serialField];
    if (typeof serial === 'string') serials.set(message.channel, serial);
    if (message.event === contract.discontinuityEvent && typeof message.data === 'string') {
      const discontinuity = JSON.parse(message.data) as Discontinuity;
      for (const handler of handlers.get(message.channel) ?? []) handler(discontinuity);
    }
  };

  // pusher-js re-subscribes every channel on 'connected' before this runs (it bound first).
  const attach = () => {
    seenOnSocket = manager.socket_id;
    manager.connection?.transport?.bind('message', read);
  };
  manager.bind('connected', attach);
  if (manager.state === 'connected') attach();

  const controller: Recovery = {
    serialOf: (channel) => serials.get(channel),
    onDiscontinuity(channel, handler) {
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
      }
      set.add(handler);
      return () => set.delete(handler);
    },
  };
  installed.set(pusher, controller);
  return controller;
}

/** The pusher-js client behind an Echo instance (pusher or reverb broadcaster). */
function pusherBehind(echo: unknown): { connection: unknown } {
  const pusher = (echo as { connector?: { pusher?: { connection?: unknown } } }).connector?.pusher;
  if (!pusher?.connection) throw new TypeError('@pogo/echo: expected an Echo instance using the pusher/reverb broadcaster');
  return pusher as { connection: unknown };
}

/** Recovery on an Echo instance (installed by `createEcho`, or here for an Echo built by hand). */
export function recoveryOf(echo: unknown): Recovery {
  return enableRecovery(pusherBehind(echo));
}

/**
 * Calls `handler` when the server could not replay everything a channel missed while the connection
 * was down (beyond the window, history trimmed, server restarted): refetch that channel's state then.
 * `channel` is the full Pusher name: `orders`, `private-orders.1`, `presence-room.7`.
 */
export function onDiscontinuity(echo: unknown, channel: string, handler: DiscontinuityHandler): () => void {
  return recoveryOf(echo).onDiscontinuity(channel, handler);
}
