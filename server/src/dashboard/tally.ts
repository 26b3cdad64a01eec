// The dashboard's error catalogue: refusals by code per app (with the app a refused handshake
// named), read once a second. Everything else it shows comes from the counter store.
import { schema } from '../schema.js';
import type { Refusal } from '../observe/refusal.js';
import type { ErrorCount } from './wire.js';

class AppTally {
  errors = 0;
  readonly byCode = new Map<string, ErrorCount>();
}

const closeNames = new Map<number, string>(Object.entries(schema.closeCodes).map(([name, entry]) => [entry.code, name]));
const errorNames = new Map<number, string>(Object.entries(schema.errorCodes).map(([name, entry]) => [entry.code, name]));

/** The schema's name for a refusal's code. */
export function refusalName(refusal: Refusal): string {
  if (refusal.name) return refusal.name;
  const table = refusal.kind === 'message' ? errorNames : refusal.kind === 'http' ? undefined : closeNames;
  return table?.get(refusal.code) ?? errorNames.get(refusal.code) ?? closeNames.get(refusal.code) ?? String(refusal.code);
}

/** Refusals whose app is unknown (an unknown key, a bad path) count under this id. */
export const noApp = '';

export class Tally {
  private readonly apps = new Map<string, AppTally>();

  of(appId: string): AppTally {
    let tally = this.apps.get(appId);
    if (!tally) {
      tally = new AppTally();
      this.apps.set(appId, tally);
    }
    return tally;
  }

  error(appId: string, refusal: Refusal, name: string, at: number): void {
    const tally = this.of(appId);
    tally.errors++;
    const key = `${refusal.kind}:${refusal.code}:${name}`;
    const seen = tally.byCode.get(key);
    if (seen) {
      seen.count++;
      seen.lastAt = at;
    } else {
      tally.byCode.set(key, { kind: refusal.kind, code: refusal.code, name, message: refusal.message.slice(0, 200), count: 1, lastAt: at });
    }
  }

  /** Errors by code for one app, or summed over every app (and refusals without one). */
  errorsByCode(appId?: string): ErrorCount[] {
    const merged = new Map<string, ErrorCount>();
    for (const [id, tally] of this.apps) {
      if (appId !== undefined && id !== appId) continue;
      for (const [key, entry] of tally.byCode) {
        const seen = merged.get(key);
        if (seen) {
          seen.count += entry.count;
          seen.lastAt = Math.max(seen.lastAt, entry.lastAt);
        } else merged.set(key, { ...entry });
      }
    }
    return [...merged.values()].sort((a, b) => b.count - a.count);
  }
}
