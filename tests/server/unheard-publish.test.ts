// A publish to a channel nobody on this node listens to, with no recovery history and no cache, is
// never serialised or framed (hub.ts, unheard()): what anyone receives afterwards must not change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, pusherClient, sdk, sleep, subscribed } from '../helpers/clients.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import type Pusher from 'pusher-js';

const off = { id: 'off', key: 'off-key', secret: 'off-secret', recovery: false };
const partial = { id: 'partial', key: 'partial-key', secret: 'partial-secret', recovery: { disabledPrefixes: ['volatile-'] } };

let server: RunningServer;
const clients: Pusher[] = [];

beforeAll(async () => {
  server = await startServer({ apps: [off, partial] });
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await server.stop();
});

describe('a publish nobody hears', () => {
  it('is accepted, and a later subscriber gets only what is published after it subscribed', async () => {
    for (const [app, channel] of [[off, 'quiet'], [partial, 'volatile-quiet']] as const) {
      await sdk(server, app).trigger(channel, 'before', { n: 1 });
      const c = pusherClient(server, app);
      clients.push(c);
      await subscribed(c, channel);
      const before = collect(c, channel, 'before');
      const after = collect(c, channel, 'after');
      await sdk(server, app).trigger([channel, 'nobody-else'], 'after', { n: 2 });
      for (let i = 0; i < 50 && after.length === 0; i++) await sleep(20);
      await sleep(100);
      expect(after, `${app.id} ${channel}`).toEqual([{ n: 2 }]);
      expect(before, `${app.id} ${channel}`).toEqual([]);
    }
  });

  it('still fills a cache channel, so its next subscriber gets the last event', async () => {
    await sdk(server, off).trigger('cache-quiet', 'last', { n: 3 });
    const c = pusherClient(server, off);
    clients.push(c);
    const replay = new Promise((resolve) => c.subscribe('cache-quiet').bind('last', resolve));
    expect(await replay).toEqual({ n: 3 });
  });

  it('is still excluded from its socket_id sender and delivered to the others once they subscribe', async () => {
    const [sender, other] = [pusherClient(server, off), pusherClient(server, off)];
    clients.push(sender, other);
    await Promise.all([subscribed(sender, 'room'), subscribed(other, 'room')]);
    const socketId = sender.connection.socket_id;
    const toSender = collect(sender, 'room', 'msg');
    const toOther = collect(other, 'room', 'msg');
    await sdk(server, off).trigger(['room', 'empty-room'], 'msg', { n: 4 }, { socket_id: socketId });
    for (let i = 0; i < 50 && toOther.length === 0; i++) await sleep(20);
    await sleep(100);
    expect(toOther).toEqual([{ n: 4 }]);
    expect(toSender).toEqual([]);
  });
});
