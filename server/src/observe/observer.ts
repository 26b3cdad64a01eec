// The observer sink: the one way the core (transport, client handlers, HTTP API, adapter, hub)
// reports what happens. Metrics, webhooks and the dashboard subscribe here; the core never
// imports them. Every callback is optional; an event nobody watches costs a loop over the list.
import type { App } from '../apps/app.js';
import type { ServerAuthOutcome } from '../auth/server-side-auth.js';
import type { RecoveryReason } from '../schema.js';
import type { Refusal } from './refusal.js';

/** What an observer may read of a client connection. */
export interface ConnectionInfo {
  readonly socketId: string;
  readonly ip: string;
  /** Frames discarded because the client read too slowly. */
  readonly droppedFrames: number;
}

export interface ServerObserver {
  connected?(app: App, connection: ConnectionInfo): void;
  /** A client sent a message (any frame the transport accepted). */
  received?(app: App, connection: ConnectionInfo): void;
  disconnected?(app: App, connection: ConnectionInfo): void;
  channelOccupied?(app: App, channel: string): void;
  channelVacated?(app: App, channel: string): void;
  memberAdded?(app: App, channel: string, userId: string): void;
  memberRemoved?(app: App, channel: string, userId: string): void;
  clientEvent?(app: App, channel: string, event: string, data: unknown, socketId: string, userId?: string): void;
  cacheMiss?(app: App, channel: string): void;
  subscriptionCount?(app: App, channel: string, count: number): void;
  /** A connection joined a channel (every successful subscription, not only the first). */
  subscribed?(app: App, channel: string, socketId: string): void;
  /** A connection left a channel (unsubscribed or disconnected). */
  unsubscribed?(app: App, channel: string, socketId: string): void;
  /**
   * A channel message was queued for this node's subscribers. `startedAt` is performance.now()
   * when delivery began if `Hub.timeDeliveries` is on, else 0.
   */
  delivered?(app: App, channel: string, recipients: number, startedAt: number): void;
  /** A resuming subscriber was sent `count` missed events. */
  replayed?(app: App, channel: string, count: number): void;
  /** A resuming subscriber could not be given everything it missed. */
  discontinuity?(app: App, channel: string, reason: RecoveryReason): void;
  /** A server-side authorization finished (or was refused without a call). */
  serverAuth?(outcome: ServerAuthOutcome): void;
  /** An event was accepted by the HTTP API and handed to the adapter (once per event, not per channel). */
  httpPublished?(app: App, channels: string[], event: string, data: string, socketId: string | undefined): void;
  /** Something was refused or cut: a handshake, a client message, a connection, an HTTP request. */
  refused?(refusal: Refusal): void;
  /** A publish (HTTP API) could not be handed to the adapter. */
  publishFailed?(appId: string): void;
  /** Messages the cluster adapter could not pass on to the other nodes. */
  brokerDropped?(appId: string, messages: number): void;
  /** A bus message from a node of another release (wire format `version`; 1: none) was dropped unread. */
  foreignBusFrame?(nodeId: string, version: number): void;
  /** A connection of the app started or stopped watching (this node's totals: connections with a watchlist, distinct users they watch). */
  watchlistChanged?(app: App, watchers: number, watchedUsers: number): void;
  /** An app asked every node to restart (`POST /apps/{id}/restart`, here or on another node). */
  restartRequested?(appId: string, reason: string | undefined): void;
}

type Callback<K extends keyof ServerObserver> = NonNullable<ServerObserver[K]>;

export class ObserverSink {
  private readonly observers: ServerObserver[] = [];

  observe(observer: ServerObserver): void {
    this.observers.push(observer);
  }

  emit<K extends keyof ServerObserver>(name: K, ...args: Parameters<Callback<K>>): void {
    for (const observer of this.observers) {
      const callback = observer[name] as ((...a: typeof args) => void) | undefined;
      callback?.apply(observer, args);
    }
  }
}
