// Observer events → the counter store. Each callback is a field increment; metrics and the
// dashboard read the same counters, so nothing is counted twice or in two places.
import type { App } from '../apps/app.js';
import type { ServerAuthOutcome } from '../auth/server-side-auth.js';
import type { CounterStore } from './counters.js';
import type { ConnectionInfo, ServerObserver } from './observer.js';
import { authFailureNames, type Refusal } from './refusal.js';

export function countingObserver(counters: CounterStore): ServerObserver {
  return {
    received(app: App) {
      counters.of(app.id).messagesIn++;
    },
    delivered(app: App, _channel: string, recipients: number) {
      counters.of(app.id).messagesOut += recipients;
    },
    subscribed(app: App) {
      counters.of(app.id).subscriptions++;
    },
    replayed(app: App, _channel: string, count: number) {
      counters.of(app.id).replayed += count;
    },
    discontinuity(app: App, _channel: string, reason: string) {
      const byReason = counters.of(app.id).discontinuities;
      byReason[reason] = (byReason[reason] ?? 0) + 1;
    },
    disconnected(app: App, connection: ConnectionInfo) {
      if (connection.droppedFrames > 0) counters.of(app.id).clientDropped += connection.droppedFrames;
    },
    serverAuth({ app, breakerOpened }: ServerAuthOutcome) {
      if (breakerOpened) counters.of(app.id).circuitBreakerOpen++;
    },
    clientEvent(app: App) {
      counters.of(app.id).clientEvents++;
    },
    httpPublished(app: App) {
      counters.of(app.id).httpPublishes++;
    },
    refused(refusal: Refusal) {
      // Authentication refused to a client (`pusher:error`); HTTP and close refusals have their own counts.
      if (refusal.kind === 'message' && refusal.appId !== undefined && refusal.name !== undefined && authFailureNames.has(refusal.name)) {
        counters.of(refusal.appId).authFailures++;
      }
    },
    publishFailed(appId: string) {
      counters.of(appId).publishFailures++;
    },
    brokerDropped(appId: string, messages: number) {
      counters.of(appId).brokerDropped += messages;
    },
    watchlistChanged(app: App, watchers: number, watchedUsers: number) {
      const c = counters.of(app.id);
      c.watchlistWatchers = watchers;
      c.watchlistUsers = watchedUsers;
    },
  };
}
