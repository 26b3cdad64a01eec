// Property-based: whatever a client sends to the fallback routes (session segments, methods, bodies for
// xhr_send, a session's messages), the answer is one of the expected statuses, the server stays up,
// no listener error is counted, and the session it was aimed at still works.
import fc from 'fast-check';
import { request } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { defaultApp, startServer, type RunningServer } from '../helpers/server';
import { carries, newSession, receive, send, type SessionAddress } from './session-client';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ apps: [{ ...defaultApp, enableClientMessages: true }] });
});
afterAll(async () => {
  await server?.stop();
});

const listenerErrors = async (): Promise<number> => {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return [...text.matchAll(/^pogo_websocket_listener_errors_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
};

/** Any method, any target under the fallback's shape, any body; resolves with the status (0: no answer). */
function raw(method: string, path: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      // A receive request that opened a session streams on: its status is enough.
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2_000, () => {
      req.destroy();
      resolve(0);
    });
    req.end(body);
  });
}

const segment = fc.oneof(fc.string({ maxLength: 12 }).map(encodeURIComponent), fc.constantFrom('1', 'abcdefgh', '..', '%zz', '', 'a.b'));
const kind = fc.constantFrom('xhr_streaming', 'xhr', 'xhr_send', 'xhr_sendx', 'websocket');
const body = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc.array(fc.oneof(fc.string({ maxLength: 80 }), fc.json({ maxDepth: 2 })), { maxLength: 4 }).map((items) => JSON.stringify(items)),
);

test('random requests to the fallback routes: expected statuses only, no listener error', { timeout: 120_000 }, async () => {
  const before = await listenerErrors();
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('POST', 'GET', 'OPTIONS', 'PUT'), fc.constantFrom(defaultApp.key, 'nope'), segment, segment, kind, body, async (method, key, server_, session, route, payload) => {
      const status = await raw(method, `/pusher/app/${key}/${server_}/${session}/${route}?protocol=7`, payload);
      // 0: no status within the wait, which only a long poll on a session already open may take.
      const waiting = status === 0 && route === 'xhr' && method === 'POST' && key === defaultApp.key;
      if (!waiting) expect([200, 204, 400, 404, 405, 413, 429]).toContain(status);
    }),
    { numRuns: 300 },
  );
  expect(await listenerErrors()).toBe(before);
});

test('random messages in one session: each answered, the session goes on', { timeout: 120_000 }, async () => {
  const address: SessionAddress = { port: server.port, key: defaultApp.key, session: newSession() };
  const stream = await receive(address, 'xhr_streaming');
  await stream.line(carries('pusher:connection_established'));
  const before = await listenerErrors();
  const message = fc.oneof(
    fc.string({ maxLength: 100 }),
    fc.record({ event: fc.constantFrom('pusher:subscribe', 'pusher:unsubscribe', 'pusher:signin', 'pusher:ping', 'client-x', 'nope'), data: fc.oneof(fc.json({ maxDepth: 2 }), fc.record({ channel: fc.string({ maxLength: 20 }) })), channel: fc.option(fc.string({ maxLength: 20 })) }).map((m) => JSON.stringify(m)),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(message, { maxLength: 3 }), async (messages) => {
      const answer = await send(address, JSON.stringify(messages));
      expect(answer.status).toBe(204);
    }),
    { numRuns: 150 },
  );
  expect(await listenerErrors()).toBe(before);
  // Still the same session: it subscribes and is answered.
  expect((await send(address, [{ event: 'pusher:subscribe', data: { channel: 'after-the-fuzz' } }])).status).toBe(204);
  await stream.line((line) => carries('pusher_internal:subscription_succeeded')(line) && line.includes('after-the-fuzz'), 5_000);
  stream.abort();
});
