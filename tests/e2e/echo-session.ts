// A signed-in browser session of the test Laravel app, as laravel-echo clients in Node use it: the login
// route's cookie and CSRF token, sent along to /broadcasting/auth the way the browser would send them.
import { expect } from 'vitest';

export interface Session { cookie: string; csrf: string; userId: number }

/** Signs in as user `id` through the fixture route /e2e/login/{id}. */
export async function login(appUrl: string, id: number): Promise<Session> {
  const response = await fetch(`${appUrl}/e2e/login/${id}`, { headers: { accept: 'application/json' } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { id: number; csrf: string };
  return { cookie: response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrf: body.csrf, userId: body.id };
}

type AuthCallback = (error: Error | null, data: { auth: string } | null) => void;

/** pusher-js's channelAuthorization: Laravel's /broadcasting/auth with the session (no session: refused). */
export function sessionAuthorization(appUrl: string, session?: Session) {
  return {
    endpoint: `${appUrl}/broadcasting/auth`,
    transport: 'ajax' as const,
    customHandler: ({ socketId, channelName }: { socketId: string; channelName: string }, callback: AuthCallback) => {
      if (!session) return callback(new Error('no session'), null);
      fetch(`${appUrl}/broadcasting/auth`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, 'x-csrf-token': session.csrf },
        body: new URLSearchParams({ socket_id: socketId, channel_name: channelName }),
      })
        .then(async (response) => (response.status === 200 ? callback(null, (await response.json()) as { auth: string }) : callback(new Error(`auth answered ${response.status}`), null)))
        .catch((error: Error) => callback(error, null));
    },
  };
}

/** Resolves once Echo reports the channel subscribed. */
export function subscribed(channel: { subscribed(cb: () => void): unknown }): Promise<void> {
  return new Promise((resolve) => channel.subscribed(() => resolve()));
}
