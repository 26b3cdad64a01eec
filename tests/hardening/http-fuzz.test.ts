// Property-based fuzzing of raw HTTP/1.1 requests to the public port and to the dashboard's own
// port: targets, methods, headers, upgrades or not, bodies, chunking. Whatever arrives, the process
// stays up, every answer is a proper HTTP status (or, after a 101, a WebSocket close), nothing is
// answered with a 5xx, and no unexpected error was caught in a listener.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange, type RawAnswer } from '../helpers/raw-http.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';

const token = 'dashboard-token-0123456789';
let server: RunningServer;
let dashboardPort = 0;

beforeAll(async () => {
  server = await startServer({ apps: [defaultApp], dashboard: { token, port: 0 } });
  dashboardPort = Number(/dashboard on http:\/\/[^:]+:(\d+)/.exec(server.output())![1]);
});
afterAll(async () => {
  if (server.process.exitCode !== null) console.log(`server output:\n${server.output()}`);
  await server.stop();
});

const methods = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'CONNECT', 'G@T', 'get');
const paths = fc.constantFrom(
  '/', '//', '/app/test-key', '/app/test-key/', '/app/', '/app/%', '/app/%E0%A4%A', '/app/test%2Dkey', '/apps/test-app/events',
  '/apps/test-app/batch_events', '/apps/test-app/channels', '/apps/test-app/channels/%ZZ', '/apps/%E0%A4%A/events',
  '/apps/test-app/users/%/terminate_connections', '/up', '/ready', '/metrics', '/dashboard', '/dashboard/', '/dashboard/login',
  '/dashboard/logout', '/dashboard/api/publish', '/dashboard/api/channels', '/dashboard/%', '*', 'http://[::1', 'http://x/app/test-key',
);
const queries = fc.oneof(
  fc.constant(''),
  fc.constantFrom('?protocol=7', '?protocol=x', '?protocol=7&client=js', '?app=test-app', '?auth_key=test-key&auth_timestamp=1&auth_signature=00', '?%', '?a=%E0%A4%A'),
  fc.string({ maxLength: 40 }).map((q) => `?${encodeURI(q)}`),
);
/** Header values without CR/LF (a raw CR/LF would only split the request into others). */
const value = fc.oneof(fc.constantFrom('', 'null', '*', 'x', 'http://evil.example', 'session=alice', 'Bearer nope', `Bearer ${token}`), fc.string({ maxLength: 30 }).map((v) => v.replace(/[\r\n]/g, '')));
const headerSets = fc.record(
  {
    upgrade: fc.constant('Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n'),
    badUpgrade: fc.constantFrom('Upgrade: websocket\r\nConnection: Upgrade\r\n', 'Upgrade: h2c\r\nConnection: Upgrade\r\n', 'Sec-WebSocket-Version: 99\r\n'),
    origin: value.map((v) => `Origin: ${v}\r\n`),
    cookie: value.map((v) => `Cookie: pogo_dashboard=${v}\r\n`),
    authorization: value.map((v) => `Authorization: ${v}\r\n`),
    contentType: fc.constantFrom('Content-Type: application/json\r\n', 'Content-Type: text/plain\r\n', 'Content-Type: application/x-www-form-urlencoded\r\n'),
    forwarded: value.map((v) => `X-Forwarded-For: ${v}\r\n`),
    junk: fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,12}$/), value).map(([k, v]) => `${k}: ${v}\r\n`),
  },
  { requiredKeys: [] },
);
const bodies = fc.oneof(fc.constant(''), fc.string({ maxLength: 300 }), fc.json({ maxDepth: 3 }), fc.constant('{"name":"e","channels":["c"],"data":"{}"}'), fc.constant('token=nope'));

interface FuzzRequest {
  method: string;
  target: string;
  headers: string;
  body: string;
  framing: 'length' | 'chunked' | 'none';
}

const requests = fc
  .record({ method: methods, path: paths, query: queries, headers: headerSets, body: bodies, framing: fc.constantFrom('length', 'chunked', 'none') as fc.Arbitrary<FuzzRequest['framing']> })
  .map(({ method, path, query, headers, body, framing }) => ({ method, target: `${path}${query}`, headers: Object.values(headers).join(''), body, framing }));

/** The request as bytes: always complete (a Content-Length that matches, or a finished chunked body). */
function encode(request: FuzzRequest): Buffer {
  const body = Buffer.from(request.body);
  let framing = '';
  let payload: Buffer = Buffer.alloc(0);
  if (request.framing === 'length' || (request.framing === 'none' && body.length > 0)) {
    framing = `Content-Length: ${body.length}\r\n`;
    payload = body;
  } else if (request.framing === 'chunked') {
    framing = 'Transfer-Encoding: chunked\r\n';
    const half = Math.floor(body.length / 2);
    const chunks = [body.subarray(0, half), body.subarray(half)].filter((c) => c.length > 0);
    payload = Buffer.concat([...chunks.flatMap((c) => [Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from('\r\n')]), Buffer.from('0\r\n\r\n')]);
  }
  return Buffer.concat([Buffer.from(`${request.method} ${request.target} HTTP/1.1\r\nHost: localhost\r\n${request.headers}${framing}Connection: close\r\n\r\n`, 'latin1'), payload]);
}

/** A proper answer: an HTTP status line, never a 5xx but 503 from a refusal; after a 101, nothing to check here. */
function expectProperAnswer(answer: RawAnswer, request: FuzzRequest): void {
  const context = `${request.method} ${request.target}\n${request.headers}\n→ ${answer.text.slice(0, 300)}`;
  expect(answer.status, context).toBeDefined();
  expect(answer.status!, context).toBeGreaterThanOrEqual(100);
  expect(answer.status!, context).toBeLessThan(500);
}

/** A 101 and its headers: the WebSocket side is fuzzed in fuzz.test.ts. */
const upgraded = (text: string) => text.startsWith('HTTP/1.1 101') && text.includes('\r\n\r\n');

async function listenerErrors(): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  let total = 0;
  for (const match of text.matchAll(/^pogo_websocket_listener_errors_total\{[^}]*\} (\d+)/gm)) total += Number(match[1]);
  return total;
}

async function stillUp(): Promise<void> {
  expect(server.process.exitCode).toBeNull();
  expect((await fetch(`${server.url}/up`)).status).toBe(200);
}

describe('raw HTTP/1.1 requests', () => {
  it('to the public port: always a proper answer, and the process stays up', async () => {
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const answer = await rawExchange(server.port, [encode(request)], 3_000, upgraded);
        expectProperAnswer(answer, request);
      }),
      { numRuns: 250 },
    );
    await stillUp();
    expect(await listenerErrors()).toBe(0);
  }, 120_000);

  it('to the dashboard port: always a proper answer, and the process stays up', async () => {
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const answer = await rawExchange(dashboardPort, [encode(request)], 3_000, upgraded);
        expectProperAnswer(answer, request);
      }),
      { numRuns: 200 },
    );
    await stillUp();
    expect(await listenerErrors()).toBe(0);
  }, 120_000);

  it('bytes that are not HTTP at all are answered 400 and closed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (bytes) => {
        for (const port of [server.port, dashboardPort]) {
          const answer = await rawExchange(port, [Buffer.concat([Buffer.from(bytes), Buffer.from('\r\n\r\n')])], 7_000);
          // Either a 4xx, or (for bytes that may yet become a request) closed by the header timeout.
          if (answer.status !== undefined) expect(answer.status).toBeLessThan(500);
          expect(answer.closed).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
    await stillUp();
  }, 120_000);
});
