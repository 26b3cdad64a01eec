// Observer events → the dashboard's console events, built only while `feed.on` (someone is
// watching). The counts it shows come from the counter store (observe/counting.ts).
import type { App } from '../apps/app.js';
import type { ConnectionInfo, ServerObserver } from '../observe/observer.js';
import { consoleData, type ConsoleFeed } from './console-feed.js';

export function dashboardObserver(feed: ConsoleFeed): ServerObserver {
  return {
    connected(app: App, connection: ConnectionInfo) {
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: 'connected', app: app.id, socketId: connection.socketId, ip: connection.ip });
    },
    disconnected(app: App, connection: ConnectionInfo) {
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
      if (feed.on && feed.take()) feed.push({ at: Date.now(), type: 'client_event', app: app.id, channel, event, data: consoleData(data), socketId, ...(userId !== undefined ? { userId } : {}) });
    },
    httpPublished(app: App, channels: string[], event: string, data: string, socketId: string | undefined) {
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
}
