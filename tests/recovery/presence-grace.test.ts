// Presence grace period: a user whose last connection drops and who comes back within the grace
// is neither removed nor re-added, so a page reload does not make others see a leave and a join.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { collect, nextEvent, pusherClient, sleep, subscribed } from '../helpers/clients.js';
import { startServer, type RunningServer } from '../helpers/server.js';

let server: RunningServer;
const app = { id: 'grace', key: 'grace-key', secret: 'grace-secret', limits: { presenceLeaveGraceMs: 1_000 } };

beforeAll(async () => {
  server = await startServer({ apps: [app] });
});
afterAll(async () => {
  await server.stop();
});

it('hides a reload within the grace period, and removes a user who stays away after it', async () => {
  const ann = pusherClient(server, app, { user: { id: 'ann' } });
  await subscribed(ann, 'presence-room');
  const bob = pusherClient(server, app, { user: { id: 'bob', info: { name: 'Bob' } } });
  const added = nextEvent(ann, 'presence-room', 'pusher:member_added');
  await subscribed(bob, 'presence-room');
  await added;

  const joins = collect(ann, 'presence-room', 'pusher:member_added');
  const leaves = collect(ann, 'presence-room', 'pusher:member_removed');
  bob.disconnect(); // a reload: the page goes, then comes back
  await sleep(300);
  const bobAgain = pusherClient(server, app, { user: { id: 'bob', info: { name: 'Bob' } } });
  const view = (await subscribed(bobAgain, 'presence-room')) as { count: number };
  expect(view.count).toBe(2);
  await sleep(1_300);
  expect(joins).toEqual([]);
  expect(leaves).toEqual([]);

  const leftAt = Date.now();
  const removed = nextEvent<{ id: string }>(ann, 'presence-room', 'pusher:member_removed', 3_000);
  bobAgain.disconnect();
  expect((await removed).id).toBe('bob');
  expect(Date.now() - leftAt).toBeGreaterThanOrEqual(900);
  ann.disconnect();
}, 15_000);
