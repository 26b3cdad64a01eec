// The WebSocket protocol's edges, spoken by hand: handshake refusals, malformed input, liveness.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import schema from '../../config/pogo-websocket.schema.json' with { type: 'json' };
import { RawClient } from '../helpers/clients.js';
import { schemaErrors, serverDefFor } from '../helpers/schema.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';

const codes = schema.closeCodes;
const errors = schema.errorCodes;
let server: RunningServer;
const quiet = { id: 'quiet', key: 'quiet-key', secret: 'quiet-secret', limits: { activityTimeoutSeconds: 1, pongTimeoutSeconds: 1, maxInactivitySeconds: 4 } };
const disabled = { id: 'off', key: 'off-key', secret: 'off-secret', enabled: false };
const guarded = { id: 'guarded', key: 'guarded-key', secret: 's', allowedOrigins: ['https://app.example'] };

beforeAll(async () => {
  server = await startServer({ apps: [defaultApp, quiet, disabled, guarded] });
});
afterAll(async () => {
  await server.stop();
});

async function refusal(path: string, headers: Record<string, string> = {}) {
  const client = new RawClient(`ws://${server.host}:${server.port}${path}`, headers);
  const error = await client.nextEvent('pusher:error');
  const closed = await client.closed;
  return { error: error.data as { code: number; message: string }, closed };
}

describe('handshake', () => {
  it('establishes a connection with a Pusher-style socket id and the activity timeout', async () => {
    const client = await RawClient.connect(server, defaultApp.key);
    const data = JSON.parse(client.log[0]!.data as string);
    expect(data.socket_id).toMatch(/^\d+\.\d+$/);
    expect(data.activity_timeout).toBe(schema.limits.activityTimeoutSeconds);
    client.close();
  });

  it('gives every connection a different, unguessable socket id', async () => {
    const clients = await Promise.all(Array.from({ length: 20 }, () => RawClient.connect(server, defaultApp.key)));
    const ids = new Set(clients.map((c) => c.socketId));
    expect(ids.size).toBe(20);
    for (const id of ids) expect(id.length).toBeGreaterThan(20);
    for (const c of clients) c.close();
  });

  it.each([
    ['/app/no-such-key?protocol=7', codes.APP_NOT_FOUND.code],
    ['/app/off-key?protocol=7', codes.APP_DISABLED.code],
    ['/nowhere?protocol=7', codes.PATH_NOT_FOUND.code],
    ['/app/test-key', codes.NO_PROTOCOL_VERSION.code],
    ['/app/test-key?protocol=seven', codes.INVALID_VERSION_FORMAT.code],
    ['/app/test-key?protocol=3', codes.UNSUPPORTED_PROTOCOL_VERSION.code],
    ['/app/test-key?protocol=8', codes.UNSUPPORTED_PROTOCOL_VERSION.code],
  ])('refuses %s with pusher:error and close code %i', async (path, code) => {
    const { error, closed } = await refusal(path);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(5);
    expect(closed.code).toBe(code);
  });

  it('refuses an origin the app does not allow, and accepts the one it does', async () => {
    const { closed } = await refusal('/app/guarded-key?protocol=7', { Origin: 'https://evil.example' });
    expect(closed.code).toBe(codes.ORIGIN_NOT_ALLOWED.code);
    const ok = new RawClient(`ws://${server.host}:${server.port}/app/guarded-key?protocol=7`, { Origin: 'https://app.example' });
    await ok.nextEvent('pusher:connection_established');
    ok.close();
  });

  it('sends only messages that match the shared schema', async () => {
    const client = new RawClient(`ws://${server.host}:${server.port}/app/test-key?protocol=7`);
    const established = await client.nextEvent('pusher:connection_established');
    expect(schemaErrors('server.connectionEstablished', established)).toEqual([]);
    client.send({ event: 'pusher:ping', data: {} });
    client.send('not json');
    client.send({ event: 'pusher:subscribe', data: { channel: 'private-x', auth: `test-key:${'0'.repeat(64)}` } });
    client.send({ event: 'pusher:subscribe', data: { channel: 'public' } });
    await client.nextEvent('pusher_internal:subscription_succeeded');
    for (const message of client.log) {
      expect(schemaErrors(serverDefFor(message.event), message), message.event).toEqual([]);
    }
    client.close();
  });
});

