// One admission for both transports (server/src/transport/admission.ts): a client's handshake
// budget per app and address is spent by WebSocket handshakes and HTTP fallback sessions alike,
// and maxConnections counts both. Real WebSockets and pusher-js's session protocol spoken by hand,
// against the built server; 127.0.0.1 is a trusted proxy, so X-Forwarded-For names each client.
import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import schema from '../../config/pogo-websocket.schema.json' with { type: 'json' };
import { RawClient, sleep } from '../helpers/clients';
import { startServer, type RunningServer, type TestApp } from '../helpers/server';
import { carries, messagesOf, newSession, receive, type Receive, type SessionAddress } from './session-client';

/** A burst of 4 handshakes an address, then 1 a second (the slowest rate there is: limits are integers). */
const burst = 4;
const throttled: TestApp = { id: 'throttled', key: 'throttled-key', secret: 'ts', allowedOrigins: ['http://app.test'], limits: { handshakesPerSecondPerIp: 1, handshakeBurstPerIp: burst } };
const neighbour: TestApp = { id: 'neighbour', key: 'neighbour-key', secret: 'ns', allowedOrigins: ['http://app.test'], limits: { handshakesPerSecondPerIp: 1, handshakeBurstPerIp: burst } };
const capped: TestApp = { id: 'capped', key: 'capped-key', secret: 'cs', allowedOrigins: ['http://app.test'], limits: { maxConnections: 2 } };
const origin = 'http://app.test';

let server: RunningServer;
const at = (app: TestApp): SessionAddress => ({ port: server.port, key: app.key, session: newSession() });

beforeAll(async () => {
  server = await startServer({ apps: [throttled, neighbour, capped], trustedProxies: ['127.0.0.1'] });
});
afterAll(async () => {
  await server?.stop();
});

type Attempt = { outcome: 'open'; ws: WebSocket } | { outcome: 'http'; status: number; headers: IncomingHttpHeaders; body: string } | { outcome: 'closed'; code: number };

