// Whispers, declared by hand: pogo:ws-types never touches this file.
import '@pogo/echo';

declare module '@pogo/echo' {
  interface PogoWhispers {
    'chat.{roomId}': { typing: { name: string } };
  }
}
