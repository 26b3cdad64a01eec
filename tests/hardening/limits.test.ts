// Abuse limits, each attacked: the offender is refused with the schema's code, everyone else is untouched.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import schema from '../../config/pogo-websocket.schema.json' with { type: 'json' };
import { RawClient, sdk, sleep } from '../helpers/clients.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';

let server: RunningServer;
const throttled = { id: 'throttled', key: 'throttled-key', secret: 'ts', limits: { handshakesPerSecondPerIp: 2, handshakeBurstPerIp: 4 } };
const capped = { id: 'capped', key: 'capped-key', secret: 'cs', limits: { maxConnections: 3 } };
const api = { id: 'api', key: 'api-key', secret: 'as', limits: { httpRequestsPerSecond: 2, httpRequestBurst: 5 } };
const framed = { id: 'framed', key: 'framed-key', secret: 'fs', limits: { maxFrameBytes: 1000 } };
const open = { id: 'open', key: 'open-key', secret: 'os', allowedOrigins: ['*'] };
const slow = { id: 'slow', key: 'slow-key', secret: 'ss', limits: { maxOutboundBufferBytes: 65536 } };

beforeAll(async () => {
  server = await startServer({ apps: [defaultApp, throttled, capped, api, framed, open, slow], trustedProxies: ['127.0.0.1'] });
});
afterAll(async () => {
  await server.stop();
});

/** Opens a WebSocket and reports how the server answered: established, an HTTP status, or a close code. */
function attempt(key: string, headers: Record<string, string> = {}): Promise<{ outcome: 'open' | 'http' | 'closed'; status?: number; ws?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${server.host}:${server.port}/app/${key}?protocol=7`, { headers });
    ws.on('unexpected-response', (_req, res) => resolve({ outcome: 'http', status: res.statusCode }));
    ws.on('message', (raw) => {
      if (JSON.parse(raw.toString()).event === 'pusher:connection_established') resolve({ outcome: 'open', ws });
    });
    ws.on('close', (code) => resolve({ outcome: 'closed', status: code }));
    ws.on('error', () => {});
  });
}

describe('handshake rate per IP', () => {
  it('refuses a burst past the bucket with 429, keeps the admitted ones, and admits again after a pause', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => attempt(throttled.key)));
    const admitted = results.filter((r) => r.outcome === 'open');
    const refused = results.filter((r) => r.outcome === 'http');
    expect(admitted.length).toBe(4);
    expect(refused.every((r) => r.status === 429)).toBe(true);
    expect(refused.length).toBe(6);
    // The default app is a different bucket, and the admitted sockets still work.
    expect((await attempt(defaultApp.key)).outcome).toBe('open');
    admitted[0]!.ws!.send(JSON.stringify({ event: 'pusher:ping' }));
    await new Promise((resolve) => admitted[0]!.ws!.once('message', resolve));
    await sleep(1100);
    expect((await attempt(throttled.key)).outcome).toBe('open');
  });

  it('counts each client behind a trusted proxy by X-Forwarded-For', async () => {
    await sleep(2100);
    const viaProxy = await Promise.all(
      Array.from({ length: 8 }, (_, i) => attempt(throttled.key, { 'X-Forwarded-For': `203.0.113.${i}` })),
    );
    expect(viaProxy.every((r) => r.outcome === 'open')).toBe(true);
  });
});

describe('connection cap', () => {
  it('refuses connections past maxConnections with 4100 and keeps the others', async () => {
    const first = await Promise.all([1, 2, 3].map(() => RawClient.connect(server, capped.key)));
    const extra = new RawClient(`ws://${server.host}:${server.port}/app/${capped.key}?protocol=7`);
    const error = await extra.nextEvent('pusher:error');
    expect((error.data as { code: number }).code).toBe(schema.closeCodes.OVER_CAPACITY.code);
    expect((await extra.closed).code).toBe(schema.closeCodes.OVER_CAPACITY.code);
    first[0]!.send({ event: 'pusher:ping' });
    await first[0]!.nextEvent('pusher:pong');
    first[0]!.close();
    await sleep(200);
    const again = await RawClient.connect(server, capped.key);
    again.close();
    for (const c of first.slice(1)) c.close();
  });
});

