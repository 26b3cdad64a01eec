// Webhook events in Pusher's format: `{"time_ms": ..., "events": [{"name": ..., ...}]}`.
import type { WebhookEventName } from '../config/apps.js';

// Every member of the union names one of the configurable events, and nothing else.
type Named<N extends WebhookEventName, Fields> = { name: N } & Fields;

export type WebhookEvent =
  | Named<'channel_occupied' | 'channel_vacated' | 'cache_miss', { channel: string }>
  | Named<'member_added' | 'member_removed', { channel: string; user_id: string }>
  | Named<'client_event', { channel: string; event: string; data: string; socket_id: string; user_id?: string }>
  | Named<'subscription_count', { channel: string; subscription_count: number }>;

/** Client event data travels as a string, as Pusher sends it (the JSON the client sent, re-serialised). */
export function clientEventData(data: unknown): string {
  if (typeof data === 'string') return data;
  return JSON.stringify(data ?? null);
}

/** The body of one webhook request. `time_ms` is when the batch was sealed. */
export function webhookBody(events: readonly WebhookEvent[], timeMs = Date.now()): string {
  return JSON.stringify({ time_ms: timeMs, events });
}
