// The Pusher HTTP API: find the endpoint and the app, read a bounded body, check the signature.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BrokerError } from '../brokers/broker.js';
import { readBody } from './body.js';
import { clientIp, type ClientRequestHead } from './client-ip.js';
import { BucketMap, TokenBucket } from '../limits/token-bucket.js';
import { safeDecode } from '../transport/handshake.js';
import { publishStatus } from '../schema.js';
import type { App } from '../apps/app.js';
import { Accepted, type ApiContext, type Endpoint } from './endpoint.js';
import { channel, channels, users } from './endpoints/channels.js';
import { batchEvents, events } from './endpoints/publish.js';
import { terminateConnections } from './endpoints/users.js';
import { restart } from './endpoints/restart.js';
import { RequestQuery } from './query.js';
import { verifyBody, verifyQuery } from './request-auth.js';
import { ApiError, emptyAnswer, errorBody, send, sendEmptyAnswer, sendError } from './respond.js';

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  endpoint: Endpoint;
}

const routes: Route[] = [
  { method: 'POST', pattern: /^\/apps\/([^/]+)\/events$/, endpoint: events },
  { method: 'POST', pattern: /^\/apps\/([^/]+)\/batch_events$/, endpoint: batchEvents },
  { method: 'GET', pattern: /^\/apps\/([^/]+)\/channels$/, endpoint: channels },
  { method: 'GET', pattern: /^\/apps\/([^/]+)\/channels\/([^/]+)$/, endpoint: channel },
  { method: 'GET', pattern: /^\/apps\/([^/]+)\/channels\/([^/]+)\/users$/, endpoint: users },
  { method: 'POST', pattern: /^\/apps\/([^/]+)\/users\/([^/]+)\/terminate_connections$/, endpoint: terminateConnections },
  { method: 'POST', pattern: /^\/apps\/([^/]+)\/restart$/, endpoint: restart },
];

/** Requests that fail authentication, per client address: their own bucket, never the app's. */
const failuresPerSecondPerIp = 10;
const failureBurstPerIp = 50;

/** Extra routes (health, metrics) that need no app signature. */
export type PlainRoute = (req: IncomingMessage, res: ServerResponse, path: string) => boolean | Promise<boolean>;

/**
 * What the client is told: an ApiError as thrown; the broker away is a 503; anything else a 500
 * without its details (reported to the observers with the refusal, never logged per request: a
 * client that aborts its bodies must not be able to flood the log).
 */
function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof BrokerError) return new ApiError('BROKER_FAILURE', error.message);
  return new ApiError('INTERNAL');
}

/** One API request, whichever reader took it off the connection: Node's `http`, or api-connections.ts. */
export interface ApiExchange {
  /** The request's method, target as sent, lower-cased headers and peer address. */
  readonly head: ClientRequestHead & { method: string; url: string };
  /** The body, at most `limit` bytes (an ApiError BODY_TOO_LARGE past it). */
  readBody(limit: number): Buffer | Promise<Buffer>;
  /** The body will not be read: let it go. */
  skipBody(): void;
}

/** The answer to write: status, JSON body, extra headers; `close` ends the connection after it. */
export interface ApiAnswer {
  status: number;
  body: string;
  headers?: Record<string, string>;
  close?: boolean;
}

/** `{}` with 200, what a publish answers: one object, so a reader may keep its bytes prebuilt. */
export const emptyOk: ApiAnswer = Object.freeze({ status: 200, body: '{}' });

export class ApiRouter {
  private readonly plain: PlainRoute[] = [];
  /** Per app: authentic requests a second, refused with 429 beyond the burst. */
  private readonly buckets = new Map<string, TokenBucket>();
  /** Per client address: requests that failed authentication. */
  private readonly failures = new BucketMap(failuresPerSecondPerIp, failureBurstPerIp);
  private failuresPruned = Date.now();
  private readonly trustedProxies: ReadonlySet<string>;
  /** Requests taken and not yet answered: a graceful stop lets them finish before clients are closed. */
  inFlight = 0;
  /** Once a stop began, API calls are refused (503), never accepted and then delivered to nobody. */
  private stopping = false;

  constructor(
    private readonly context: ApiContext,
    /** Proxies whose X-Forwarded-For names the client (for the failed-authentication bucket). */
    trustedProxies: readonly string[] = [],
  ) {
    this.trustedProxies = new Set(trustedProxies);
    for (const app of context.hub.apps) {
      if (app.limits.httpRequestsPerSecond > 0) {
        this.buckets.set(app.id, new TokenBucket(app.limits.httpRequestsPerSecond, app.limits.httpRequestBurst));
      }
    }
  }

  addPlainRoute(route: PlainRoute): void {
    this.plain.push(route);
  }

  /** From now on API calls are answered 503 SHUTTING_DOWN, with the connection closed. */
  stop(): void {
    this.stopping = true;
  }

