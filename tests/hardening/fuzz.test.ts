// Property-based fuzzing of everything the server parses: client frames, API bodies and queries.
// Pure parsers first (fast, many runs), then the real server process (bounded runs).
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import schema from '../../config/pogo-websocket.schema.json' with { type: 'json' };
import { parseApp } from '../../server/src/config/apps.js';
import { parseClientMessage } from '../../server/src/protocol/client-message.js';
import { validatePublish, parseJsonBody } from '../../server/src/http/publish-validation.js';
import { verifyRequest } from '../../server/src/http/request-auth.js';
import { ApiError } from '../../server/src/http/respond.js';
import { RawClient } from '../helpers/clients.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';

const app = parseApp(defaultApp, 'test');
const statusNames = new Set(Object.keys(schema.publishStatus));

/** Only ApiErrors with a schema status may escape an API parser. */
function apiOutcome(run: () => unknown): string {
  try {
    run();
    return 'OK';
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    expect(statusNames.has(error.statusName)).toBe(true);
    return error.statusName;
  }
}

const eventNames = fc.constantFrom('pusher:subscribe', 'pusher:unsubscribe', 'pusher:signin', 'pusher:ping', 'pusher:pong', 'client-x', 'pusher:nope', '');
const clientFrame = fc.oneof(
  fc.string(),
  fc.json(),
  fc.record({ event: eventNames, channel: fc.oneof(fc.string(), fc.constant('private-a'), fc.constant('presence-b'), fc.integer()), data: fc.jsonValue() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ event: eventNames, data: fc.record({ channel: fc.string(), auth: fc.string(), channel_data: fc.string(), user_data: fc.string() }, { requiredKeys: [] }) }).map((v) => JSON.stringify(v)),
);

describe('pure parsers', () => {
  it('parseClientMessage never throws and always says why it refuses', () => {
    fc.assert(
      fc.property(clientFrame, (raw) => {
        const result = parseClientMessage(raw);
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
        else expect(typeof result.message.event).toBe('string');
      }),
      { numRuns: 3000 },
    );
  });

  it('API bodies are accepted or refused with a schema status, never anything else', () => {
    const event = fc.record(
      {
        name: fc.oneof(fc.string(), fc.constant('order.shipped'), fc.integer()),
        data: fc.oneof(fc.string(), fc.jsonValue()),
        channels: fc.oneof(fc.array(fc.oneof(fc.string(), fc.constant('news'), fc.integer()), { maxLength: 120 }), fc.string()),
        channel: fc.oneof(fc.string(), fc.constant('news')),
        socket_id: fc.oneof(fc.string(), fc.constant('1.2')),
        info: fc.oneof(fc.string(), fc.constant('user_count')),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(event.map((e) => JSON.stringify(e)), fc.string(), fc.json()), (body) => {
        apiOutcome(() => validatePublish(app, parseJsonBody(Buffer.from(body)), 'channels'));
      }),
      { numRuns: 3000 },
    );
  });

  it('request signatures: arbitrary queries are refused with an auth status', () => {
    const query = fc.dictionary(fc.constantFrom('auth_key', 'auth_timestamp', 'auth_signature', 'auth_version', 'body_md5', 'x'), fc.string());
    fc.assert(
      fc.property(query, fc.string(), (params, body) => {
        const outcome = apiOutcome(() =>
          verifyRequest(app, { method: 'POST', path: '/apps/test-app/events', query: new URLSearchParams(params), body: Buffer.from(body) }),
        );
        expect(outcome).not.toBe('OK');
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the real server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers every fuzzed frame without dropping the connection or harming a bystander', async () => {
    const bystander = await RawClient.connect(server, defaultApp.key);
    bystander.send({ event: 'pusher:subscribe', data: { channel: 'bystander' } });
    await bystander.nextEvent('pusher_internal:subscription_succeeded');
    await fc.assert(
      fc.asyncProperty(fc.array(clientFrame, { minLength: 1, maxLength: 20 }), async (frames) => {
        const client = await RawClient.connect(server, defaultApp.key);
        for (const frame of frames) client.send(frame);
        client.send({ event: 'pusher:ping' });
        await client.nextEvent('pusher:pong');
        for (const message of client.log) {
          if (message.event === 'pusher:error') expect((message.data as { code: number }).code).toBeGreaterThanOrEqual(4000);
        }
        client.close();
      }),
      { numRuns: 60 },
    );
    bystander.send({ event: 'pusher:ping' });
    await bystander.nextEvent('pusher:pong');
    bystander.close();
  }, 60_000);

  it('answers every fuzzed, correctly signed API body with 200 or a schema error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string(), fc.record({ name: fc.string(), data: fc.string(), channels: fc.array(fc.string(), { maxLength: 3 }) }).map((e) => JSON.stringify(e))), async (body) => {
        const params: Record<string, string> = {
          auth_key: defaultApp.key,
          auth_timestamp: String(Math.floor(Date.now() / 1000)),
          auth_version: '1.0',
          body_md5: createHash('md5').update(body).digest('hex'),
        };
        const query = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
        const signature = createHmac('sha256', defaultApp.secret).update(`POST\n/apps/test-app/events\n${query}`).digest('hex');
        const response = await fetch(`${server.url}/apps/test-app/events?${query}&auth_signature=${signature}`, { method: 'POST', body });
        const answer = (await response.json()) as { name?: string };
        if (response.status !== 200) {
          expect(statusNames.has(answer.name!)).toBe(true);
          expect(response.status).toBeLessThan(500);
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
