// Requests no real client sends, over bare sockets: each gets a proper answer (an HTTP status
// or a close code) and the process stays up for everyone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import schema from '../../config/pogo-websocket.schema.json' with { type: 'json' };
import { RawClient } from '../helpers/clients.js';
import { jsonBody, rawExchange } from '../helpers/raw-http.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';

const framed = { id: 'framed', key: 'framed-key', secret: 'fs', limits: { maxFrameBytes: 1000, maxHttpBodyBytes: 2000 } };
const dashboardToken = 'dashboard-token-0123456789';
let server: RunningServer;
let dashboardPort = 0;

beforeAll(async () => {
  server = await startServer({ apps: [defaultApp, framed], dashboard: { token: dashboardToken, port: 0 } });
  dashboardPort = Number(/dashboard on http:\/\/[^:]+:(\d+)/.exec(server.output())![1]);
});
afterAll(async () => {
  await server.stop();
});

const upgradeHeaders = 'Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';

async function stillUp(): Promise<void> {
  expect(server.process.exitCode).toBeNull();
  const up = await fetch(`${server.url}/up`);
  expect(up.status).toBe(200);
}

describe('upgrade requests the URL parser refuses', () => {
  it.each(['//', '/app/%E0%A4%A?protocol=7', '/app/test-key%?protocol=7', 'http://[::1', '/app/\u00ff?protocol=7'])(
    'GET %s as an upgrade is answered, and the server stays up',
    async (target) => {
      const answer = await rawExchange(server.port, [`GET ${target} HTTP/1.1\r\n${upgradeHeaders}`], 1_000);
      // Either refused over HTTP, or upgraded and closed with a schema close code.
      const refusedOverHttp = answer.status !== undefined && answer.status >= 400 && answer.status < 500;
      const closedWithCode = answer.status === 101 && /"code\\?":\s*40\d\d/.test(answer.text);
      expect(refusedOverHttp || closedWithCode, answer.text.slice(0, 300)).toBe(true);
      await stillUp();
    },
  );

  it('a bystander keeps its connection through them', async () => {
    const bystander = await RawClient.connect(server, defaultApp.key);
    await rawExchange(server.port, [`GET // HTTP/1.1\r\n${upgradeHeaders}`], 1_000);
    await rawExchange(server.port, [`GET /app/%E0%A4%A?protocol=7 HTTP/1.1\r\n${upgradeHeaders}`], 1_000);
    bystander.send({ event: 'pusher:ping' });
    await bystander.nextEvent('pusher:pong');
    bystander.close();
  });

  it('a refused upgrade followed by a malformed frame (found by the HTTP fuzz) does not stop the process', async () => {
    // protocol=x is refused after the upgrade; the byte 0xF1 sets RSV2/RSV3, which ws reports as an error.
    await rawExchange(server.port, [`GET /app/test-key?protocol=x HTTP/1.1\r\n${upgradeHeaders}`, Buffer.from([0xf1, 0x80, 0, 0, 0, 0])], 1_000);
    await rawExchange(server.port, [`GET /nowhere HTTP/1.1\r\n${upgradeHeaders}`, Buffer.from([0xf1, 0x80, 0, 0, 0, 0])], 1_000);
    await stillUp();
  });

  it('the dashboard on its own port answers GET // (and a malformed escape) and stays up', async () => {
    for (const target of ['//', '/dashboard/%E0%A4%A', '//x/../..']) {
      const answer = await rawExchange(dashboardPort, [`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`], 3_000);
      expect(answer.status, `${target}: ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    }
    await stillUp();
    expect((await fetch(`http://127.0.0.1:${dashboardPort}/dashboard/api/overview`, { headers: { Authorization: `Bearer ${dashboardToken}` } })).status).toBe(200);
  });
});

describe('the HTTP API', () => {
  it('answers a malformed % escape in the path with 400, not a retryable 503', async () => {
    for (const path of ['/apps/%E0%A4%A/events', '/apps/test-app/channels/%E0%A4%A']) {
      const method = path.endsWith('events') ? 'POST' : 'GET';
      const response = await fetch(`${server.url}${path}?auth_key=x`, { method, body: method === 'POST' ? '{}' : undefined });
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as { name: string };
      expect(body.name).toBe('INVALID_PATH');
    }
  });

  it('answers a chunked body over the limit with 413 JSON instead of resetting the connection', async () => {
    const chunk = 'a'.repeat(1000);
    const chunks = Array.from({ length: 5 }, () => `${(1000).toString(16)}\r\n${chunk}\r\n`);
    // Signed or not, the answer must be a proper one; this request is unsigned, so the query is refused first
    // unless the signature is checked after the body: either way never a reset.
    const { createHash, createHmac } = await import('node:crypto');
    const params = `auth_key=${framed.key}&auth_timestamp=${Math.floor(Date.now() / 1000)}&auth_version=1.0&body_md5=${createHash('md5').update('x').digest('hex')}`;
    const signature = createHmac('sha256', framed.secret).update(`POST\n/apps/framed/events\n${params}`).digest('hex');
    const answer = await rawExchange(
      server.port,
      [`POST /apps/framed/events?${params}&auth_signature=${signature} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, ...chunks.flatMap((c) => [c, 20]), '0\r\n\r\n'],
      5_000,
    );
    expect(answer.status, answer.text.slice(0, 300)).toBe(413);
    expect(jsonBody(answer)).toMatchObject({ name: 'BODY_TOO_LARGE' });
  });

  it('checks the query signature before reading a body: a slow unsigned body is refused at once', async () => {
    const answer = await rawExchange(
      server.port,
      ['POST /apps/test-app/events?auth_key=test-key&auth_timestamp=1&auth_signature=00 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n{', 4_000, '"'],
      6_000,
    );
    expect(answer.status).toBe(401);
    expect(answer.firstByteMs).toBeLessThan(3_000);
  });
});

describe('idle and half-sent connections', () => {
  it('closes a TCP connection that never sends a byte within a few seconds', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => rawExchange(server.port, [], 15_000)));
    for (const answer of answers) {
      expect(answer.closed).toBe(true);
      expect(answer.elapsedMs).toBeLessThan(12_000);
    }
    await stillUp();
  }, 20_000);

  it('closes an upgrade whose headers never finish, and the dashboard port does the same', async () => {
    const [api, dashboard] = await Promise.all([
      rawExchange(server.port, ['GET /app/test-key?protocol=7 HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n'], 15_000),
      rawExchange(dashboardPort, ['GET /dashboard/ HTTP/1.1\r\n'], 15_000),
    ]);
    expect(api.closed).toBe(true);
    expect(api.elapsedMs).toBeLessThan(12_000);
    expect(dashboard.closed).toBe(true);
    expect(dashboard.elapsedMs).toBeLessThan(12_000);
    await stillUp();
  }, 20_000);
});

describe('an oversized frame', () => {
  it('is answered with the 4303 pusher:error before the close, so the client can read why', async () => {
    const client = await RawClient.connect(server, framed.key);
    client.send(JSON.stringify({ event: 'client-big', channel: 'x', data: 'y'.repeat(70_000) }));
    const closed = await client.closed;
    expect(closed.code).toBe(1009);
    const error = client.log.find((m) => m.event === 'pusher:error');
    expect(error?.data).toMatchObject({ code: schema.errorCodes.MESSAGE_TOO_LARGE.code });
  });

  it('one over the app limit but under the largest app limit is refused with 4303 and the connection stays', async () => {
    const client = await RawClient.connect(server, framed.key);
    client.send(JSON.stringify({ event: 'client-big', channel: 'x', data: 'y'.repeat(2_000) }));
    const error = await client.nextEvent('pusher:error');
    expect(error.data).toMatchObject({ code: schema.errorCodes.MESSAGE_TOO_LARGE.code });
    client.send({ event: 'pusher:ping' });
    await client.nextEvent('pusher:pong');
    client.close();
  });
});
