// onConnectionProblem against every way pusher-js 8 surfaces a close, driven by a scripted Pusher-protocol peer
// (a plain `ws` server whose app key names the script): codes the Pogo server sends today and the ones the
// protocol allows (4300+ closes, unknown codes, 1000, abrupt 1006), with the real pusher-js and Echo.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { connectionState, createEcho, onConnectionProblem, type ConnectionProblem, type PogoEcho } from '../../src-ts/src/index';
import { sleep, until } from './helpers';

const schema = JSON.parse(readFileSync(new URL('../../config/pogo-websocket.schema.json', import.meta.url), 'utf8'));
const established = (socket: WebSocket) =>
  socket.send(JSON.stringify({ event: 'pusher:connection_established', data: JSON.stringify({ socket_id: '1.1', activity_timeout: 120 }) }));
const pusherError = (socket: WebSocket, code: number, message: string) =>
  socket.send(JSON.stringify({ event: 'pusher:error', data: { code, message } }));

// The first connection of each script misbehaves; later ones (pusher-js reconnecting) are simply accepted.
const scripts: Record<string, (socket: WebSocket) => void> = {
  'close-4301': (s) => {
    established(s);
    setTimeout(() => s.close(4301, 'rate limited'), 50);
  },
  'close-4201': (s) => {
    established(s);
    setTimeout(() => s.close(4201, 'pong'), 50);
  },
  'close-4199': (s) => {
    established(s);
    setTimeout(() => s.close(4199, 'something new'), 50);
  },
  'close-1000': (s) => {
    established(s);
    setTimeout(() => s.close(1000), 50);
  },
  'drop-1006': (s) => {
    established(s);
    setTimeout(() => s.terminate(), 50);
  },
  'error-4302': (s) => {
    established(s);
    setTimeout(() => pusherError(s, 4302, 'Unknown event: pusher:nope'), 50);
  },
  'announce-4100': (s) => {
    established(s);
    setTimeout(() => {
      pusherError(s, 4100, 'Over capacity');
      setTimeout(() => s.close(4100, 'Over capacity'), 20);
    }, 50);
  },
  'refuse-4009': (s) => {
    pusherError(s, 4009, 'Connection is unauthorized');
    s.close(4009, 'Connection is unauthorized');
  },
};

let peer: WebSocketServer;
let port: number;
const seenKeys = new Set<string>();
const opened: PogoEcho[] = [];

beforeAll(async () => {
  peer = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  peer.on('connection', (socket, request) => {
    const key = /\/app\/([^?]+)/.exec(request.url ?? '')?.[1] ?? '';
    if (seenKeys.has(key) || !scripts[key]) return established(socket);
    seenKeys.add(key);
    scripts[key]!(socket);
  });
  await new Promise((resolve) => peer.once('listening', resolve));
  port = (peer.address() as AddressInfo).port;
});
afterEach(() => {
  for (const echo of opened.splice(0)) echo.disconnect();
});
afterAll(async () => {
  for (const socket of peer.clients) socket.terminate();
  await new Promise<void>((resolve) => peer.close(() => resolve()));
});

async function problemsFor(key: string, settleMs = 600): Promise<{ echo: PogoEcho; problems: ConnectionProblem[] }> {
  const echo = createEcho({
    env: { VITE_POGO_APP_KEY: key, VITE_POGO_HOST: '127.0.0.1', VITE_POGO_PORT: String(port), VITE_POGO_SCHEME: 'http' },
    echo: { enabledTransports: ['ws'] },
  });
  opened.push(echo);
  const problems: ConnectionProblem[] = [];
  onConnectionProblem(echo, (problem) => problems.push(problem));
  await until(`a report for ${key}`, () => problems.length > 0);
  await sleep(settleMs); // any duplicate would arrive in this window
  return { echo, problems };
}

const pick = ({ kind, code, name, action, willReconnect }: ConnectionProblem) => ({ kind, code, name, action, willReconnect });

test('a pusher:error code used as a close code (4301): refused, pusher-js stops', async () => {
  const { echo, problems } = await problemsFor('close-4301');
  expect(problems.map(pick)).toEqual([
    { kind: 'closed', code: 4301, name: 'CLIENT_EVENT_RATE_LIMIT', action: 'refuse', willReconnect: false },
  ]);
  expect(problems[0]!.message).toBe(schema.errorCodes.CLIENT_EVENT_RATE_LIMIT.message);
  expect(problems[0]!.serverMessage).toBe('rate limited');
  expect(connectionState(echo)).toBe('disconnected');
});

test('4201 PONG_NOT_RECEIVED: retry, and it reconnects', async () => {
  const { echo, problems } = await problemsFor('close-4201');
  expect(problems.map(pick)).toEqual([{ kind: 'closed', code: 4201, name: 'PONG_NOT_RECEIVED', action: 'retry', willReconnect: true }]);
  await until('reconnected', () => connectionState(echo) === 'connected');
});

test('an unknown code in the backoff range (4199): described by its range', async () => {
  const { problems } = await problemsFor('close-4199', 1_500);
  expect(problems.map(pick)).toEqual([{ kind: 'closed', code: 4199, name: null, action: 'backoff', willReconnect: true }]);
  expect(problems[0]!.message).toContain('4199');
});

test('a clean close without a code (1000): one "connection lost" report, then reconnected', async () => {
  const { echo, problems } = await problemsFor('close-1000');
  expect(problems.map(pick)).toEqual([{ kind: 'closed', code: null, name: null, action: 'retry', willReconnect: true }]);
  expect(problems[0]!.message).toMatch(/Connection lost/);
  await until('reconnected', () => connectionState(echo) === 'connected');
});

test('an abrupt drop (1006): reported once, then reconnected', async () => {
  const { echo, problems } = await problemsFor('drop-1006', 1_500);
  expect(problems.map(pick)).toEqual([{ kind: 'closed', code: 1006, name: null, action: 'retry', willReconnect: true }]);
  await until('reconnected', () => connectionState(echo) === 'connected');
});

test('a pusher:error on a live connection (4302): an error, still connected', async () => {
  const { echo, problems } = await problemsFor('error-4302');
  expect(problems.map(pick)).toEqual([{ kind: 'error', code: 4302, name: 'UNKNOWN_EVENT', action: null, willReconnect: true }]);
  expect(problems[0]!.serverMessage).toBe('Unknown event: pusher:nope');
  expect(connectionState(echo)).toBe('connected');
});

test('a pusher:error announcing a close, then the close (4100): one report', async () => {
  const { problems } = await problemsFor('announce-4100');
  expect(problems.map(pick)).toEqual([{ kind: 'closed', code: 4100, name: 'OVER_CAPACITY', action: 'backoff', willReconnect: true }]);
});

test('refused during the handshake (4009): one report, pusher-js stops', async () => {
  const { echo, problems } = await problemsFor('refuse-4009');
  expect(problems.map(pick)).toEqual([{ kind: 'closed', code: 4009, name: 'UNAUTHORIZED', action: 'refuse', willReconnect: false }]);
  expect(connectionState(echo)).toBe('disconnected');
});
