// An unmodified pusher-js (its Node build) limited to one HTTP fallback transport, signing channels
// as a Laravel app would (the official SDK): the client the fallback tests run next to WebSockets.
import Pusher from 'pusher-js';
import { sdk } from '../helpers/clients';
import type { RunningServer, TestApp } from '../helpers/server';

export type HttpTransport = 'xhr_streaming' | 'xhr_polling';

/** pusher-js at `port` (the server's, or a proxy's) with only `transport` enabled, signing as `user` on presence channels. */
export function fallbackClient(server: RunningServer, port: number, transport: HttpTransport, user: { id: string; info: Record<string, unknown> }, app: TestApp): Pusher {
  const signer = sdk(server, app);
  return new Pusher(app.key, {
    cluster: 'local',
    wsHost: '127.0.0.1',
    wsPort: port,
    httpHost: '127.0.0.1',
    httpPort: port,
    forceTLS: false,
    enabledTransports: [transport],
    disableStats: true,
    channelAuthorization: {
      transport: 'ajax',
      endpoint: '/unused',
      customHandler: ({ socketId, channelName }, callback) => {
        const presence = channelName.startsWith('presence-') ? { user_id: user.id, user_info: user.info } : undefined;
        callback(null, signer.authorizeChannel(socketId, channelName, presence));
      },
    },
  });
}

/** The transport pusher-js is connected over right now (not in its typings). */
export const transportOf = (client: Pusher): string | undefined =>
  (client.connection as unknown as { connection?: { transport?: { name?: string } } }).connection?.transport?.name;
