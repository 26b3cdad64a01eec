// Signing in and out of the dashboard: the login form, the sign-out, the 401 answer (the login
// page for a browser, JSON otherwise), and the limit on wrong credentials per client address.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DashboardConfig } from '../config/server-config.js';
import { readBody } from '../http/body.js';
import { BucketMap } from '../limits/token-bucket.js';
import { assets } from './assets.js';
import { DashboardAuth } from './auth.js';
import { escapeHtml, send, sendJson } from './answers.js';

export class DashboardSession {
  private readonly auth: DashboardAuth;
  private readonly base: string;
  /** Wrong credentials per client address: 2 a second, bursts of 10, then 429. */
  private readonly failures = new BucketMap(2, 10);

  constructor(config: DashboardConfig) {
    this.auth = new DashboardAuth(config);
    this.base = config.path;
  }

  allows(req: IncomingMessage): boolean {
    return this.auth.allows(req);
  }

  /** A request without valid credentials: 429 after too many wrong ones, else 401 (`page`: the login page). */
  refuse(req: IncomingMessage, res: ServerResponse, page: boolean): void {
    if (this.auth.presented(req) && this.tooManyFailures(req, res)) return;
    this.unauthorized(res, page);
  }

  /** Forgets addresses whose failures have run out. */
  prune(at: number): void {
    this.failures.prune(at);
  }

  /** Counts a failed sign-in; true (and a 429 sent) when this address has failed too often. */
  private tooManyFailures(req: IncomingMessage, res: ServerResponse): boolean {
    const ip = req.socket.remoteAddress ?? '';
    if (this.failures.take(ip)) return false;
    sendJson(res, 429, { error: 'too many failed sign-ins from this address; wait and try again' }, { 'Retry-After': String(this.failures.retryAfter(ip)) });
    return true;
  }

  private unauthorized(res: ServerResponse, page: boolean, problem?: string): void {
    const headers = { 'WWW-Authenticate': this.auth.challenge() };
    if (!page) {
      sendJson(res, 401, { error: 'dashboard credentials required: a bearer token, basic auth or the login form' }, headers);
      return;
    }
    const mode = this.auth.scheme === 'Basic' ? 'basic' : 'token';
    const body = assets.login
      .replaceAll('__BASE__', escapeHtml(this.base))
      .replace('__MODE__', mode)
      .replace('__PROBLEM__', problem ? escapeHtml(problem) : '');
    send(res, 401, 'text/html; charset=utf-8', body, headers);
  }

  /** POST /login: the token from the form; a session cookie when it matches. */
  async login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let token = '';
    try {
      token = new URLSearchParams((await readBody(req, 4096, 'destroy')).toString('utf8')).get('token') ?? '';
    } catch {
      // Too long: certainly not the token.
    }
    if (!this.auth.tokenMatches(token)) {
      if (this.tooManyFailures(req, res)) return;
      this.unauthorized(res, true, token === '' ? 'Enter the dashboard token.' : 'That token is not right.');
      return;
    }
    const secure = req.headers['x-forwarded-proto'] === 'https' || (req.socket as { encrypted?: boolean }).encrypted === true;
    send(res, 303, 'text/plain; charset=utf-8', 'signed in\n', { Location: `${this.base}/`, 'Set-Cookie': this.auth.sessionCookie(secure) });
  }

  /** POST /logout: ends the session and clears the cookie. */
  logout(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    this.auth.revoke(req);
    send(res, 303, 'text/plain; charset=utf-8', 'signed out\n', { Location: `${this.base}/`, 'Set-Cookie': this.auth.clearCookie() });
  }
}
