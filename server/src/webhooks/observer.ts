// Observer events → webhook events. Apps without webhooks cost one map lookup per event.
import type { App } from '../apps/app.js';
import type { ServerObserver } from '../observe/observer.js';
import type { WebhookDispatcher } from './dispatcher.js';
import { clientEventData } from './events.js';

export function webhookObserver(webhooks: WebhookDispatcher): ServerObserver {
  return {
    channelOccupied: (app: App, channel: string) => webhooks.channelOccupied(app, channel),
    channelVacated: (app: App, channel: string) => webhooks.channelVacated(app, channel),
    memberAdded: (app: App, channel: string, userId: string) => webhooks.memberAdded(app, channel, userId),
    memberRemoved: (app: App, channel: string, userId: string) => webhooks.memberRemoved(app, channel, userId),
    cacheMiss(app: App, channel: string) {
      if (webhooks.wants(app, 'cache_miss')) webhooks.emit(app, { name: 'cache_miss', channel });
    },
    subscriptionCount(app: App, channel: string, count: number) {
      if (webhooks.wants(app, 'subscription_count')) {
        webhooks.emit(app, { name: 'subscription_count', channel, subscription_count: count });
      }
    },
    clientEvent(app: App, channel: string, event: string, data: unknown, socketId: string, userId?: string) {
      if (!webhooks.wants(app, 'client_event')) return;
      webhooks.emit(app, {
        name: 'client_event',
        channel,
        event,
        data: clientEventData(data),
        socket_id: socketId,
        ...(userId !== undefined ? { user_id: userId } : {}),
      });
    },
  };
}
