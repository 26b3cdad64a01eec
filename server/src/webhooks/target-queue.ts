// One webhook target of one app: events are batched (up to batchSize, or batchIntervalMs after
// the first), sealed batches wait for one of `concurrency` request slots, and a failed request
// is retried with exponential backoff while it may pass. Everything waiting — batching, queued
// or in flight — counts against maxQueuedEvents; beyond it new events are dropped, never queued.
// Presence events (member_added/removed) share the ordered lane while it keeps up; once batches
// wait for a request slot (a client churning channels floods occupied/vacated), they move to a
// lane of their own, with its own count, sent first: a flood never delays or drops them.
import type { App, WebhookTarget } from '../apps/app.js';
import type { WebhookDeliveryConfig } from '../config/server-config.js';
import type { WebhookDropReason } from '../observe/counters.js';
import { hmacHex } from '../protocol/signature.js';
import { webhookBody, type WebhookEvent } from './events.js';
import { postWebhook, type SendOutcome } from './sender.js';

export interface DeliveryReport {
  delivered(events: number): void;
  dropped(reason: WebhookDropReason, events: number, detail: string): void;
}

export type Send = (url: URL, body: string, headers: Record<string, string>, timeoutMs: number) => Promise<SendOutcome>;

const maxBackoffMs = 30_000;
const userAgent = 'pogo-websocket-webhooks/0.1';

/** The headers Pusher puts on a webhook: the app key, and the body's HMAC-SHA256 with the app secret. */
export function webhookHeaders(app: Pick<App, 'key' | 'secret'>, body: string): Record<string, string> {
  return {
    // Exactly `application/json`: the official SDKs compare the header for equality.
    'Content-Type': 'application/json',
    'X-Pusher-Key': app.key,
    'X-Pusher-Signature': hmacHex(app.secret, body),
    'User-Agent': userAgent,
  };
}

/** Delay before retry number `attempt` (0-based): base·2^attempt, between half and all of it. */
export function backoffMs(base: number, attempt: number, random = Math.random): number {
  const full = Math.min(maxBackoffMs, base * 2 ** attempt);
  return Math.round(full / 2 + (random() * full) / 2);
}

/** One lane's events: the batch being filled, sealed batches, and how many of its events wait in all. */
interface Lane {
  batch: WebhookEvent[];
  readonly sealed: WebhookEvent[][];
  /** Events batching, sealed or in flight. */
  queued: number;
}

const newLane = (): Lane => ({ batch: [], sealed: [], queued: 0 });
const isPresenceEvent = (event: WebhookEvent) => event.name === 'member_added' || event.name === 'member_removed';

export class WebhookTargetQueue {
  readonly url: URL;
  /** Undefined: every event. */
  private names: ReadonlySet<string> | undefined;
  /** Presence events first, then everything else. */
  private readonly lanes: readonly [Lane, Lane] = [newLane(), newLane()];
  private batchTimer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private abandoned = false;
  private idle: (() => void)[] = [];
  private readonly sealBound = () => this.seal();

  constructor(
    private app: App,
    target: WebhookTarget,
    private readonly options: WebhookDeliveryConfig,
    private readonly report: DeliveryReport,
    private readonly send: Send = postWebhook,
  ) {
    this.url = new URL(target.url);
    this.names = eventNames(target);
  }

  /**
   * A reload (SIGHUP) kept this target (same URL): later events are filtered with its `events` now,
   * and every request from now on, retries included, is signed with the app's current secret.
   */
  reconfigure(app: App, target: WebhookTarget): void {
    this.app = app;
    this.names = eventNames(target);
  }

  /** Whether `target` asks for the same events as this queue. */
  sameEvents(target: WebhookTarget): boolean {
    const names = eventNames(target);
    if (names === undefined || this.names === undefined) return names === this.names;
    return names.size === this.names.size && [...names].every((name) => this.names?.has(name));
  }

  wants(name: string): boolean {
    return this.names === undefined || this.names.has(name);
  }

  /** Events batching, sealed or in flight, in every lane. */
  get pending(): number {
    return this.lanes[0].queued + this.lanes[1].queued;
  }

