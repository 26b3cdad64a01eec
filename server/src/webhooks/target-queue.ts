// One webhook target of one app: events are batched (up to batchSize, or batchIntervalMs after
// the first), sealed batches wait for one of `concurrency` request slots, and a failed request
// is retried with exponential backoff while it may pass. Everything waiting — batching, queued
// or in flight — counts against maxQueuedEvents; beyond it new events are dropped, never queued.
import type { App, WebhookTarget } from '../apps/app.js';
import type { WebhookDeliveryConfig } from '../apps/config.js';
import type { WebhookDropReason } from '../metrics/counters.js';
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

export class WebhookTargetQueue {
  readonly url: URL;
  /** Undefined: every event. */
  private readonly names: ReadonlySet<string> | undefined;
  private batch: WebhookEvent[] = [];
  private batchTimer: NodeJS.Timeout | undefined;
  private readonly sealed: WebhookEvent[][] = [];
  private inFlight = 0;
  /** Events batching, sealed or in flight. */
  private queued = 0;
  private abandoned = false;
  private idle: (() => void)[] = [];
  private readonly sealBound = () => this.seal();

  constructor(
    private readonly app: App,
    target: WebhookTarget,
    private readonly options: WebhookDeliveryConfig,
    private readonly report: DeliveryReport,
    private readonly send: Send = postWebhook,
  ) {
    this.url = new URL(target.url);
    this.names = target.events.length > 0 ? new Set(target.events) : undefined;
  }

  wants(name: string): boolean {
    return this.names === undefined || this.names.has(name);
  }

  get pending(): number {
    return this.queued;
  }

  /** Never blocks: the event joins the current batch, or is dropped and counted. */
  push(event: WebhookEvent): void {
    if (this.abandoned) {
      this.report.dropped('shutdown', 1, 'the server is shutting down');
      return;
    }
    if (this.queued >= this.options.maxQueuedEvents) {
      this.report.dropped('queue_full', 1, `${this.queued} events already waiting`);
      return;
    }
    this.queued++;
    this.batch.push(event);
    if (this.batch.length >= this.options.batchSize) this.seal();
    else if (this.batchTimer === undefined) this.batchTimer = setTimeout(this.sealBound, this.options.batchIntervalMs);
  }

  private seal(): void {
    if (this.batchTimer !== undefined) {
      clearTimeout(this.batchTimer);
      this.batchTimer = undefined;
    }
    if (this.batch.length === 0) return;
    this.sealed.push(this.batch);
    this.batch = [];
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency && this.sealed.length > 0) {
      const events = this.sealed.shift()!;
      this.inFlight++;
      void this.deliver(events).then(() => {
        this.inFlight--;
        if (!this.abandoned) this.queued -= events.length;
        this.pump();
        this.notifyIfIdle();
      });
    }
  }

  private async deliver(events: WebhookEvent[]): Promise<void> {
    const body = webhookBody(events);
    const headers = webhookHeaders(this.app, body);
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.send(this.url, body, headers, this.options.timeoutMs);
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
    if (this.queued > 0 || this.idle.length === 0) return;
    const waiting = this.idle;
    this.idle = [];
    for (const resolve of waiting) resolve();
  }

  /**
   * Sends what is batched now and waits for everything to be delivered or given up, until
   * `deadline` (ms since the epoch). What is still waiting then is dropped as `shutdown`.
   */
  async drain(deadline: number): Promise<void> {
    this.seal();
    if (this.queued > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.idle.push(resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now())))),
      ]);
      clearTimeout(timer);
    }
    if (this.queued > 0) this.report.dropped('shutdown', this.queued, 'still waiting when the shutdown timeout ran out');
    this.queued = 0;
    this.sealed.length = 0;
    this.abandoned = true;
  }
}
