// End to end: the real server, a real Laravel 12 application with pogo/websocket installed from this
// repository (php artisan serve), and laravel-echo + pusher-js clients in Node.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Echo from 'laravel-echo';
import Pusher from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';
import { login as signIn, sessionAuthorization, subscribed, type Session } from './echo-session';
import { broadcastFromLaravel, freePort, startLaravelApp, until, type LaravelApp } from './laravel-app';

const credentials = { id: 'e2e-app', key: 'e2e-key', secret: 'e2e-secret' };
const masterKey = Buffer.alloc(32, 7).toString('base64');

let server: RunningServer;
let app: LaravelApp;
let appUrl: string;
const clients: Echo<'pusher'>[] = [];

function login(id: number): Promise<Session> {
  return signIn(appUrl, id);
}

/** An Echo client whose channel authorization goes to Laravel's /broadcasting/auth with the session. */
function connectEcho(session?: Session): Echo<'pusher'> {
  const client = new Pusher(credentials.key, {
    cluster: '',
    wsHost: server.host,
    wsPort: server.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    disableStats: true,
    channelAuthorization: sessionAuthorization(appUrl, session),
  });
  const echo = new Echo<'pusher'>({ broadcaster: 'pusher', key: credentials.key, client });
  clients.push(echo);
  return echo;
}

async function connected(echo: Echo<'pusher'>): Promise<string> {
  return until('connection', () => echo.socketId() || undefined);
}

function broadcast(kind: string, channel: string, text: string, socketId?: string): Promise<void> {
  return broadcastFromLaravel(app, kind, channel, text, socketId);
}

function webhooks(): Array<{ class: string; name: string; channel: string; payload: Record<string, unknown> }> {
  const file = join(app.dir, 'storage/e2e-webhooks.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

beforeAll(async () => {
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  server = await startServer({
    apps: [{
      ...credentials,
      webhooks: [{ url: `${appUrl}/pogo/webhook`, events: ['channel_occupied', 'channel_vacated', 'member_added', 'member_removed'] }],
    }],
  });
  app = await startLaravelApp({
    credentials,
    serverPort: server.port,
    port,
    env: { WS_ENCRYPTION_MASTER_KEY: masterKey, WS_WEBHOOKS: 'true' },
  });
}, 300_000);

afterAll(async () => {
  for (const echo of clients) echo.disconnect();
  await app?.close();
  await server?.stop();
});

describe('Laravel app → pogo driver → server → laravel-echo', () => {
  it('delivers an event broadcast from Laravel to a public channel', async () => {
    const echo = connectEcho();
    const received: unknown[] = [];
    const channel = echo.channel('e2e.public').listen('.e2e.message', (data: unknown) => received.push(data));
    await subscribed(channel);

    await broadcast('public', 'e2e.public', 'hello ü ✓');

    expect(await until('the event', () => received[0])).toEqual({ text: 'hello ü ✓' });
  });

  it('authorizes a private channel through /broadcasting/auth and refuses another user’s', async () => {
    const session = await login(1);
    const echo = connectEcho(session);
    const received: unknown[] = [];
    const own = echo.private(`e2e.private.${session.userId}`).listen('.e2e.message', (data: unknown) => received.push(data));
    await subscribed(own);
    const errors: unknown[] = [];
    echo.private('e2e.private.999').error((error: unknown) => errors.push(error));

    await broadcast('private', `e2e.private.${session.userId}`, 'just for you');

    expect(await until('the private event', () => received[0])).toEqual({ text: 'just for you' });
    expect(await until('the refusal', () => errors[0])).toMatchObject({ type: 'AuthError' });
  });

  it('joins a presence channel with the members Laravel returns', async () => {
    const [ann, bob] = [await login(1), await login(2)];
    const first = connectEcho(ann);
    const second = connectEcho(bob);
    const seen: Array<{ id: number; name: string }[]> = [];
    const joined: Array<{ id: number; name: string }> = [];
    first.join('e2e.room').here((members: { id: number; name: string }[]) => seen.push(members)).joining((member: { id: number; name: string }) => joined.push(member));
    await until('first member', () => seen[0]);
    second.join('e2e.room');

    expect(await until('the joining member', () => joined[0])).toEqual({ id: bob.userId, name: `User ${bob.userId}` });
    expect(seen[0]).toEqual([{ id: ann.userId, name: `User ${ann.userId}` }]);
  });

  it('leaves out the sender with toOthers()', async () => {
    const sender = connectEcho();
    const other = connectEcho();
    const fromSender: unknown[] = [];
    const fromOther: unknown[] = [];
    const channels = [
      sender.channel('e2e.others').listen('.e2e.message', (d: unknown) => fromSender.push(d)),
      other.channel('e2e.others').listen('.e2e.message', (d: unknown) => fromOther.push(d)),
    ];
    await Promise.all(channels.map(subscribed));

    await broadcast('public', 'e2e.others', 'not to myself', await connected(sender));

    expect(await until('the other client’s event', () => fromOther[0])).toEqual({ text: 'not to myself' });
    await new Promise((r) => setTimeout(r, 500));
    expect(fromSender).toEqual([]);
  });

  it('encrypts a private-encrypted channel in PHP and the client decrypts it', async () => {
    const session = await login(1);
    const echo = connectEcho(session);
    const received: unknown[] = [];
    const raw: unknown[] = [];
    const channel = echo.encryptedPrivate(`e2e.secret.${session.userId}`).listen('.e2e.message', (d: unknown) => received.push(d));
    await subscribed(channel);
    // What travels on the wire: a second, unauthorized observer cannot subscribe, so read the raw socket frame.
    (echo.connector as unknown as { pusher: Pusher }).pusher.connection.bind('message', (m: { event: string; data: unknown }) => {
      if (m.event === 'e2e.message') raw.push(m.data);
    });

    await broadcast('encrypted', `e2e.secret.${session.userId}`, 'swordfish');

    expect(await until('the decrypted event', () => received[0])).toEqual({ text: 'swordfish' });
    const wire = JSON.stringify(await until('the raw frame', () => raw[0]));
    expect(wire).toContain('ciphertext');
    expect(wire).not.toContain('swordfish');
  });

  it('turns server webhooks into Laravel events a listener receives', async () => {
    const echo = connectEcho();
    await subscribed(echo.channel('e2e.hooked'));

    const occupied = await until('channel_occupied in Laravel', () =>
      webhooks().find((w) => w.name === 'channel_occupied' && w.channel === 'e2e.hooked'));
    expect(occupied.class).toBe('ChannelOccupied');

    const session = await login(3);
    const member = connectEcho(session);
    member.join('e2e.room');
    const added = await until('member_added in Laravel', () =>
      webhooks().find((w) => w.name === 'member_added' && w.payload.user_id === String(session.userId)));
    expect(added.class).toBe('MemberAdded');
  });
});
