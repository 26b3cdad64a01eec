// Who may see the dashboard: a bearer token, basic auth, or the session cookie the login
// form sets. Every comparison hashes both sides to the same length and uses
// crypto.timingSafeEqual, so neither the content nor the length of a secret leaks by timing.
// Sessions live in this process (random ids, looked up by their hash): signing out revokes
// the cookie, and a stolen one dies with its session, not only when the credentials change.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DashboardConfig } from '../config/server-config.js';

const cookieName = 'pogo_dashboard';
/** How long a session lasts (the cookie's Max-Age, and the server's own expiry). */
const sessionSeconds = 43_200;
/** Signed-in browsers remembered at once; past it the oldest session ends. */
const maxSessions = 1_000;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant time whatever the lengths: both sides are hashed first. */
export function secretsEqual(expected: string, given: string): boolean {
  return timingSafeEqual(digest(expected), digest(given));
}

export class DashboardAuth {
  /** sha256(session id) → when it expires (ms). Insertion order: oldest first. */
  private readonly sessions = new Map<string, number>();

  constructor(private readonly config: Pick<DashboardConfig, 'token' | 'basicAuth' | 'path'>) {}

  /** Basic auth makes the browser ask for user and password; a token uses the login form. */
  get scheme(): 'Basic' | 'Bearer' {
    return this.config.token === undefined ? 'Basic' : 'Bearer';
  }

  challenge(): string {
    return `${this.scheme} realm="pogo-ws dashboard", charset="UTF-8"`;
  }

  /** The token typed into the login form. */
  tokenMatches(given: string): boolean {
    return this.config.token !== undefined && secretsEqual(this.config.token, given);
  }

  allows(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const space = header.indexOf(' ');
    const scheme = space > 0 ? header.slice(0, space).toLowerCase() : '';
    const value = space > 0 ? header.slice(space + 1).trim() : '';
    if (scheme === 'bearer' && this.tokenMatches(value)) return true;
    if (scheme === 'basic' && this.config.basicAuth) {
      const { user, password } = this.config.basicAuth;
      if (secretsEqual(`${user}:${password}`, Buffer.from(value, 'base64').toString('utf8'))) return true;
    }
    return this.sessionOf(req) !== undefined;
  }

  /** The live session the request's cookie names (its key in `sessions`), if any. */
  private sessionOf(req: IncomingMessage): string | undefined {
    const cookie = readCookie(req.headers.cookie, cookieName);
    if (cookie === undefined || cookie === '') return undefined;
    const key = digest(cookie).toString('base64url');
    const expires = this.sessions.get(key);
    if (expires === undefined) return undefined;
    if (expires <= Date.now()) {
      this.sessions.delete(key);
      return undefined;
    }
    return key;
  }

  /** Signing out: the request's session ends here, whatever the browser does with the cookie. */
  revoke(req: IncomingMessage): void {
    const key = this.sessionOf(req);
    if (key !== undefined) this.sessions.delete(key);
  }

  /** Did the request bring credentials at all (a wrong one counts as a failed sign-in)? */
  presented(req: IncomingMessage): boolean {
    return req.headers.authorization !== undefined || readCookie(req.headers.cookie, cookieName) !== undefined;
  }

  /** Starts a session; Set-Cookie for the signed-in browser: HttpOnly, SameSite=Strict, scoped to the dashboard's path. */
  sessionCookie(secure: boolean): string {
    const id = randomBytes(32).toString('base64url');
    const oldest = this.sessions.keys().next().value;
    if (this.sessions.size >= maxSessions && oldest !== undefined) this.sessions.delete(oldest);
    this.sessions.set(digest(id).toString('base64url'), Date.now() + sessionSeconds * 1000);
    return `${cookieName}=${id}; Path=${this.config.path}/; HttpOnly; SameSite=Strict; Max-Age=${sessionSeconds}${secure ? '; Secure' : ''}`;
  }

  clearCookie(): string {
    return `${cookieName}=; Path=${this.config.path}/; HttpOnly; SameSite=Strict; Max-Age=0`;
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