  /** Never blocks: the event joins the current batch, or is dropped and counted. */
  push(event: WebhookEvent): void {
    if (this.abandoned) {
      this.report.dropped('shutdown', 1, 'the server is shutting down');
      return;
    }
    const lane = isPresenceEvent(event) && this.backlogged() ? this.lanes[0] : this.lanes[1];
    if (lane.queued >= this.options.maxQueuedEvents) {
      this.report.dropped('queue_full', 1, `${lane.queued} events already waiting`);
      return;
    }
    lane.queued++;
    lane.batch.push(event);
    if (lane.batch.length >= this.options.batchSize) this.seal();
    else if (this.batchTimer === undefined) this.batchTimer = setTimeout(this.sealBound, this.options.batchIntervalMs);
  }

  /**
   * Is the ordered lane behind (batches waiting for a slot), or the presence lane in use? The first
   * time, the presence events still waiting in the ordered lane move over, in order, so no member
   * event overtakes an earlier one of the same member.
   */
  private backlogged(): boolean {
    const [presence, ordered] = this.lanes;
    if (presence.queued > 0) return true;
    if (ordered.sealed.length === 0) return false;
    const waiting = [...ordered.sealed, ordered.batch];
    ordered.sealed.length = 0;
    ordered.batch = [];
    for (const batch of waiting) {
      const others = batch.filter((event) => !isPresenceEvent(event));
      for (const event of batch) if (isPresenceEvent(event)) presence.batch.push(event);
      if (others.length > 0) ordered.sealed.push(others);
      const moved = batch.length - others.length;
      ordered.queued -= moved;
      presence.queued += moved;
    }
    // The batch being filled was sealed with the others: it was waiting too.
    return true;
  }

  private seal(): void {
    if (this.batchTimer !== undefined) {
      clearTimeout(this.batchTimer);
      this.batchTimer = undefined;
    }
    for (const lane of this.lanes) {
      if (lane.batch.length === 0) continue;
      lane.sealed.push(lane.batch);
      lane.batch = [];
    }
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency) {
      const lane = this.lanes.find((l) => l.sealed.length > 0);
      if (!lane) return;
      const events = lane.sealed.shift();
      if (!events) return;
      this.inFlight++;
      void this.deliver(events).then(() => {
        this.inFlight--;
        if (!this.abandoned) lane.queued -= events.length;
        this.pump();
        this.notifyIfIdle();
      });
    }
  }

  private async deliver(events: WebhookEvent[]): Promise<void> {
    const body = webhookBody(events);
    for (let attempt = 0; ; attempt++) {
      // Signed per attempt: a retry after a reload that rotated the secret verifies with the new one.
      const outcome = await this.send(this.url, body, webhookHeaders(this.app, body), this.options.timeoutMs);
      if (this.abandoned) return;
      if (outcome.ok) {
        this.report.delivered(events.length);
        return;
      }
      if (!outcome.retry) {
        this.report.dropped('rejected', events.length, `${outcome.reason}, not retried`);
        return;
      }
      if (attempt >= this.options.retries) {
        this.report.dropped('retries_exhausted', events.length, `${outcome.reason} after ${attempt + 1} attempts`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, backoffMs(this.options.retryBackoffMs, attempt)));
      if (this.abandoned) return;
    }
  }

  private notifyIfIdle(): void {
    if (this.pending > 0 || this.idle.length === 0) return;
    const waiting = this.idle;
    this.idle = [];
    for (const resolve of waiting) resolve();
  }

  /**
   * A reload removed this target (or its app): it gets no new events; what it holds is sent now
   * and retried as usual. Resolves once nothing waits (delivered, or dropped and counted).
   */
  retire(): Promise<void> {
    this.seal();
    if (this.pending === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.idle.push(resolve));
  }

  /**
   * Sends what is batched now and waits for everything to be delivered or given up, until
   * `deadline` (ms since the epoch). What is still waiting then is dropped as `shutdown`.
   */
  async drain(deadline: number): Promise<void> {
    this.seal();
    if (this.pending > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.idle.push(resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now())))),
      ]);
      clearTimeout(timer);
    }
    if (this.pending > 0) this.report.dropped('shutdown', this.pending, 'still waiting when the shutdown timeout ran out');
    for (const lane of this.lanes) {
      lane.queued = 0;
      lane.sealed.length = 0;
    }
    this.abandoned = true;
  }
}

function eventNames(target: WebhookTarget): ReadonlySet<string> | undefined {
  return target.events.length > 0 ? new Set(target.events) : undefined;
}
