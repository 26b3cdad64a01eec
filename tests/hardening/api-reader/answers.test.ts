// The API reader red team on the real built server's plain public port: the answers. Refusals the
// same from both readers, the 16 KiB head limit, byte-counted bodies and headers, HTTP/1.0 and
// fallback paths left to Node.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient } from '../../helpers/clients.js';
import { defaultApp, startServer, type RunningServer } from '../../helpers/server.js';
import { type Answer, Wire, apps, chunked, listenerErrors, publish, received, signedTarget, small, statuses, subscriber, up } from './support.js';

describe('the public port (plain): answers', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ apps });
  });
  afterAll(async () => {
    await server.stop();
  });
  it('answers a fallback session path under /apps/ as Node does', async () => {
    // pusher-js's fallback paths are served under any prefix; Node's path routes them to the fallback.
    const path = '/apps/x/app/test-key/123/abcdefgh/xhr_send';
    const ours = await Wire.open(server.port);
    ours.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]`);
    const theirs = await Wire.open(server.port);
    theirs.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n[]\r\n0\r\n\r\n`);
    const [a, b] = [(await ours.answersCount(1))[0], (await theirs.answersCount(1))[0]];
    ours.destroy();
    theirs.destroy();
    expect({ status: a?.status, body: a?.body }).toEqual({ status: b?.status, body: b?.body });
  });

  /** The same request twice: Content-Length framed (the reader answers) and chunked (Node's path answers). */
  async function bothWays(method: string, target: string, body: string): Promise<[Answer | undefined, Answer | undefined]> {
    const head = `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n`;
    const ours = await Wire.open(server.port);
    ours.write(`${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const theirs = await Wire.open(server.port);
    theirs.write(`${head}Transfer-Encoding: chunked\r\n\r\n${body === '' ? '0\r\n\r\n' : chunked(body)}`);
    const answers: [Answer | undefined, Answer | undefined] = [(await ours.answersCount(1))[0], (await theirs.answersCount(1))[0]];
    ours.destroy();
    theirs.destroy();
    return answers;
  }

  it('refuses bad requests with the same status and body as Node’s path', async () => {
    const event = JSON.stringify({ name: 'e', channel: 'c', data: '{}' });
    const stale = signedTarget('POST', '/apps/test-app/events', event).replace(/auth_timestamp=\d+/, 'auth_timestamp=1000');
    const cases: [string, string, string][] = [
      ['POST', '/apps/test-app/events', event],
      ['POST', stale, event],
      ['POST', signedTarget('POST', '/apps/nobody/events', event), event],
      ['GET', '/apps/test-app/events', ''],
      ['POST', '/apps/test-app/nothing', event],
      ['POST', '/apps/%ZZ/events', event],
      ['POST', signedTarget('POST', '/apps/test-app/events', event), event.replace('"c"', '"d"')],
      ['POST', signedTarget('POST', '/apps/test-app/events', '{"name":'), '{"name":'],
      ['POST', signedTarget('POST', '/apps/test-app/events', '{"name":"e","channel":"a b","data":"x"}'), '{"name":"e","channel":"a b","data":"x"}'],
      ['POST', signedTarget('POST', '/apps/small-app/events', 'x'.repeat(65), small), 'x'.repeat(65)],
      ['GET', signedTarget('GET', '/apps/test-app/channels', '', defaultApp, { info: 'user_count' }), ''],
    ];
    const mismatches: string[] = [];
    for (const [method, target, body] of cases) {
      const [ours, theirs] = await bothWays(method, target, body);
      const shape = (a: Answer | undefined) => ({ status: a?.status, body: a?.body, type: a?.headers['content-type'], dated: a?.headers.date !== undefined });
      if (JSON.stringify(shape(ours)) !== JSON.stringify(shape(theirs))) mismatches.push(`${method} ${target.slice(0, 60)}: reader ${JSON.stringify(shape(ours))} / Node ${JSON.stringify(shape(theirs))}`);
      expect(ours?.status ?? 0, `${method} ${target}`).toBeGreaterThanOrEqual(400);
    }
    expect(mismatches).toEqual([]);
  });

  it('takes a head up to the size Node would, and answers the same on either side of the 16 KiB limit', async () => {
    const sized = (size: number, framing: string) => {
      const start = `POST /apps/test-app/nothing HTTP/1.1\r\nHost: x\r\n${framing}\r\nConnection: close\r\nX-Pad: `;
      return `${start}${'a'.repeat(size - start.length - 4)}\r\n\r\n`;
    };
    const mismatches: string[] = [];
    const seen = new Set<number | undefined>();
    for (const size of [16_300, 16_380, 16_383, 16_384, 16_385, 16_390, 16_500]) {
      const ours = await Wire.open(server.port);
      ours.write(sized(size, 'Content-Length: 0'));
      const theirs = await Wire.open(server.port);
      theirs.write(`${sized(size, 'Transfer-Encoding: chunked')}0\r\n\r\n`);
      const [a, b] = [(await ours.answersCount(1))[0]?.status, (await theirs.answersCount(1))[0]?.status];
      ours.destroy();
      theirs.destroy();
      if (a !== b) mismatches.push(`${size} bytes: reader ${a}, Node ${b}`);
      seen.add(a);
    }
    expect(mismatches).toEqual([]);
    // Both sides of the limit were met: taken (404) and too large (431).
    expect([...seen].sort()).toEqual([404, 431]);
  });

  it('counts a non-ASCII answer body in bytes, with Date, Content-Type and keep-alive headers', async () => {
    const member = await RawClient.connect(server, defaultApp.key);
    const channel = 'presence-unicode';
    const channelData = JSON.stringify({ user_id: 'é✓😀', user_info: {} });
    const signature = createHmac('sha256', defaultApp.secret).update(`${member.socketId}:${channel}:${channelData}`).digest('hex');
    member.send({ event: 'pusher:subscribe', data: { channel, auth: `${defaultApp.key}:${signature}`, channel_data: channelData } });
    await member.nextEvent('pusher_internal:subscription_succeeded');
    const path = `/apps/test-app/channels/${encodeURIComponent(channel)}/users`;
    const wire = await Wire.open(server.port);
    wire.write(`GET ${signedTarget('GET', path, '')} HTTP/1.1\r\nHost: x\r\n\r\n${up}`);
    const [answer, next] = await wire.answersCount(2);
    wire.destroy();
    member.close();
    expect(answer?.status).toBe(200);
    expect(JSON.parse(answer!.body)).toEqual({ users: [{ id: 'é✓😀' }] });
    expect(Number(answer?.headers['content-length'])).toBe(Buffer.byteLength(answer!.body));
    expect(next?.status, 'the answer after it is read from the right byte').toBe(200);
    expect(answer?.headers['content-type']).toBe('application/json');
    expect(Math.abs(Date.parse(answer!.headers.date ?? '') - Date.now())).toBeLessThan(5_000);
    expect(answer?.headers.connection).toBe('keep-alive');
    expect(answer?.headers['keep-alive']).toBe('timeout=65');
  });

  it('leaves HTTP/1.0 publishes to Node: answered, delivered, and closed unless kept alive', async () => {
    const client = await subscriber(server, 'old-client');
    const closing = await Wire.open(server.port);
    closing.write(publish('old-client', 1, { version: 'HTTP/1.0' }));
    expect(statuses(await closing.answersCount(1))).toEqual([200]);
    expect(await closing.fullyClosedByServer()).toBe(true);
    const kept = await Wire.open(server.port);
    kept.write(publish('old-client', 2, { version: 'HTTP/1.0', extra: 'Connection: keep-alive\r\n' }) + publish('old-client', 3, { version: 'HTTP/1.0', extra: 'Connection: keep-alive\r\n' }));
    expect(statuses(await kept.answersCount(2))).toEqual([200, 200]);
    expect(await received(client, 3)).toEqual([1, 2, 3]);
    kept.destroy();
    closing.destroy();
    client.close();
  });

  // Last in this block: after every attack above on this server.
  it('caught no unexpected error in any listener, and the process is up', async () => {
    expect(server.process.exitCode).toBeNull();
    expect(await listenerErrors(server.url)).toBe(0);
    expect(server.output()).not.toMatch(/unexpected error|Uncaught|ERR_/);
  });
});


