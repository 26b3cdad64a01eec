// Server-side channel authorization: a client that subscribes to a private or presence channel
// without `auth` is authorized by calling the app's endpoint for it, with the handshake's
// cookies and Authorization header. Bounded in time, concurrency, response size, and by a breaker.
import { createHmac } from 'node:crypto';
import type { App } from '../apps/app.js';
import type { Limits } from '../schema.js';
import { CircuitBreaker } from './circuit-breaker.js';

export interface ForwardedHeaders {
  cookie?: string;
  authorization?: string;
}

export type ServerAuthResult =
  | { ok: true; auth: string; channelData?: string }
  | { ok: false; reason: 'denied' | 'unavailable' | 'breaker_open' | 'busy'; status: number; detail: string };

export interface ServerAuthOutcome {
  app: App;
  outcome: 'ok' | 'denied' | 'unavailable' | 'breaker_open' | 'busy';
  seconds: number;
  breakerOpened: boolean;
}

/** Headers that prove a request comes from this server: HMAC of `timestamp\nbody` with the app secret. */
function signServerRequest(app: App, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  return {
    'X-Pogo-Key': app.key,
    'X-Pogo-Timestamp': timestamp,
    'X-Pogo-Signature': createHmac('sha256', app.secret).update(`${timestamp}\n${body}`).digest('hex'),
  };
}

export class ServerSideAuthorizer {
  private inFlight = 0;
  private readonly breaker: CircuitBreaker;
  private readonly limits: Limits;

  constructor(
    private readonly app: App,
    private readonly endpoint: string,
    private readonly report: (outcome: ServerAuthOutcome) => void = () => {},
  ) {
    this.limits = app.limits;
    this.breaker = new CircuitBreaker(this.limits.serverAuthBreakerFailures, this.limits.serverAuthBreakerOpenSeconds * 1000);
  }

  async authorize(socketId: string, channel: string, headers: ForwardedHeaders): Promise<ServerAuthResult> {
    const started = performance.now();
    const done = (result: ServerAuthResult, breakerOpened = false): ServerAuthResult => {
      this.report({
        app: this.app,
        outcome: result.ok ? 'ok' : result.reason,
        seconds: (performance.now() - started) / 1000,
        breakerOpened,
      });
      return result;
    };
    if (!this.breaker.allows()) {
      return done({ ok: false, reason: 'breaker_open', status: 503, detail: 'authorization endpoint failing; retry later' });
    }
    if (this.inFlight >= this.limits.serverAuthConcurrency) {
      return done({ ok: false, reason: 'busy', status: 503, detail: 'too many authorizations in flight' });
    }
    this.inFlight++;
    try {
      const result = await this.call(socketId, channel, headers);
      if (result.ok || result.reason === 'denied') this.breaker.succeeded();
      else return done(result, this.breaker.failed());
      return done(result);
    } finally {
      this.inFlight--;
    }
  }

  private async call(socketId: string, channel: string, headers: ForwardedHeaders): Promise<ServerAuthResult> {
    const body = new URLSearchParams({ socket_id: socketId, channel_name: channel }).toString();
    const unavailable = (detail: string): ServerAuthResult => ({ ok: false, reason: 'unavailable', status: 503, detail });
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(this.limits.serverAuthTimeoutMs),
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
          'X-Requested-With': 'XMLHttpRequest',
          ...(headers.cookie ? { Cookie: headers.cookie } : {}),
          ...(headers.authorization ? { Authorization: headers.authorization } : {}),
          ...signServerRequest(this.app, body),
        },
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      return unavailable(timedOut ? `no answer within ${this.limits.serverAuthTimeoutMs} ms` : 'endpoint unreachable');
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      return { ok: false, reason: 'denied', status: response.status, detail: 'the app refused this subscription' };
    }
    if (!response.ok) {
      await response.body?.cancel();
      return unavailable(`endpoint answered ${response.status}`);
    }
    const text = await readLimited(response, this.limits.serverAuthMaxResponseBytes);
    if (text === undefined) return unavailable(`answer larger than ${this.limits.serverAuthMaxResponseBytes} bytes`);
    try {
      const parsed = JSON.parse(text) as { auth?: unknown; channel_data?: unknown };
      if (typeof parsed.auth !== 'string') return unavailable('answer has no "auth"');
      return { ok: true, auth: parsed.auth, channelData: typeof parsed.channel_data === 'string' ? parsed.channel_data : undefined };
    } catch {
      return unavailable('answer is not JSON');
    }
  }
}

async function readLimited(response: Response, limit: number): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > limit) {
    await response.body?.cancel();
    return undefined;
  }
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
