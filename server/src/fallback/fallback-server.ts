// pusher-js's HTTP fallback transports (xhr_streaming, xhr_polling) on the public port: sessions
// that are Connections to the hub in every respect (channels, auth, client events, presence,
// recovery, limits, the liveness sweep, counts), written through an HttpSession instead of a
// WebSocket. The rule of the transport holds here too: nothing a client sends escapes a listener.
// Under `--workers` a request for a session another worker holds is relayed to it (relay.ts).
// Who is admitted is decided in transport/admission.ts, as for a WebSocket (one handshake budget
// per app and address for both); the frames, CORS and sessions live apart.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../apps/app.js';
import type { Hub } from '../hub.js';
import { readBody } from '../http/body.js';
import { clientIp } from '../http/client-ip.js';
import { sendJson } from '../http/respond.js';
import { BucketMap } from '../limits/token-bucket.js';
import { codedError } from '../protocol/messages.js';
import type { CodeEntry } from '../schema.js';
import type { Admission, Applicant } from '../transport/admission.js';
import type { Connection } from '../transport/connection.js';
import { checkHandshake } from '../transport/handshake.js';
import { guard } from '../transport/listener-guard.js';
import { answerPreflight, corsAllowed, corsHeaders } from './cors.js';
import { closeFrame, openFrame, streamingPrelude } from './frames.js';
import type { SessionKey } from './relay-messages.js';
import { WorkerRelay, type RelayOwner } from './relay.js';
import { parseSessionPath, type SessionPath } from './session-path.js';
import { acceptSend, sendLimit, type SendAnswer } from './send-body.js';
import { HttpSession, type ReceiveResponse, type SessionTransport } from './session.js';

export interface FallbackOptions {
  /** Proxies whose X-Forwarded-For names the client. */
  trustedProxies: readonly string[];
  /** A `--workers` worker: sessions other workers hold are reached through the primary (relay.ts). */
  worker?: boolean;
}

interface Entry {
  session: HttpSession;
  connection: Connection;
}

/** A session with no receive request open this long is gone (ms): pusher-js asks again at once after each answer. */
const detachedLimitMs = 15_000;
/** Requests naming a session that is not theirs (unknown, another address's), per address: guessing is slow. */
const strangersPerSecondPerIp = 10;
const strangerBurstPerIp = 50;

const receiveHeaders = {
  'Content-Type': 'application/javascript; charset=UTF-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  // nginx passes each line on as it comes, even where proxy_buffering is on.
  'X-Accel-Buffering': 'no',
};

export class FallbackServer implements RelayOwner {
  /** `{app id}/{server}/{session}` → the session and its connection. */
  private readonly sessions = new Map<string, Entry>();
  private readonly trustedProxies: ReadonlySet<string>;
  private readonly strangers = new BucketMap(strangersPerSecondPerIp, strangerBurstPerIp);
  private readonly sweepTimer: NodeJS.Timeout;
  private accepting = true;
  private readonly relay: WorkerRelay | undefined;

  constructor(
    private readonly hub: Hub<Connection>,
    /** The WebSocket server's admission: one handshake budget, one cap and one outbound queue for every connection. */
    private readonly admission: Admission,
    options: FallbackOptions,
  ) {
    this.trustedProxies = new Set(options.trustedProxies);
    this.relay = options.worker ? new WorkerRelay(this) : undefined;
    this.sweepTimer = setInterval(() => guard('http', () => this.sweep(Date.now()), () => undefined), 1_000);
    this.sweepTimer.unref();
  }

  /** Answers the request and returns true when its path is a fallback session's; false leaves it to the router. */
  readonly route = (req: IncomingMessage, res: ServerResponse): boolean => {
    const target = req.url ?? '/';
    const mark = target.indexOf('?');
    const parsed = parseSessionPath(mark < 0 ? target : target.slice(0, mark));
    if (parsed === undefined) return false;
    guard('http', () => this.handle(req, res, parsed), () => res.destroy());
    return true;
  };

  /** Sessions open now (the bench and tests read it). */
  get size(): number {
    return this.sessions.size;
  }

  /** No new sessions; the open ones are closed with the others (4200) by the WebSocket server's shutdown. */
  shutdown(): void {
    this.accepting = false;
    clearInterval(this.sweepTimer);
    for (const { session } of this.sessions.values()) session.hangUpAfterGoodbye = true;
  }

