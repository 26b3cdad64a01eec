// Type tests for the React and Vue hook wrappers (@pogo/echo/react, @pogo/echo/vue): the same channel map as
// createEcho() checks the channel name, the event and the payload of useEcho / useEchoPresence / useEchoPublic.
// Accepted calls are expectTypeOf assertions; each rejected one is a @ts-expect-error that fails the type check
// if the wrappers ever accept it.
import type { DependencyList } from 'react';
import { describe, expectTypeOf, test } from 'vitest';
import { echoHooks as reactHooks, useEcho as augmentedUseEcho, useEchoPresence as augmentedUseEchoPresence } from '@pogo/echo/react';
import { useEchoPresence as augmentedVueUseEchoPresence, echoHooks as vueHooks } from '@pogo/echo/vue';
import { echoHooks as reactHooksFromSource } from '../../src-ts/src/react';

declare module '@pogo/echo' {
  interface PogoChannels {
    'ledgers.{ledgerId}': { type: 'private'; events: { LedgerClosed: { amount: number } } };
    'desk.{deskId}': { type: 'presence'; member: { id: number }; events: { TicketTaken: { ticket: string } } };
  }
}

type AppChannels = {
  'orders.{orderId}': { type: 'private'; events: { OrderShipped: { id: number; trackingNumber: string }; OrderPaid: { total: number } } };
  'chat.{roomId}': { type: 'presence'; member: { id: number; name: string }; events: { MessagePosted: { body: string } } };
  news: { type: 'public'; events: { Published: { title: string } } };
};

for (const [framework, hooks] of [
  ['react', reactHooks<AppChannels>()],
  ['vue', vueHooks<AppChannels>()],
  ['react (source)', reactHooksFromSource<AppChannels>()],
] as const) {
  const { useEcho, useEchoPresence, useEchoPublic } = hooks;

  describe(`${framework}: an explicit channel map`, () => {
    test('right calls compile, with the declared payload', () => {
      useEcho('orders.1', 'OrderShipped', (e) => expectTypeOf(e).toEqualTypeOf<{ id: number; trackingNumber: string }>());
      const id = 7 as number;
      useEcho(`orders.${id}`, ['OrderShipped', 'OrderPaid'], (e) => expectTypeOf(e).toEqualTypeOf<{ id: number; trackingNumber: string } | { total: number }>(), []);
      useEchoPresence('chat.lobby', 'MessagePosted', (e) => expectTypeOf(e.body).toBeString());
      useEchoPublic('news', 'Published', (e) => expectTypeOf(e.title).toBeString());
      const handle = useEchoPresence('chat.lobby', 'MessagePosted', () => {});
      handle.channel()?.here((members) => expectTypeOf(members).toEqualTypeOf<{ id: number; name: string }[]>());
      expectTypeOf(handle.leave).toBeFunction();
    });

    test('wrong channel, event or payload does not compile', () => {
      // @ts-expect-error no such channel
      useEcho('refunds.1', 'OrderShipped', () => {});
      // @ts-expect-error one segment too many for orders.{orderId}: no event is accepted
      useEcho('orders.1.2', 'OrderShipped', () => {});
      // @ts-expect-error chat.{roomId} is a presence channel: useEchoPresence
      useEcho('chat.lobby', 'MessagePosted', () => {});
      // @ts-expect-error news is public: useEchoPublic
      useEcho('news', 'Published', () => {});
      // @ts-expect-error orders.{orderId} is private, not public
      useEchoPublic('orders.1', 'OrderShipped', () => {});
      // @ts-expect-error MessagePosted belongs to chat.{roomId}
      useEcho('orders.1', 'MessagePosted', () => {});
      // @ts-expect-error trackingNumber is a string
      useEcho('orders.1', 'OrderShipped', (e: { trackingNumber: number }) => e);
      useEchoPublic('news', 'Published', (e) => {
        // @ts-expect-error no such field on the payload
        void e.author;
      });
    });
  });
}

describe('the augmented PogoChannels map, through the shipped declarations', () => {
  test('right calls compile without a type argument', () => {
    augmentedUseEcho('ledgers.9', 'LedgerClosed', (e) => expectTypeOf(e.amount).toBeNumber(), [] as DependencyList);
    augmentedUseEchoPresence('desk.2', 'TicketTaken', (e) => expectTypeOf(e.ticket).toBeString());
    augmentedVueUseEchoPresence('desk.2', 'TicketTaken', (e) => expectTypeOf(e.ticket).toBeString(), [() => 2]);
  });

  test('wrong calls do not compile', () => {
    // @ts-expect-error not in the map
    augmentedUseEcho('journals.9', 'LedgerClosed', () => {});
    // @ts-expect-error not an event of ledgers.{ledgerId}
    augmentedUseEcho('ledgers.9', 'TicketTaken', () => {});
    // @ts-expect-error amount is a number
    augmentedUseEcho('ledgers.9', 'LedgerClosed', (e: { amount: string }) => e);
    // @ts-expect-error desk.{deskId} is a presence channel, not private
    augmentedUseEcho('desk.2', 'TicketTaken', () => {});
    // @ts-expect-error ledgers.{ledgerId} is private, not presence
    augmentedVueUseEchoPresence('ledgers.9', 'LedgerClosed', () => {});
  });
});
