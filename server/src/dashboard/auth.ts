// Who may see the dashboard: a bearer token, basic auth, or the session cookie the login
// form sets. Every comparison hashes both sides to the same length and uses
// crypto.timingSafeEqual, so neither the content nor the length of a secret leaks by timing.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DashboardConfig } from '../apps/config.js';

const cookieName = 'pogo_dashboard';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant time whatever the lengths: both sides are hashed first. */
export function secretsEqual(expected: string, given: string): boolean {
  return timingSafeEqual(digest(expected), digest(given));
}

export class DashboardAuth {
  private readonly session: string;

  constructor(private readonly config: Pick<DashboardConfig, 'token' | 'basicAuth' | 'path'>) {
    // Derived from the credentials: valid on every node sharing them, void once they change,
    // and the cookie never holds the token itself.
    const secret = config.token ?? `${config.basicAuth!.user}:${config.basicAuth!.password}`;
    this.session = createHmac('sha256', secret).update('pogo-ws dashboard session v1').digest('base64url');
  }

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
    const cookie = readCookie(req.headers.cookie, cookieName);
    return cookie !== undefined && secretsEqual(this.session, cookie);
  }

  /** Did the request bring credentials at all (a wrong one counts as a failed sign-in)? */
  presented(req: IncomingMessage): boolean {
    return req.headers.authorization !== undefined || readCookie(req.headers.cookie, cookieName) !== undefined;
  }

  /** Set-Cookie for a signed-in browser: HttpOnly, SameSite=Strict, scoped to the dashboard's path. */
  sessionCookie(secure: boolean): string {
    return `${cookieName}=${this.session}; Path=${this.config.path}/; HttpOnly; SameSite=Strict; Max-Age=43200${secure ? '; Secure' : ''}`;
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
