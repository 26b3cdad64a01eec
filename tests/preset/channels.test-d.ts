// Type tests for typed channels, with the channel map passed explicitly: createEcho<AppChannels>().
// Each accepted case is an expectTypeOf assertion; each rejected case is a @ts-expect-error that fails the
// type check if the preset ever starts accepting it.
import { describe, expectTypeOf, test } from 'vitest';
import { createEcho, type NameMatchesPattern, type PogoEcho } from '../../src-ts/src/index';

interface OrderShipped {
  id: number;
  trackingNumber: string;
}
interface Member {
  id: number;
  name: string;
}

type AppChannels = {
  'prices.{symbol}': { type: 'public'; events: { PriceChanged: { price: number } } };
  news: { type: 'public'; events: { Published: { title: string }; '.news.retracted': { id: number } } };
  'orders.{orderId}': { type: 'private'; events: { OrderShipped: OrderShipped } };
  'App.Models.User.{id}': { type: 'private'; notification: { id: string; type: string; message: string } };
  'chat.{roomId}': {
    type: 'presence';
    member: Member;
    events: { MessagePosted: { body: string; authorId: number } };
    whispers: { typing: { name: string } };
  };
  'vault.{id}': { type: 'encrypted'; events: { SecretRotated: { version: number } } };
  'teams.{teamId}.projects.{projectId}': { type: 'private'; events: { ProjectRenamed: { name: string } } };
};

declare const echo: PogoEcho<AppChannels>;

describe('channel names follow the declared patterns, as Laravel matches them', () => {
  test('pattern matching is segment by segment', () => {
    expectTypeOf<NameMatchesPattern<'orders.1', 'orders.{orderId}'>>().toEqualTypeOf<true>();
    expectTypeOf<NameMatchesPattern<`orders.${number}`, 'orders.{orderId}'>>().toEqualTypeOf<true>();
    expectTypeOf<NameMatchesPattern<'orders.1.2', 'orders.{orderId}'>>().toEqualTypeOf<false>();
    expectTypeOf<NameMatchesPattern<'orders.', 'orders.{orderId}'>>().toEqualTypeOf<false>();
    expectTypeOf<NameMatchesPattern<'teams.3.projects.9', 'teams.{teamId}.projects.{projectId}'>>().toEqualTypeOf<true>();
    expectTypeOf<NameMatchesPattern<'teams.3.tasks.9', 'teams.{teamId}.projects.{projectId}'>>().toEqualTypeOf<false>();
  });

  test('accepted names', () => {
    const orderId = 42 as number;
    echo.private('orders.1');
    echo.private(`orders.${orderId}`);
    echo.private('teams.3.projects.9');
    echo.join('chat.lobby');
    echo.channel('news');
    echo.encryptedPrivate('vault.7');
  });

  test('rejected names', () => {
    // @ts-expect-error no such channel
    echo.private('invoices.1');
    // @ts-expect-error one segment too many for orders.{orderId}
    echo.private('orders.1.2');
    // @ts-expect-error orders.{orderId} is private, not public
    echo.channel('orders.1');
    // @ts-expect-error chat.{roomId} is a presence channel: join() it
    echo.private('chat.lobby');
    // @ts-expect-error news is public
    echo.join('news');
    // @ts-expect-error a plain string cannot be checked against the map
    echo.private('orders.1' as string);
  });
});