describe('malformed input never harms the connection', () => {
  it.each([
    ['invalid JSON', '{"event":', errors.BAD_MESSAGE.code],
    ['a JSON array', '[1,2]', errors.BAD_MESSAGE.code],
    ['no event', '{"data":{}}', errors.BAD_MESSAGE.code],
    ['an unknown event', '{"event":"pusher:dance"}', errors.UNKNOWN_EVENT.code],
    ['subscribe without a channel', '{"event":"pusher:subscribe","data":{}}', errors.INVALID_CHANNEL.code],
    ['a bad channel name', '{"event":"pusher:subscribe","data":{"channel":"has space"}}', errors.INVALID_CHANNEL.code],
    ['a channel name too long', JSON.stringify({ event: 'pusher:subscribe', data: { channel: 'a'.repeat(165) } }), errors.INVALID_CHANNEL.code],
  ])('answers %s with pusher:error and keeps working', async (_label, frame, code) => {
    const client = await RawClient.connect(server, defaultApp.key);
    client.send(frame);
    const error = await client.nextEvent('pusher:error');
    expect((error.data as { code: number }).code).toBe(code);
    client.send({ event: 'pusher:subscribe', data: { channel: 'still-alive' } });
    const ok = await client.nextEvent('pusher_internal:subscription_succeeded');
    expect(ok.channel).toBe('still-alive');
    client.close();
  });

  it('answers a binary frame with pusher:error and keeps working', async () => {
    const client = await RawClient.connect(server, defaultApp.key);
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    const error = await client.nextEvent('pusher:error');
    expect((error.data as { code: number }).code).toBe(errors.BAD_MESSAGE.code);
    client.send({ event: 'pusher:ping' });
    await client.nextEvent('pusher:pong');
    client.close();
  });

  it('closes with 1009 only the connection that sends an oversized frame', async () => {
    const bystander = await RawClient.connect(server, defaultApp.key);
    const client = await RawClient.connect(server, defaultApp.key);
    client.send({ event: 'client-huge', channel: 'x', data: 'x'.repeat(schema.limits.maxFrameBytes + 10) });
    const { code } = await client.closed;
    expect(code).toBe(1009);
    bystander.send({ event: 'pusher:ping' });
    await bystander.nextEvent('pusher:pong');
    bystander.close();
  });
});

describe('liveness', () => {
  it('answers pusher:ping with pusher:pong', async () => {
    const client = await RawClient.connect(server, defaultApp.key);
    client.send({ event: 'pusher:ping', data: {} });
    const pong = await client.nextEvent('pusher:pong');
    expect(pong).toEqual({ event: 'pusher:pong', data: {} });
    client.close();
  });

  it('pings a silent client, keeps it when it answers, and closes it with 4201 when it does not', async () => {
    const answering = await RawClient.connect(server, quiet.key);
    answering.ws.on('message', (raw) => {
      if (JSON.parse(raw.toString()).event === 'pusher:ping') answering.send({ event: 'pusher:pong', data: {} });
    });
    // A client that never answers, not even WebSocket pings.
    const silent = new WebSocket(`ws://${server.host}:${server.port}/app/${quiet.key}?protocol=7`, { autoPong: false });
    const pings: string[] = [];
    silent.on('message', (raw) => pings.push(JSON.parse(raw.toString()).event));
    const closed = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)));
    expect(await closed).toBe(codes.PONG_NOT_RECEIVED.code);
    expect(pings).toContain('pusher:ping');
    expect(answering.ws.readyState).toBe(WebSocket.OPEN);
    answering.close();
  }, 15_000);

  it('closes with 4202 a client that answers only WebSocket pings, never pusher:ping', async () => {
    const client = new WebSocket(`ws://${server.host}:${server.port}/app/${quiet.key}?protocol=7`); // autoPong on
    const closed = await new Promise<number>((resolve) => client.on('close', (code) => resolve(code)));
    expect(closed).toBe(codes.INACTIVITY_TIMEOUT.code);
  }, 15_000);
});