  /** A request Node's `http` read: the plain routes first (outside /apps/), then the API. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    const mark = target.indexOf('?');
    const path = mark < 0 ? target : target.slice(0, mark);
    // Unsigned routes (health, metrics, dashboard) never live under /apps/: publishes skip them.
    if (!path.startsWith('/apps/') && (await this.plainRoute(req, res, path))) return;
    const answer = await this.answer({
      head: req as IncomingMessage & { method: string; url: string },
      readBody: (limit) => readBody(req, limit),
      skipBody: () => req.resume(),
    });
    if (answer === emptyOk) sendEmptyAnswer(res);
    else send(res, answer.status, 'application/json', answer.body, answer.close ? { ...answer.headers, Connection: 'close' } : answer.headers);
  }

  private async plainRoute(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    try {
      for (const route of this.plain) if (await route(req, res, path)) return true;
      return false;
    } catch (error) {
      if (res.headersSent) res.end();
      else sendError(res, toApiError(error));
      return true;
    }
  }

  /** The API's answer to one request; never throws (a refusal is reported to the observers and answered). */
  async answer(exchange: ApiExchange): Promise<ApiAnswer> {
    const { head } = exchange;
    this.inFlight++;
    try {
      if (this.stopping) throw new ApiError('SHUTTING_DOWN');
      return await this.route(exchange);
    } catch (error) {
      exchange.skipBody();
      const apiError = toApiError(error);
      const status = publishStatus(apiError.statusName);
      const appId = /^\/apps\/([^/?]+)/.exec(head.url)?.[1];
      this.context.hub.events.emit('refused', { kind: 'http', appId, code: status.http, name: status.name, message: apiError.message, url: head.url.split('?')[0] });
      return {
        status: status.http,
        body: JSON.stringify(errorBody(apiError)),
        headers: apiError.headers,
        // The rest of an oversized body is drained, not kept, and a stopping server takes no more.
        close: apiError.statusName === 'BODY_TOO_LARGE' || apiError.statusName === 'SHUTTING_DOWN',
      };
    } finally {
      this.inFlight--;
    }
  }

  private async route(exchange: ApiExchange): Promise<ApiAnswer> {
    const { head } = exchange;
    // The request target as sent (what the Pusher SDKs sign), split by hand: cheaper than new URL().
    const target = head.url;
    const mark = target.indexOf('?');
    const path = mark < 0 ? target : target.slice(0, mark);
    const query = RequestQuery.parse(mark < 0 ? '' : target.slice(mark + 1));

    let matched: { route: Route; match: RegExpExecArray } | undefined;
    let pathMatched = false;
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      pathMatched = true;
      if (route.method === head.method) {
        matched = { route, match };
        break;
      }
    }
    if (!matched) throw new ApiError(pathMatched ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND', `${head.method} ${path}`);

    // Indexed, not destructured with a rest: that walks the match through the iterator protocol.
    const { match } = matched;
    const appId = safeDecode(match[1] ?? '');
    const params = match.length > 2 ? match.slice(2).map((p) => safeDecode(p)) : [];
    if (appId === undefined || params.includes(undefined)) throw new ApiError('INVALID_PATH', 'a malformed % escape');
    const app = this.context.hub.appById(appId);
    if (!app) throw new ApiError('UNKNOWN_APP');
    // Authentic first, before a byte of the body is read: only authentic requests are charged to
    // the app's bucket, so unsigned floods cannot use up what its real publishes may send.
    try {
      verifyQuery(app, { method: head.method, path, query });
    } catch (error) {
      this.failedAuthentication(head);
      throw error;
    }
    const bucket = this.bucketOf(app);
    if (bucket && !bucket.take()) {
      throw new ApiError('RATE_LIMITED', `at most ${app.limits.httpRequestsPerSecond} requests a second`, { 'Retry-After': String(bucket.retryAfter()) });
    }
    const body = await exchange.readBody(app.limits.maxHttpBodyBytes);
    verifyBody(query, body);
    if (!app.enabled) throw new ApiError('APP_DISABLED');
    const result = await matched.route.endpoint(this.context, {
      app,
      params: params as string[],
      query,
      body,
    });
    if (result === emptyAnswer) return emptyOk;
    if (result instanceof Accepted) return { status: 202, body: JSON.stringify(result.body) };
    return { status: 200, body: JSON.stringify(result) };
  }

  /** The app's request bucket; made on first use for an app added by a reload (SIGHUP). */
  private bucketOf(app: App): TokenBucket | undefined {
    let bucket = this.buckets.get(app.id);
    if (!bucket && app.limits.httpRequestsPerSecond > 0) {
      bucket = new TokenBucket(app.limits.httpRequestsPerSecond, app.limits.httpRequestBurst);
      this.buckets.set(app.id, bucket);
    }
    return bucket;
  }

  /** Charges the client address's failure bucket; once it is empty, failures are answered 429. */
  private failedAuthentication(head: ClientRequestHead): void {
    const now = Date.now();
    if (now - this.failuresPruned > 10_000) {
      this.failures.prune(now);
      this.failuresPruned = now;
    }
    const ip = clientIp(head, this.trustedProxies);
    if (this.failures.take(ip, now)) return;
    throw new ApiError('RATE_LIMITED', `at most ${failuresPerSecondPerIp} failed authentications a second from one address`, { 'Retry-After': String(this.failures.retryAfter(ip)) });
  }
}