describe('HTTP API rate per app', () => {
  it('answers 429 RATE_LIMITED past the burst, with Retry-After, and leaves other apps alone', async () => {
    const client = sdk(server, api);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => client.trigger('c', 'e', 'x').then((r) => r.status, (e: { status: number }) => e.status)),
    );
    expect(responses.filter((s) => s === 200).length).toBe(5);
    expect(responses.filter((s) => s === 429).length).toBe(5);
    // A signed request: only authentic requests are charged to (and refused by) the app's bucket.
    const query = `auth_key=${api.key}&auth_timestamp=${Math.floor(Date.now() / 1000)}&auth_version=1.0`;
    const signature = createHmac('sha256', api.secret).update(`GET\n/apps/api/channels\n${query}`).digest('hex');
    const refused = await fetch(`${server.url}/apps/api/channels?${query}&auth_signature=${signature}`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({ name: 'RATE_LIMITED', status: schema.publishStatus.RATE_LIMITED.status });
    expect((await sdk(server, defaultApp).trigger('c', 'e', 'x')).status).toBe(200);
  });
});

describe('origins', () => {
  it('by default admits clients without Origin and pages from the server\'s own hostname, refusing others', async () => {
    expect((await attempt(defaultApp.key)).outcome).toBe('open');
    expect((await attempt(defaultApp.key, { Origin: 'http://127.0.0.1:5173' })).outcome).toBe('open');
    const refused = await attempt(defaultApp.key, { Origin: 'https://evil.example' });
    expect(refused).toMatchObject({ outcome: 'closed', status: schema.closeCodes.ORIGIN_NOT_ALLOWED.code });
  });

  it('admits any origin when the app allows *', async () => {
    expect((await attempt(open.key, { Origin: 'https://anywhere.example' })).outcome).toBe('open');
  });
});

describe('frame size per app', () => {
  it('answers a frame over the app\'s limit with MESSAGE_TOO_LARGE and keeps the connection', async () => {
    const client = await RawClient.connect(server, framed.key);
    client.send({ event: 'pusher:subscribe', data: { channel: 'x'.repeat(10) }, padding: 'p'.repeat(1200) });
    expect((await client.nextEvent('pusher:error')).data).toMatchObject({ code: schema.errorCodes.MESSAGE_TOO_LARGE.code });
    client.send({ event: 'pusher:ping' });
    await client.nextEvent('pusher:pong');
    client.close();
  });
});

describe('slow consumers', () => {
  it('closes a client that stops reading with 4101 instead of buffering without bound; a reading client gets everything', async () => {
    const reader = await RawClient.connect(server, slow.key);
    reader.send({ event: 'pusher:subscribe', data: { channel: 'firehose' } });
    await reader.nextEvent('pusher_internal:subscription_succeeded');
    const stalled = await RawClient.connect(server, slow.key);
    stalled.send({ event: 'pusher:subscribe', data: { channel: 'firehose' } });
    await stalled.nextEvent('pusher_internal:subscription_succeeded');
    const socket = (stalled.ws as unknown as { _socket: import('node:net').Socket })._socket;
    socket.pause();

    const publisher = sdk(server, slow);
    const data = 'x'.repeat(9000);
    const batches = 120; // ~10 MB: more than loopback socket buffers absorb
    let received = 0;
    reader.ws.on('message', () => received++);
    for (let i = 0; i < batches; i++) {
      await publisher.triggerBatch(Array.from({ length: 10 }, () => ({ channel: 'firehose', name: 'chunk', data })));
    }
    socket.resume();
    expect((await stalled.closed).code).toBe(schema.closeCodes.SLOW_CONSUMER.code);
    await sleep(500);
    expect(received).toBe(batches * 10);
    reader.close();
  }, 30_000);
});
