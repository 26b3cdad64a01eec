// What the server knows about one app.
import type { Limits } from '../schema.js';

export interface WebhookTarget {
  url: string;
  events: string[];
}

export interface App {
  id: string;
  key: string;
  secret: string;
  enabled: boolean;
  /** `client-*` events on private and presence channels. */
  clientEvents: boolean;
  /** `pusher_internal:subscription_count` to subscribers of non-presence channels. */
  subscriptionCount: boolean;
  /** Exact origins allowed to connect; `*` allows any; empty allows no-Origin clients and the server's own hostname. */
  allowedOrigins: string[];
  webhooks: WebhookTarget[];
  /** Where the server authorizes subscriptions that arrive without `auth` (server-side auth). */
  authEndpoint: string | undefined;
  limits: Limits;
  /** Connection recovery: serials on events, `resume_from` on subscribe (window and budget in limits). */
  recovery: { enabled: boolean; disabledPrefixes: string[] };
}
