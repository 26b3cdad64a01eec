// The channel map declared once by module augmentation, checked against the shipped declarations
// (src-ts/dist/index.d.ts, what `import '@pogo/echo'` resolves to in an app).
import { createEcho, type PogoEcho } from '@pogo/echo';
import { describe, expectTypeOf, test } from 'vitest';

declare module '@pogo/echo' {
  interface PogoChannels {
    'orders.{orderId}': { type: 'private'; events: { OrderShipped: { id: number; trackingNumber: string } } };
    'room.{roomId}': { type: 'presence'; member: { id: number; name: string }; whispers: { typing: { name: string } } };
  }
}

const echo = createEcho({ env: { VITE_POGO_APP_KEY: 'key', VITE_POGO_HOST: 'localhost' } });

describe('module augmentation of PogoChannels', () => {
  test('createEcho() picks the augmented map up without a type argument', () => {
    expectTypeOf(echo).toEqualTypeOf<PogoEcho>();
    echo.private('orders.1').listen('OrderShipped', (e) => expectTypeOf(e.trackingNumber).toBeString());
    echo
      .join('room.7')
      .here((members) => expectTypeOf(members).toEqualTypeOf<{ id: number; name: string }[]>())
      .joining((member) => expectTypeOf(member.id).toBeNumber())
      .leaving((member) => expectTypeOf(member.name).toBeString())
      .listenForWhisper('typing', (e) => expectTypeOf(e.name).toBeString());
  });

  test('undeclared channels and events are rejected', () => {
    // @ts-expect-error not in the map
    echo.private('invoices.1');
    // @ts-expect-error not an event of orders.{orderId}
    echo.private('orders.1').listen('OrderLost', () => {});
    // @ts-expect-error room.{roomId} is presence
    echo.channel('room.7');
    // @ts-expect-error member has no email
    echo.join('room.7').joining((member) => member.email);
  });
});
