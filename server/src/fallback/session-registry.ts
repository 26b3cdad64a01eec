// In the `--workers` primary: which worker holds each HTTP fallback session, so a worker that
// gets a request for a session it does not hold knows where to relay it. A session is claimed by
// the worker that opens it (atomically: of two workers asking at once, one owns it), released
// when that worker forgets it, and dropped with its worker.
import type { SessionKey } from './relay-messages.js';

export class SessionRegistry {
  private readonly owners = new Map<SessionKey, number>();

  /** The worker holding `session`; with `claim`, `worker` becomes it when none does. Undefined: nobody. */
  owner(session: SessionKey, worker: number, claim: boolean): number | undefined {
    const owner = this.owners.get(session);
    if (owner !== undefined || !claim) return owner;
    this.owners.set(session, worker);
    return worker;
  }

  /** `worker` no longer holds `session` (a later claim by another worker is left alone). */
  release(session: SessionKey, worker: number): void {
    if (this.owners.get(session) === worker) this.owners.delete(session);
  }

  /** `worker` is gone, and its sessions with it (their clients open new ones). */
  dropWorker(worker: number): void {
    for (const [session, owner] of this.owners) if (owner === worker) this.owners.delete(session);
  }

  get size(): number {
    return this.owners.size;
  }
}
