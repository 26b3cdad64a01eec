// Nodes of another release on the same broker (a rolling deploy, a node forgotten in a deploy):
// their bus frames are dropped unread (see wire-format.ts), and this says so once per node, with
// the fix, and keeps what /up and the metrics show. Learnt from the frames that arrive and from
// the broker's node registry (a quiet node of another release is found at a heartbeat too).
import { foreignOrigin, wirePrefix, wireVersion, type ForeignOrigin } from './wire-format.js';

export interface ForeignNode {
  node: string;
  /** Its wire format; 1: a release that sends no version. */
  version: number;
  /** Its bus frames this node dropped unread. */
  droppedMessages: number;
}

interface Seen extends ForeignNode {
  lastSeen: number;
}

/** A node not seen (frame or registry) for this long is gone from the list (it stopped or was upgraded). */
const forgetAfterMs = 5 * 60_000;
/** Bus peers are other nodes, not clients; still, the list stays bounded. */
const maxTracked = 1_000;

function describe(version: number): string {
  return version === 1 ? 'format 1 (a release that sends no format version)' : `format ${version}`;
}

export class ForeignNodes {
  private readonly seen = new Map<string, Seen>();

  constructor(
    private readonly warn: (message: string) => void,
    /** A frame of another format was dropped (the metrics count it). */
    private readonly counted: (origin: ForeignOrigin) => void,
  ) {}

  /** True for a bus frame of another format: it is to be dropped unread; counted, and its node warned about once. */
  dropped(payload: string): boolean {
    if (payload.startsWith(wirePrefix)) return false;
    const origin = foreignOrigin(payload);
    const entry = this.note(origin);
    if (entry) entry.droppedMessages++;
    this.counted(origin);
    return true;
  }

  /** Alive nodes the broker's registry holds with another format (or none), read at a heartbeat. */
  registered(origins: ForeignOrigin[]): void {
    for (const origin of origins) this.note(origin);
  }

  /** Foreign nodes seen lately, for /up. */
  list(): ForeignNode[] {
    this.forget(Date.now());
    return [...this.seen.values()].map(({ node, version, droppedMessages }) => ({ node, version, droppedMessages }));
  }

  private note(origin: ForeignOrigin): Seen | undefined {
    const now = Date.now();
    const known = this.seen.get(origin.node);
    if (known && known.version === origin.version) {
      known.lastSeen = now;
      return known;
    }
    this.forget(now);
    if (this.seen.size >= maxTracked) return undefined;
    const entry: Seen = { ...origin, droppedMessages: 0, lastSeen: now };
    this.seen.set(origin.node, entry);
    this.warn(
      `cluster: node ${origin.node} runs another release (bus ${describe(origin.version)}, this node ${describe(wireVersion)}); ` +
        'its messages are dropped, not read, so deliveries and presence between them are incomplete. ' +
        'Fix: deploy one release to every node, then `php artisan pogo:ws-restart` restarts them all together ' +
        '(a node still running another release does not hear that request: restart it through its supervisor).',
    );
    return entry;
  }

  private forget(now: number): void {
    for (const [node, entry] of this.seen) if (now - entry.lastSeen > forgetAfterMs) this.seen.delete(node);
  }
}
