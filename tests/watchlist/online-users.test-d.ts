// Type tests for onlineUsers(): what it accepts (an Echo from createEcho(), a pusher-js client) and the
// handlers' shape. Each rejected case is a @ts-expect-error that fails the type check if it starts compiling.
import type Pusher from 'pusher-js';
import { describe, expectTypeOf, test } from 'vitest';
import { onlineUsers, type OnlineUsersHandlers, type PogoEcho } from '../../src-ts/src/index';

type Channels = { news: { type: 'public'; events: { Published: { title: string } } } };
declare const echo: PogoEcho<Channels>;
declare const pusher: Pusher;

describe('onlineUsers()', () => {
  test('takes an Echo or a pusher-js client, and handlers of string ids; returns an unsubscribe', () => {
    const stop = onlineUsers(echo, { online: (ids) => expectTypeOf(ids).toEqualTypeOf<string[]>(), offline: (ids) => expectTypeOf(ids).toEqualTypeOf<string[]>() });
    expectTypeOf(stop).toEqualTypeOf<() => void>();
    onlineUsers(pusher, { online: () => undefined });
    onlineUsers(echo, {});
    expectTypeOf<OnlineUsersHandlers['online']>().toEqualTypeOf<((userIds: string[]) => void) | undefined>();
  });

  test('rejects what is not a handler or not a client', () => {
    // @ts-expect-error: the events are `online` and `offline`
    onlineUsers(echo, { joined: () => undefined });
    // @ts-expect-error: ids are strings, as the server sends them
    onlineUsers(echo, { online: (ids: number[]) => ids });
    // @ts-expect-error: not an Echo instance or a pusher-js client
    onlineUsers({ connection: {} }, { online: () => undefined });
    // @ts-expect-error: handlers are required (an object, possibly empty)
    onlineUsers(echo);
  });
});