describe('events and payloads', () => {
  test('listen() passes the declared payload', () => {
    echo.private('orders.1').listen('OrderShipped', (e) => {
      expectTypeOf(e).toEqualTypeOf<OrderShipped>();
      expectTypeOf(e.trackingNumber).toBeString();
    });
    echo.channel('news').listen('.news.retracted', (e) => expectTypeOf(e).toEqualTypeOf<{ id: number }>());
    echo.listen('news', 'Published', (e) => expectTypeOf(e.title).toBeString());
    echo.encryptedPrivate('vault.1').listen('SecretRotated', (e) => expectTypeOf(e.version).toBeNumber());
    echo.private('teams.1.projects.2').listen('ProjectRenamed', (e) => expectTypeOf(e.name).toBeString());
  });

  test('listen() chains, with the channel type kept', () => {
    const channel = echo
      .private('orders.1')
      .listen('OrderShipped', () => {})
      .error((error) => expectTypeOf(error.status).toEqualTypeOf<number | undefined>())
      .subscribed(() => {});
    expectTypeOf(channel.whisper).toBeFunction();
  });

  test('rejected events and payload misuse', () => {
    // @ts-expect-error OrderPaid is not an event of orders.{orderId}
    echo.private('orders.1').listen('OrderPaid', () => {});
    // @ts-expect-error MessagePosted belongs to chat.{roomId}
    echo.private('orders.1').listen('MessagePosted', () => {});
    // @ts-expect-error trackingNumber is a string
    echo.private('orders.1').listen('OrderShipped', (e: { trackingNumber: number }) => e);
    echo.private('orders.1').listen('OrderShipped', (e) => {
      // @ts-expect-error no such field on the payload
      void e.carrier;
    });
    // @ts-expect-error the event must be declared for news
    echo.listen('news', 'OrderShipped', () => {});
    // @ts-expect-error prices.eur.usd has a segment too many for prices.{symbol}, so no event is accepted
    echo.listen('prices.eur.usd', 'PriceChanged', () => {});
    echo.listen('prices.eur', 'PriceChanged', (e) => expectTypeOf(e.price).toBeNumber());
  });

  test('notifications', () => {
    echo.private('App.Models.User.5').notification((n) => expectTypeOf(n.message).toBeString());
    echo.private('orders.1').notification((n) => {
      expectTypeOf(n.id).toBeString();
      expectTypeOf(n.type).toBeString();
    });
    // @ts-expect-error public channels have no notification() in the typed API
    echo.channel('news').notification(() => {});
  });
});

describe('presence members and whispers', () => {
  test('here / joining / leaving get the declared member', () => {
    echo
      .join('chat.lobby')
      .here((members) => expectTypeOf(members).toEqualTypeOf<Member[]>())
      .joining((member) => expectTypeOf(member).toEqualTypeOf<Member>())
      .leaving((member) => expectTypeOf(member.name).toBeString())
      .listen('MessagePosted', (e) => expectTypeOf(e.authorId).toBeNumber());
  });

  test('rejected member use', () => {
    // @ts-expect-error members are Member[], not string[]
    echo.join('chat.lobby').here((members: string[]) => members);
    echo.join('chat.lobby').joining((member) => {
      // @ts-expect-error Member has no email
      void member.email;
    });
    // @ts-expect-error private channels have no here()
    echo.private('orders.1').here(() => {});
  });

  test('whispers are typed both ways', () => {
    echo.join('chat.lobby').whisper('typing', { name: 'Ada' });
    echo.join('chat.lobby').listenForWhisper('typing', (e) => expectTypeOf(e).toEqualTypeOf<{ name: string }>());
    // @ts-expect-error wrong whisper payload
    echo.join('chat.lobby').whisper('typing', { name: 1 });
    // @ts-expect-error undeclared whisper
    echo.join('chat.lobby').whisper('stopped', {});
    // @ts-expect-error public channels cannot whisper
    echo.channel('news').whisper('typing', { name: 'Ada' });
  });
});

describe('Echo itself stays available', () => {
  test('untyped methods keep their Echo signatures', () => {
    expectTypeOf(echo.socketId).returns.toEqualTypeOf<string | undefined>();
    expectTypeOf(echo.leave).parameter(0).toBeString();
    expectTypeOf(echo.disconnect).toBeFunction();
  });

  test('createEcho returns the typed Echo for the map it is given', () => {
    expectTypeOf(createEcho<AppChannels>).returns.toEqualTypeOf<PogoEcho<AppChannels>>();
  });

  test('without a channel map, everything is accepted as in plain Echo', () => {
    const untyped = createEcho({ env: {} });
    untyped.private('anything.at.all').listen('Whatever', (e) => expectTypeOf(e).toBeAny());
    // biome-ignore lint/suspicious/noExplicitAny: the assertion is that an untyped presence channel gives plain Echo's any[].
    untyped.join('room').here((members) => expectTypeOf(members).toEqualTypeOf<any[]>());
    untyped.channel('x').listen('Y', () => {});
  });
});
