// What every proxy recipe must pass, shared by the nginx and Caddy tests: a pusher-js subscription and an HTTP
// publish through the proxy, and the per-IP handshake limit counting each client by its own address.
import { connect } from 'node:net';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { connected, nextEvent, pusherClient, sdk, subscribed } from '../helpers/clients';
import type { RunningServer, TestApp } from '../helpers/server';

export const app: TestApp = { id: 'proxied', key: 'proxied-key', secret: 'proxied-secret' };
export const limited: TestApp = { id: 'limited', key: 'limited-key', secret: 'limited-secret', limits: { handshakesPerSecondPerIp: 1, handshakeBurstPerIp: 3 } };

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
export async function waitUntilListening(port: number, what: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const probe = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`nothing listens on ${port}:\n${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** pusher-js subscribes to a private channel and the official SDK publishes to it, both through `proxied`. */
export async function subscribeAndPublish(proxied: RunningServer): Promise<void> {
  const client = pusherClient(proxied, app);
  try {
    await connected(client);
    await subscribed(client, 'private-orders.1');
    const received = nextEvent<{ id: number }>(client, 'private-orders.1', 'OrderShipped');
    const response = await sdk(proxied, app).trigger('private-orders.1', 'OrderShipped', { id: 1 });
    expect(response.status).toBe(200);
    expect(await received).toEqual({ id: 1 });
  } finally {
    client.disconnect();
  }
}

/**
 * Two clients from two loopback addresses, both through the proxy (which reaches the server from 127.0.0.1 for
 * both). Client A forges a different X-Forwarded-For on every attempt: were the header trusted as sent, each
 * attempt would get a fresh bucket. Each client must get its own burst of 3, and no more.
 */
export async function eachClientHasItsOwnHandshakeLimit(proxyPort: number): Promise<void> {
  const attempt = (localAddress: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; ws?: WebSocket }>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${proxyPort}/app/${limited.key}?protocol=7`, { localAddress, headers });
      ws.on('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
      ws.on('message', (raw) => {
        if (JSON.parse(raw.toString()).event === 'pusher:connection_established') resolve({ status: 101, ws });
      });
      ws.on('error', () => resolve({ status: -1 }));
    });
  const [a, b] = await Promise.all([
    Promise.all(Array.from({ length: 6 }, (_, i) => attempt('127.0.0.2', { 'X-Forwarded-For': `203.0.113.${i + 1}` }))),
    Promise.all(Array.from({ length: 6 }, () => attempt('127.0.0.3'))),
  ]);
  for (const result of [...a, ...b]) result.ws?.close();

  const admitted = (results: { status: number }[]) => results.filter((r) => r.status === 101).length;
  // The burst is 3; one more token may refill (1 per second) on a slow machine.
  expect(admitted(a)).toBeGreaterThanOrEqual(3);
  expect(admitted(a)).toBeLessThanOrEqual(4);
  expect(admitted(b)).toBeGreaterThanOrEqual(3);
  expect(admitted(b)).toBeLessThanOrEqual(4);
  expect([...a, ...b].filter((r) => r.status !== 101).every((r) => r.status === 429)).toBe(true);
}