/** A WebSocket handshake from `ip`: established, refused over HTTP before the upgrade, or closed after it. */
function webSocket(app: TestApp, ip: string): Promise<Attempt> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${server.host}:${server.port}/app/${app.key}?protocol=7&client=js&version=8.4.0`, { headers: { 'X-Forwarded-For': ip } });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ outcome: 'http', status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    ws.on('message', (raw) => {
      if (JSON.parse(raw.toString()).event === 'pusher:connection_established') resolve({ outcome: 'open', ws });
    });
    ws.on('close', (code) => resolve({ outcome: 'closed', code }));
    ws.on('error', () => {});
  });
}

/** An xhr_streaming session opened from `ip` (from the app's allowed origin), read until established or ended. */
async function session(app: TestApp, ip: string): Promise<Receive> {
  const stream = await receive(at(app), 'xhr_streaming', { 'X-Forwarded-For': ip, Origin: origin });
  // A refusal ends the answer (JSON, or `o`, pusher:error and `c[...]`); an admitted session stays open.
  await Promise.race([stream.line(carries('pusher:connection_established')).catch(() => undefined), stream.ended]);
  return stream;
}

/** What the budget could have refilled since `since` (1 a second), so a slow machine cannot fail the test. */
const refilledSince = (since: number) => Math.floor((Date.now() - since) / 1000);

/** The JSON 429 both transports answer a spent handshake budget with. */
function expectRateLimited(status: number, headers: IncomingHttpHeaders, body: string): void {
  expect(status).toBe(429);
  expect(Number(headers['retry-after'])).toBeGreaterThanOrEqual(1);
  const { status: code, message } = schema.publishStatus.RATE_LIMITED;
  expect(JSON.parse(body)).toEqual({ error: `${message}: too many connections from this address`, status: code, name: 'RATE_LIMITED' });
}

describe('one handshake budget per app and address, whatever the transport', () => {
  test('spent over WebSocket, the next xhr_streaming sessions from that address are refused 429; another app and another address are admitted', async () => {
    const ip = '203.0.113.10';
    const started = Date.now();
    const sockets = await Promise.all(Array.from({ length: burst }, () => webSocket(throttled, ip)));
    expect(sockets.map((s) => s.outcome)).toEqual(Array(burst).fill('open'));
    const sessions = await Promise.all(Array.from({ length: burst }, () => session(throttled, ip)));
    const refilled = refilledSince(started);
    const admitted = sessions.filter((s) => s.status === 200);
    const refused = sessions.filter((s) => s.status !== 200);
    // With a budget of its own (as before), every one of these sessions would have been admitted.
    expect(admitted.length).toBeLessThanOrEqual(refilled);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const r of refused) {
      expectRateLimited(r.status, r.headers, r.lines.join('\n'));
      // The refusal is the fallback's own answer: JSON with the CORS headers the page needs to read it.
      expect(r.headers['access-control-allow-origin']).toBe(origin);
    }
    // Another app is another budget (same address, both transports); another address is another budget.
    const elsewhere = [await session(neighbour, ip), await session(throttled, '203.0.113.11')];
    expect(elsewhere.map((s) => s.status)).toEqual([200, 200]);
    expect((await webSocket(neighbour, ip)).outcome).toBe('open');
    for (const s of [...admitted, ...elsewhere]) s.abort();
    for (const s of sockets) if (s.outcome === 'open') s.ws.close();
  });

  test('spent over xhr_streaming, the next WebSocket handshakes from that address are refused 429 before the upgrade', async () => {
    const ip = '203.0.113.20';
    const started = Date.now();
    const sessions = await Promise.all(Array.from({ length: burst }, () => session(throttled, ip)));
    expect(sessions.map((s) => s.status)).toEqual(Array(burst).fill(200));
    const sockets = await Promise.all(Array.from({ length: burst }, () => webSocket(throttled, ip)));
    const refilled = refilledSince(started);
    const admitted = sockets.filter((s) => s.outcome === 'open');
    const refused = sockets.filter((s) => s.outcome !== 'open');
    expect(admitted.length).toBeLessThanOrEqual(refilled);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const r of refused) {
      expect(r.outcome).toBe('http');
      if (r.outcome === 'http') expectRateLimited(r.status, r.headers, r.body);
    }
    // The admitted sessions are untouched by the refusals.
    expect(sessions.every((s) => !s.lines.some((l) => l.startsWith('c')))).toBe(true);
    expect((await webSocket(neighbour, ip)).outcome).toBe('open');
    for (const s of sessions) s.abort();
    for (const s of admitted) if (s.outcome === 'open') s.ws.close();
  });

  test('the budget refills for both transports alike, at its one rate', { timeout: 15_000 }, async () => {
    const ip = '203.0.113.30';
    const started = Date.now();
    const sockets = await Promise.all(Array.from({ length: burst }, () => webSocket(throttled, ip)));
    expect(sockets.map((s) => s.outcome)).toEqual(Array(burst).fill('open'));
    await sleep(2_200);
    // Two handshakes came back in 2.2 s, whichever transport takes them; a session and a socket, then another of each.
    const sessions = [await session(throttled, ip)];
    const again = [await webSocket(throttled, ip)];
    sessions.push(await session(throttled, ip));
    again.push(await webSocket(throttled, ip));
    const refilled = refilledSince(started);
    expect(sessions[0]!.status).toBe(200);
    expect(again[0]!.outcome).toBe('open');
    const admitted = sessions.filter((s) => s.status === 200).length + again.filter((s) => s.outcome === 'open').length;
    expect(admitted).toBeLessThanOrEqual(refilled);
    for (const s of sessions) s.abort();
    for (const s of [...sockets, ...again]) if (s.outcome === 'open') s.ws.close();
  });
});

describe('maxConnections', () => {
  test('counts WebSockets and HTTP fallback sessions together: either transport is refused with 4100 past the cap', async () => {
    const socket = await RawClient.connect(server, capped.key);
    const stream = await session(capped, '198.51.100.1');
    expect(stream.lines.some(carries('pusher:connection_established'))).toBe(true);
    // Two of two: a WebSocket is refused after the upgrade, as it is when only WebSockets fill the app.
    const extraSocket = new RawClient(`ws://${server.host}:${server.port}/app/${capped.key}?protocol=7`);
    const error = await extraSocket.nextEvent('pusher:error');
    expect((error.data as { code: number }).code).toBe(schema.closeCodes.OVER_CAPACITY.code);
    expect((await extraSocket.closed).code).toBe(schema.closeCodes.OVER_CAPACITY.code);
    // And a session with `o`, pusher:error and c[4100,…].
    const extraSession = await session(capped, '198.51.100.2');
    expect(extraSession.status).toBe(200);
    expect(extraSession.lines[1]).toBe('o');
    expect(messagesOf(extraSession.lines[2]!)[0]).toMatchObject({ event: 'pusher:error', data: { code: 4100 } });
    expect(JSON.parse(extraSession.lines[3]!.slice(1))[0]).toBe(4100);
    // The socket leaving makes room for a session (a session leaves only when it expires, 15 s later).
    socket.close();
    await sleep(300);
    const next = await session(capped, '198.51.100.3');
    expect(next.lines.some(carries('pusher:connection_established'))).toBe(true);
    stream.abort();
    next.abort();
  });
});
