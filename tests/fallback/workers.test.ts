// Under --workers, node:cluster hands each TCP connection to any worker, while one fallback session's
// requests come on several connections: the fallbacks are refused there with a reason, not served
// half (an xhr_send reaching a worker without the session would be lost without a word).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { defaultApp, startServer, type RunningServer } from '../helpers/server';
import { newSession, receive } from './session-client';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ apps: [defaultApp] }, { args: ['--workers', '2'] });
});
afterAll(async () => {
  await server?.stop();
});

test('every fallback request is a 404 naming why', async () => {
  const answer = await receive({ port: server.port, key: defaultApp.key, session: newSession() }, 'xhr_streaming');
  expect(answer.status).toBe(404);
  await answer.ended;
  expect(JSON.parse(answer.lines.join('\n'))).toEqual({ error: expect.stringMatching(/not served under --workers/) });
});