  private handle(req: IncomingMessage, res: ServerResponse, path: SessionPath | false): void | Promise<void> {
    const ip = clientIp(req, this.trustedProxies);
    if (path === false) return this.stranger(req, res, ip, 'the session id is not valid');
    const app = this.hub.appByKey(path.key);
    if (!app) {
      req.resume();
      return sendJson(res, 404, { error: 'No app with this key' });
    }
    if (!corsAllowed(req, app)) {
      req.resume();
      this.hub.events.emit('refused', { kind: 'http', appId: app.id, code: 403, message: 'Origin not allowed', detail: req.headers.origin?.slice(0, 100), url: req.url?.split('?')[0], ip });
      return sendJson(res, 403, { error: 'Origin not allowed' });
    }
    if (req.method === 'OPTIONS') return answerPreflight(req, res);
    if (req.method !== 'POST') {
      req.resume();
      return sendJson(res, 405, { error: 'Method not allowed' }, { ...corsHeaders(req), Allow: 'POST, OPTIONS' });
    }
    const id = `${app.id}/${path.session}`;
    let entry = this.sessions.get(id);
    if (entry?.session.finished) {
      this.forget(id);
      entry = undefined;
    }
    if (!entry && this.relay) return this.elsewhere(req, res, app, id, ip, path.kind, this.relay);
    if (path.kind === 'xhr_send') {
      if (!entry || entry.session.ip !== ip || entry.session.ended) return this.stranger(req, res, ip, 'no such session');
      return this.receive(req, res, entry);
    }
    const transport: SessionTransport = path.kind === 'xhr' ? 'xhr_polling' : 'xhr_streaming';
    req.resume();
    if (!entry) {
      this.open(req, res, app, id, ip, transport);
      return;
    }
    if (entry.session.ip !== ip || entry.session.transport !== transport) return this.stranger(req, res, ip, 'no such session');
    // The same client again: the next poll, or a stream reopened (pusher-js does past 256 KiB).
    res.writeHead(200, { ...receiveHeaders, ...corsHeaders(req) });
    res.socket?.setNoDelay(true);
    entry.session.attach(res, transport === 'xhr_streaming' ? streamingPrelude : undefined);
  }

  /**
   * `--workers`: a request for a session this worker does not hold. Its holder answers it through
   * the primary; a receive request for a session nobody holds opens it here.
   */
  private async elsewhere(req: IncomingMessage, res: ServerResponse, app: App, id: SessionKey, ip: string, kind: SessionPath['kind'], relay: WorkerRelay): Promise<void> {
    const claim = kind !== 'xhr_send';
    if (claim) req.resume();
    let owner: number | undefined;
    try {
      owner = await relay.ownerOf(id, claim);
    } catch {
      req.resume();
      return sendJson(res, 503, { error: 'The session could not be looked up' }, { ...corsHeaders(req), 'Retry-After': '1' });
    }
    if (kind === 'xhr_send') {
      if (owner === undefined || owner === relay.self) return this.stranger(req, res, ip, 'no such session');
      let body: string | undefined;
      try {
        body = (await readBody(req, sendLimit(app))).toString('utf8');
      } catch {
        body = undefined;
      }
      return this.answerSend(req, res, ip, await relay.send(owner, id, ip, body));
    }
    const transport: SessionTransport = kind === 'xhr' ? 'xhr_polling' : 'xhr_streaming';
    if (owner === relay.self) {
      const local = this.sessions.get(id);
      // Opened here by a request that came meanwhile: as for any local session.
      if (local) return this.handle(req, res, { key: app.key, session: id.slice(app.id.length + 1), kind });
      let opened = false;
      try {
        opened = this.open(req, res, app, id, ip, transport);
      } finally {
        // Refused (or failed): the claim goes, so the id names no worker.
        if (!opened) relay.released(id);
      }
      return;
    }
    relay.receive(owner ?? relay.self, id, ip, transport, res, {
      attached: () => {
        res.writeHead(200, { ...receiveHeaders, ...corsHeaders(req) });
        res.socket?.setNoDelay(true);
      },
      refused: () => this.stranger(req, res, ip, 'no such session'),
    });
  }

  /** An xhr_send another worker took for a session held here. */
  relayedSend(id: SessionKey, ip: string, body: string | undefined): SendAnswer {
    const entry = this.sessions.get(id);
    if (!entry || entry.session.ip !== ip || entry.session.ended) return { status: 404, error: 'No such session' };
    return acceptSend(this.hub, entry, body);
  }

  /** A receive request another worker took for a session held here: how to attach it, if it is the session's. */
  relayedReceive(id: SessionKey, ip: string, transport: SessionTransport): ((response: ReceiveResponse) => void) | undefined {
    const entry = this.sessions.get(id);
    if (!entry || entry.session.finished || entry.session.ip !== ip || entry.session.transport !== transport) return undefined;
    return (response) => entry.session.attach(response, transport === 'xhr_streaming' ? streamingPrelude : undefined);
  }

