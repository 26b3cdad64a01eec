// An unmodified pusher-js 8 (its Node build) limited to one HTTP fallback transport, next to a
// WebSocket client: presence, private channels, client events both ways, an event published through
// the official SDK, and a reconnect after the network cuts the session (a TCP proxy drops it).
import type Pusher from 'pusher-js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connected, nextEvent, pusherClient, sdk, subscribed } from '../helpers/clients';
import { defaultApp, startServer, type RunningServer } from '../helpers/server';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { fallbackClient, transportOf, type HttpTransport } from './pusher-fallback';

/** Pinged after 1 s of silence, closed (4201) 1 s after an unanswered ping. */
const quiet = { id: 'quiet', key: 'quiet-key', secret: 'quiet-secret', limits: { activityTimeoutSeconds: 1, pongTimeoutSeconds: 1 } };

let server: RunningServer;
let proxy: TcpProxy;

beforeAll(async () => {
  server = await startServer({ apps: [{ ...defaultApp, enableClientMessages: true }, quiet] });
  proxy = await startTcpProxy(server.port);
});
afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

/** pusher-js with only `transport` enabled, at the proxy (which can drop the network). */
const viaProxy = (transport: HttpTransport, user: { id: string; info: Record<string, unknown> }, app = defaultApp): Pusher => fallbackClient(server, proxy.port, transport, user, app);

describe.each<HttpTransport>(['xhr_streaming', 'xhr_polling'])('pusher-js over %s', (transport) => {
  test('presence, client events both ways, an SDK publish, and a reconnect after the network drops', { timeout: 60_000 }, async () => {
    const room = `presence-room-${transport}`;
    const chat = `private-chat-${transport}`;
    const http = viaProxy(transport, { id: '1', info: { name: 'Ada' } });
    const ws = pusherClient(server, { ...defaultApp }, { user: { id: '2', info: { name: 'Grace' } } });
    try {
      const firstSocketId = await connected(http);
      expect(transportOf(http)).toBe(transport);
      await connected(ws);

      // Presence: the WebSocket client joining is seen over HTTP, with both members listed.
      await subscribed(http, room);
      const added = nextEvent<{ id: string }>(http, room, 'pusher:member_added');
      const members = (await subscribed(ws, room)) as { count: number };
      expect(members.count).toBe(2);
      expect((await added).id).toBe('2');

      // Client events, both ways.
      await subscribed(http, chat);
      await subscribed(ws, chat);
      const typing = nextEvent<{ by: string }>(ws, chat, 'client-typing');
      http.channel(chat)!.trigger('client-typing', { by: 'Ada' });
      expect(await typing).toEqual({ by: 'Ada' });
      const reply = nextEvent<{ by: string }>(http, chat, 'client-reply');
      ws.channel(chat)!.trigger('client-reply', { by: 'Grace' });
      expect(await reply).toEqual({ by: 'Grace' });

      // Published through the HTTP API with the official SDK.
      const notice = nextEvent<{ text: string }>(http, room, 'notice');
      await sdk(server, defaultApp).trigger(room, 'notice', { text: 'over HTTP' });
      expect(await notice).toEqual({ text: 'over HTTP' });

      // The network drops every connection: pusher-js opens a new session and subscribes again.
      // (After a moment: a poll answered just now is followed by the next one, which must be in flight to be cut.)
      await new Promise((resolve) => setTimeout(resolve, 500));
      const rejoined = new Promise<void>((resolve) => http.connection.bind('connected', () => resolve()));
      proxy.drop();
      await rejoined;
      expect(http.connection.socket_id).not.toBe(firstSocketId);
      expect(transportOf(http)).toBe(transport);
      await new Promise<void>((resolve) => http.channel(room)!.bind('pusher:subscription_succeeded', () => resolve()));
      const again = nextEvent<{ text: string }>(http, room, 'notice');
      await sdk(server, defaultApp).trigger(room, 'notice', { text: 'after the reconnect' });
      expect(await again).toEqual({ text: 'after the reconnect' });
    } finally {
      http.disconnect();
      ws.disconnect();
    }
  });

  test('a quiet session is kept: pusher-js answers the server\'s pusher:ping over xhr_send', { timeout: 30_000 }, async () => {
    const client = viaProxy(transport, { id: '3', info: {} }, quiet);
    const changes: string[] = [];
    try {
      const socketId = await connected(client);
      client.connection.bind('state_change', ({ current }: { current: string }) => changes.push(current));
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(changes).toEqual([]);
      expect(client.connection.socket_id).toBe(socketId);
    } finally {
      client.disconnect();
    }
  });
});
