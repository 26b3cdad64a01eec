// The dashboard attacked as a browser would be: a session cookie kept after signing out, a test
// event posted from a sandboxed or file: page (Origin: null).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';

const token = 'dashboard-token-0123456789';
let server: RunningServer;
let base = '';

beforeAll(async () => {
  server = await startServer({ apps: [defaultApp], dashboard: { token, port: 0 } });
  base = `http://127.0.0.1:${/dashboard on http:\/\/[^:]+:(\d+)/.exec(server.output())![1]}/dashboard`;
});
afterAll(async () => {
  await server.stop();
});

async function signIn(): Promise<string> {
  const res = await fetch(`${base}/login`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual' });
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

describe('sessions', () => {
  it('signing out revokes the session: the same cookie is refused afterwards', async () => {
    const session = await signIn();
    expect((await fetch(`${base}/api/overview`, { headers: { Cookie: session } })).status).toBe(200);
    const out = await fetch(`${base}/logout`, { method: 'POST', headers: { Cookie: session }, redirect: 'manual' });
    expect(out.status).toBe(303);
    // A browser would drop the cookie; an attacker who copied it keeps sending it.
    expect((await fetch(`${base}/api/overview`, { headers: { Cookie: session } })).status).toBe(401);
  });

  it('each sign-in is its own session: signing one out leaves the others', async () => {
    const first = await signIn();
    const second = await signIn();
    expect(first).not.toBe(second);
    await fetch(`${base}/logout`, { method: 'POST', headers: { Cookie: first }, redirect: 'manual' });
    expect((await fetch(`${base}/api/overview`, { headers: { Cookie: second } })).status).toBe(200);
    expect((await fetch(`${base}/api/overview`, { headers: { Cookie: first } })).status).toBe(401);
  });
});

describe('the test-event endpoint', () => {
  const post = (origin: string | undefined) =>
    fetch(`${base}/api/publish?app=${defaultApp.id}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(origin !== undefined ? { Origin: origin } : {}) },
      body: JSON.stringify({ channel: 'news', event: 'test', data: '{}' }),
    });

  it('refuses Origin: null (a sandboxed frame or a file: page)', async () => {
    const res = await post('null');
    expect(res.status).toBe(403);
  });

  it('refuses another site and a malformed Origin, and accepts its own page', async () => {
    expect((await post('https://evil.example')).status).toBe(403);
    expect((await post('not a url')).status).toBe(403);
    const host = new URL(base).host;
    expect((await post(`http://${host}`)).status).toBe(200);
    expect((await post(undefined)).status).toBe(200);
  });
});