  /** Opens a session; false when it was refused (and so not opened). */
  private open(req: IncomingMessage, res: ServerResponse, app: App, id: string, ip: string, transport: SessionTransport): boolean {
    if (!this.accepting) {
      sendJson(res, 503, { error: 'The server is shutting down' }, { ...corsHeaders(req), Connection: 'close' });
      return false;
    }
    const applicant: Applicant = { ip, url: req.url?.split('?')[0] };
    const limited = this.admission.rateLimited(app, applicant);
    if (limited) {
      sendJson(res, 429, limited.body, { ...corsHeaders(req), 'Retry-After': String(limited.retryAfter) });
      return false;
    }
    const first = transport === 'xhr_streaming' ? Buffer.concat([streamingPrelude, openFrame]) : openFrame;
    // The WebSocket handshake's checks (protocol version, app enabled), on the path it would have had.
    const query = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    const handshake = checkHandshake({ url: `/app/${encodeURIComponent(app.key)}${query}`, headers: req.headers }, (key) => this.hub.appByKey(key));
    const verdict = this.admission.verdict(handshake, applicant, app);
    if (!verdict.ok) {
      this.refuse(req, res, first, verdict.refusal, verdict.detail);
      return false;
    }

    const session = new HttpSession(transport, ip, () => {
      // After the current turn, as a WebSocket's 'close' event would: never inside a broadcast.
      setImmediate(() => {
        connection.closing = true;
        this.hub.disconnect(connection);
      });
    });
    const connection = this.admission.connection(verdict.app, session, ip, req.headers);
    this.sessions.set(id, { session, connection });
    this.admission.join(connection);
    res.writeHead(200, { ...receiveHeaders, ...corsHeaders(req) });
    res.socket?.setNoDelay(true);
    session.attach(res, first);
    return true;
  }

  /** Refused as a WebSocket would be (the refusal is reported by the admission): opened, told why with `pusher:error`, closed with the code. */
  private refuse(req: IncomingMessage, res: ServerResponse, first: Buffer, refusal: CodeEntry, detail?: string): void {
    const error = Buffer.from(`a${JSON.stringify([codedError(refusal, detail)])}\n`);
    res.writeHead(200, { ...receiveHeaders, ...corsHeaders(req) });
    res.end(Buffer.concat([first, error, closeFrame(refusal.code, refusal.message)]));
  }

  /** xhr_send: a JSON array of messages, each handled as a WebSocket text frame would be. */
  private async receive(req: IncomingMessage, res: ServerResponse, entry: Entry): Promise<void> {
    let body: string | undefined;
    try {
      body = (await readBody(req, sendLimit(entry.connection.app))).toString('utf8');
    } catch {
      body = undefined;
    }
    this.answerSend(req, res, entry.session.ip, acceptSend(this.hub, entry, body));
  }

  private answerSend(req: IncomingMessage, res: ServerResponse, ip: string, answer: SendAnswer): void {
    if (answer.status === 204) {
      res.writeHead(204, { ...corsHeaders(req), 'Content-Length': '0' });
      res.end();
    } else if (answer.status === 404) {
      // The holder found it was not this address's: as for none at all, against the guessing limit here.
      this.stranger(req, res, ip, 'no such session');
    } else {
      sendJson(res, answer.status, { error: answer.error }, { ...corsHeaders(req), ...(answer.status === 413 ? { Connection: 'close' } : {}) });
    }
  }

  /** A request for a session that is not the requester's: the same answer as none at all, and a bucket against guessing. */
  private stranger(req: IncomingMessage, res: ServerResponse, ip: string, why: string): void {
    req.resume();
    if (!this.strangers.take(ip)) {
      sendJson(res, 429, { error: 'Too many requests for unknown sessions' }, { ...corsHeaders(req), 'Retry-After': String(this.strangers.retryAfter(ip)) });
      return;
    }
    sendJson(res, 404, { error: `No such session: ${why}` }, corsHeaders(req));
  }

  /** The session is forgotten here; under `--workers`, the primary no longer names this worker as its holder. */
  private forget(id: SessionKey): void {
    this.sessions.delete(id);
    this.relay?.released(id);
  }

  /** Once a second: heartbeats, and sessions whose client stopped asking (the hub's sweep pings those that still do). */
  private sweep(now: number): void {
    for (const [id, { session }] of this.sessions) {
      const detachedFor = session.tick(now);
      if (session.finished) this.forget(id);
      else if (detachedFor > detachedLimitMs) {
        session.discard();
        this.forget(id);
      }
    }
    this.strangers.prune(now);
  }
}
