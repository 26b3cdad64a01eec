// Admitting a client, whatever carries it (a WebSocket, an HTTP fallback session): the per-address
// handshake budget, the handshake's checks, the app's connection cap, the refusal reported to the
// hub's observers, and the Connection that joins the hub. One budget per app and address for both
// transports: a client cannot spend the WebSocket's and then the fallback's. Each transport only
// says no in its own words (an HTTP answer before an upgrade, a close code or a `c[...]` frame).
import type { IncomingHttpHeaders } from 'node:http';
import type { App } from '../apps/app.js';
import type { Hub } from '../hub.js';
import { ApiError, errorBody } from '../http/respond.js';
import { BucketMap } from '../limits/token-bucket.js';
import { connectionEstablished } from '../protocol/messages.js';
import { closeCode, publishStatus, type CodeEntry } from '../schema.js';
import { Connection } from './connection.js';
import type { HandshakeResult } from './handshake.js';
import type { OutboundQueue } from './outbound.js';
import { newSocketId } from './socket-id.js';
import type { Wire } from './wire.js';

/** Who asks to be admitted, as the refusal feed names them. */
export interface Applicant {
  ip: string;
  /** The request's path (with or without its query, as the transport reports it). */
  url: string | undefined;
}

/** Past the address's handshake budget: the 429's body and when to try again (seconds). */
export interface RateLimited {
  retryAfter: number;
  body: { error: string; status: number; name: string };
}

/** The client may join, or the close code (and detail) it is refused with. */
export type Verdict = { ok: true; app: App } | { ok: false; refusal: CodeEntry; detail?: string };

const noHeaders = Object.freeze({});

export class Admission {
  /** Per app: one handshake bucket per client address, shared by every transport. */
  private readonly handshakeBuckets = new Map<string, BucketMap>();

  constructor(
    private readonly hub: Hub<Connection>,
    /** One flush and one budget rule for every connection, whatever its transport. */
    private readonly outbound: OutboundQueue,
  ) {}

  /** Takes one handshake from the address's budget for the app: undefined, or the refusal (reported). */
  rateLimited(app: App, applicant: Applicant): RateLimited | undefined {
    const buckets = this.bucketsOf(app);
    if (buckets.take(applicant.ip)) return undefined;
    const status = publishStatus('RATE_LIMITED');
    const detail = 'too many connections from this address';
    this.hub.events.emit('refused', { kind: 'connection', appId: app.id, code: 429, name: status.name, message: status.message, detail, url: applicant.url, ip: applicant.ip });
    return { retryAfter: buckets.retryAfter(applicant.ip), body: errorBody(new ApiError('RATE_LIMITED', detail)) };
  }

  /**
   * The handshake's own verdict, then the app's connection cap (both transports' connections
   * count). A refusal is reported; `named` is the app a refused handshake is reported under, where
   * the transport knew it before the handshake's checks.
   */
  verdict(handshake: HandshakeResult, applicant: Applicant, named?: App): Verdict {
    if (!handshake.ok) return this.refused(handshake.refusal, handshake.detail, applicant, named);
    const { app } = handshake;
    const max = app.limits.maxConnections;
    if (max > 0 && this.hub.connectionCount(app) >= max) return this.refused(closeCode('OVER_CAPACITY'), `at most ${max} connections`, applicant, app);
    return handshake;
  }

  /** A Connection for an admitted client; it joins the hub with join(). */
  connection(app: App, wire: Wire, ip: string, headers: IncomingHttpHeaders): Connection {
    return new Connection(
      newSocketId(this.hub.socketIdInUse),
      app,
      wire,
      ip,
      this.outbound,
      // Kept only where server-side authorization will forward them.
      app.authEndpoint ? { cookie: headers.cookie, authorization: headers.authorization } : noHeaders,
      this.hub.events,
    );
  }

  /** The connection joins the hub and is told its socket id. */
  join(connection: Connection): void {
    this.hub.connect(connection);
    connection.sendText(connectionEstablished(connection.socketId, connection.app.limits.activityTimeoutSeconds));
  }

  /** Once a second (the WebSocket server's sweep): addresses whose buckets are full again are forgotten. */
  prune(now: number): void {
    for (const buckets of this.handshakeBuckets.values()) buckets.prune(now);
  }

  /** The app's per-address buckets; made on first use, also for an app added by a reload (SIGHUP). */
  private bucketsOf(app: App): BucketMap {
    let buckets = this.handshakeBuckets.get(app.id);
    if (!buckets) {
      buckets = new BucketMap(app.limits.handshakesPerSecondPerIp, app.limits.handshakeBurstPerIp);
      this.handshakeBuckets.set(app.id, buckets);
    }
    return buckets;
  }

  private refused(refusal: CodeEntry, detail: string | undefined, applicant: Applicant, app: App | undefined): Verdict {
    this.hub.events.emit('refused', { kind: 'connection', appId: app?.id, code: refusal.code, message: refusal.message, detail, url: applicant.url, ip: applicant.ip });
    return { ok: false, refusal, detail };
  }
}
