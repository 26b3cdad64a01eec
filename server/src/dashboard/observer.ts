// Hub events → dashboard counts and console events. Counting is a field increment; console
// events are built only while `feed.on` (someone is watching).
import type { App } from '../apps/app.js';
import type { HubObserver } from '../hub.js';
import type { CounterStore } from '../metrics/counters.js';
import type { Connection } from '../transport/connection.js';
import { consoleData, type ConsoleFeed } from './console-feed.js';
import type { Tally } from './tally.js';

export interface ObserverOptions {
  /** Count messages in and out here: false when the metrics observer already counts them into `counters`. */
  countMessages: boolean;
  counters: CounterStore;
}

export function dashboardObserver(tally: Tally, feed: ConsoleFeed, options: ObserverOptions): HubObserver {
  const { counters, countMessages } = options;
  const observer: HubObserver = {
    connected(app: App, connection: Connection) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: 'connected', app: app.id, socketId: connection.socketId, ip: connection.ip });
    },
    disconnected(app: App, connection: Connection) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: 'disconnected', app: app.id, socketId: connection.socketId });
    },
    subscribed(app: App, channel: string, socketId: string) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: 'subscribed', app: app.id, channel, socketId });
    },
    unsubscribed(app: App, channel: string, socketId: string) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: 'unsubscribed', app: app.id, channel, socketId });
    },
    channelOccupied(app: App, channel: string) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: 'occupied', app: app.id, channel });
    },
    channelVacated(app: App, channel: string) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: 'vacated', app: app.id, channel });
    },
    memberAdded(app: App, channel: string, userId: string) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: 'member_added', app: app.id, channel, userId });
    },
    memberRemoved(app: App, channel: string, userId: string) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: 'member_removed', app: app.id, channel, userId });
    },
    clientEvent(app: App, channel: string, event: string, data: unknown, socketId: string, userId?: string) {
      tally.of(app.id).clientEvents++;
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: 'client_event', app: app.id, channel, event, data: consoleData(data), socketId, ...(userId !== undefined ? { userId } : {}) });
    },
    httpPublished(app: App, channels: string[], event: string, data: string, socketId: string | undefined) {
      tally.of(app.id).httpPublishes++;
      if (feed.on && feed.take()) {
        feed.push({
          at: Date.now(),
          type: 'api_message',
          app: app.id,
          channel: channels[0],
          ...(channels.length > 1 ? { channels } : {}),
          event,
          data: consoleData(data),
          ...(socketId !== undefined ? { socketId } : {}),
        });
      }
    },
  };
  if (countMessages) {
    observer.received = (app: App) => {
      counters.of(app.id).messagesIn++;
    };
    observer.delivered = (app: App, _channel: string, recipients: number) => {
      counters.of(app.id).messagesOut += recipients;
    };
  }
  return observer;
}
