// The API reader red team (server/src/http/request-head.ts, api-connections.ts) on the real built
// server's plain public port: hand-offs between the server's reader and Node's, pipelining split at
// any byte, late readers, half-closing clients, and the sockets it ends.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient, sleep } from '../../helpers/clients.js';
import { defaultApp, startServer, type RunningServer } from '../../helpers/server.js';
import { type Answer, Wire, apps, chunked, clientFrame, limited, listenerErrors, publish, received, signedTarget, statuses, subscriber, up, upgrade } from './support.js';

describe('the public port (plain)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ apps });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('closes the socket it ends after a Connection: close answer, as Node does, not only its own side', async () => {
    // Control: Node's own path (GET /up) closes the socket: bytes sent after its FIN are reset.
    const control = await Wire.open(server.port);
    control.write('GET /up HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(await control.fullyClosedByServer()).toBe(true);
    // The reader's answer to a publish with Connection: close must do the same; a half-open socket
    // left behind is held by nobody: no timeout ever ends it, and the graceful stop waits for it.
    const wire = await Wire.open(server.port);
    wire.write(publish('closing', 1, { extra: 'Connection: close\r\n' }));
    expect(statuses(await wire.answersCount(1))).toEqual([200]);
    expect(wire.answers()[0]?.headers.connection).toBe('close');
    const closed = await wire.fullyClosedByServer();
    wire.destroy();
    expect(closed, 'the server left its socket half-open after `Connection: close` (socket.end without destroySoon)').toBe(true);
  });

  it('closes the socket of an unsigned request refused before its body arrived', async () => {
    const wire = await Wire.open(server.port);
    wire.write('POST /apps/test-app/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"na');
    expect(statuses(await wire.answersCount(1))).toEqual([401]);
    const closed = await wire.fullyClosedByServer();
    wire.destroy();
    expect(closed, 'the server left its socket half-open after a refusal that ends the connection').toBe(true);
  });

  it('answers every request a client pipelined before half-closing, as Node does', async () => {
    // Control: three requests Node reads, then the client's FIN: three answers.
    const control = await Wire.open(server.port);
    control.write(up + up + up);
    control.socket.end();
    expect(statuses(await control.answersCount(3))).toEqual([200, 200, 200]);
    control.destroy();
    const client = await subscriber(server, 'half-closed');
    const wire = await Wire.open(server.port);
    wire.write(publish('half-closed', 1) + publish('half-closed', 2) + up + publish('half-closed', 3));
    wire.socket.end();
    await wire.until(() => wire.closed || wire.serverEnded, 5_000);
    await sleep(200);
    expect(statuses(wire.answers()), 'requests sent before the FIN were dropped unanswered').toEqual([200, 200, 200, 200]);
    expect(await received(client, 3)).toEqual([1, 2, 3]);
    wire.destroy();
    client.close();
  });

  it('reads the same requests whatever byte the stream is split at, across a hand-off to Node and back', async () => {
    const client = await subscriber(server, 'split');
    const stream = Buffer.from(publish('split', 1) + up + publish('split', 2), 'latin1');
    const points = Array.from({ length: stream.length - 1 }, (_, i) => i + 1);
    const bad: string[] = [];
    for (let from = 0; from < points.length; from += 40) {
      await Promise.all(
        points.slice(from, from + 40).map(async (at) => {
          const wire = await Wire.open(server.port);
          wire.write(stream.subarray(0, at));
          await sleep(20);
          wire.write(stream.subarray(at));
          const got = statuses(await wire.answersCount(3, 5_000));
          wire.destroy();
          if (got.join() !== '200,200,200') bad.push(`split at ${at}: ${got.join()}`);
        }),
      );
    }
    expect(bad).toEqual([]);
    let delivered = 0;
    while (delivered < points.length * 2) {
      await client.nextEvent('e', 5_000);
      delivered++;
    }
    await sleep(200);
    expect(client.unreadOf('e')).toEqual([]);
    client.close();
  }, 40_000);

  /**
   * 150 pipelined channel queries whose answers (~70 KB each) far exceed the socket buffers, read only
   * after 1.5 s: the reader waits for 'drain' between answers while the rest of the pipeline is held.
   * `halfClose`: the client sends its FIN right after the requests. Resolves with the answers it got.
   */
  async function lateReader(tag: string, halfClose: boolean, viaNode: boolean): Promise<Answer[]> {
    const member = await RawClient.connect(server, defaultApp.key);
    const prefix = `drain-${tag}-`;
    const names = Array.from({ length: 400 }, (_, i) => `${prefix}${'x'.repeat(140)}-${i}`);
    for (const channel of names) member.send({ event: 'pusher:subscribe', data: { channel } });
    for (let i = 0; i < names.length; i++) await member.nextEvent('pusher_internal:subscription_succeeded');
    const target = signedTarget('GET', '/apps/test-app/channels', '', defaultApp, { filter_by_prefix: prefix });
    const wire = await Wire.open(server.port);
    wire.socket.pause();
    wire.write(`GET ${target} HTTP/1.1\r\nHost: x\r\n${viaNode ? 'Transfer-Encoding: chunked\r\n\r\n0\r\n' : ''}\r\n`.repeat(150));
    if (halfClose) wire.socket.end();
    await sleep(1_500);
    wire.socket.resume();
    await wire.until(() => wire.answers().length >= 150 || wire.closed || wire.serverEnded, 15_000);
    await sleep(300);
    const answers = wire.answers();
    wire.destroy();
    member.close();
    expect(answers.every((a) => a.status === 200 && Object.keys((JSON.parse(a.body) as { channels: object }).channels).length === 400)).toBe(true);
    return answers;
  }

  it('answers every pipelined request of a client that reads its answers late', async () => {
    expect((await lateReader('dk', false, false)).length).toBe(150);
  }, 20_000);

  it('answers a late reader that half-closed at least as fully as Node’s path does', async () => {
    // Node (httpAllowHalfOpen off) ends the connection at the FIN: what it had not answered yet is
    // dropped. The reader may drop the same, never more, and answers in order up to where it stops.
    const [reader, node] = await Promise.all([lateReader('dh', true, false), lateReader('dn', true, true)]);
    expect(reader.length).toBeGreaterThanOrEqual(1);
    expect(reader.length).toBeGreaterThanOrEqual(node.length - 5);
  }, 20_000);

  it('answers any mix of pipelined requests, in any chunking, in order and as each reader should', async () => {
    // Requests the reader takes and ones it hands to Node, with what each must be answered.
    const kinds: [string, () => string, number][] = [
      ['publish', () => publish('mix', 0), 200],
      ['chunked publish', () => publish('mix', 0, { chunked: true }), 200],
      ['HTTP/1.0 keep-alive publish', () => publish('mix', 0, { version: 'HTTP/1.0', extra: 'Connection: keep-alive\r\n' }), 200],
      ['/up', () => up, 200],
      ['channels', () => `GET ${signedTarget('GET', '/apps/test-app/channels', '')} HTTP/1.1\r\nHost: x\r\n\r\n`, 200],
      ['not found', () => 'POST /apps/test-app/nothing HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello', 404],
      ['wrong method', () => 'GET /apps/test-app/events HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n', 405],
      ['empty POST', () => 'POST /apps/test-app/nothing HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n', 404],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(kinds.length - 1), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
        async (picked, upgradeAsked, cuts) => {
          // Only behind requests the reader takes: once Node has the connection, it emits an upgrade
          // while an earlier answer is still pending, which then lands inside the WebSocket stream
          // (Node's path, as before the reader; not the reader's doing).
          const upgradeLast = upgradeAsked && !picked.some((i) => i === 1 || i === 2 || i === 3);
          const stream = Buffer.from(picked.map((i) => kinds[i]![1]()).join('') + (upgradeLast ? upgrade() : ''), 'latin1');
          const points = [...new Set(cuts.map((c) => Math.floor(c * stream.length)))].filter((p) => p > 0 && p < stream.length).sort((a, b) => a - b);
          const wire = await Wire.open(server.port);
          let from = 0;
          for (const at of [...points, stream.length]) {
            wire.write(stream.subarray(from, at));
            from = at;
            await sleep(5);
          }
          const expected = [...picked.map((i) => kinds[i]![2]), ...(upgradeLast ? [101] : [])];
          const got = statuses(await wire.answersCount(expected.length, 5_000));
          wire.destroy();
          expect(got, `${picked.map((i) => kinds[i]![0]).join(' + ')}${upgradeLast ? ' + upgrade' : ''} cut at ${points.join()}`).toEqual(expected);
        },
      ),
      { numRuns: 150, seed: 20261130 },
    );
  }, 30_000);

  it('hands a pipelined WebSocket upgrade (and the frame sent with it) to Node after an API request', async () => {
    const client = await subscriber(server, 'upgrade-after');
    const wire = await Wire.open(server.port);
    wire.write(Buffer.concat([Buffer.from(publish('upgrade-after', 1) + upgrade(), 'latin1'), clientFrame('{"event":"pusher:ping","data":{}}')]));
    expect(await wire.until(() => wire.bytes().includes('pusher:pong'), 5_000), wire.bytes().toString('latin1')).toBe(true);
    expect(statuses(wire.answers())).toEqual([200, 101]);
    expect(wire.bytes().toString('latin1')).toContain('pusher:connection_established');
    expect(await received(client, 1)).toEqual([1]);
    wire.destroy();
    client.close();
  });

  it('hands a chunked publish to Node mid-connection; Node reads it and the next one in order', async () => {
    const client = await subscriber(server, 'chunked-after');
    const wire = await Wire.open(server.port);
    wire.write(publish('chunked-after', 1) + publish('chunked-after', 2, { chunked: true }) + publish('chunked-after', 3));
    expect(statuses(await wire.answersCount(3))).toEqual([200, 200, 200]);
    expect(await received(client, 3)).toEqual([1, 2, 3]);
    wire.destroy();
    client.close();
  });

  it('hands off with more than a request held and reading paused: Node reads the rest in step', async () => {
    // ~100 KB of chunked batch behind a publish whose answer is pending: the reader holds what it
    // may, pauses, answers, then hands all of it to Node, which must frame the rest exactly.
    const batch = JSON.stringify({ batch: Array.from({ length: 10 }, (_, i) => ({ name: 'e', channel: `big-${i}`, data: 'y'.repeat(10_000) })) });
    const target = signedTarget('POST', '/apps/test-app/batch_events', batch);
    const wire = await Wire.open(server.port);
    wire.write(`${publish('held', 1)}POST ${target} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunked(batch)}${up}`);
    expect(statuses(await wire.answersCount(3))).toEqual([200, 200, 200]);
    wire.destroy();
  });

  it('sends the same 429 (status, body, Retry-After) from both readers', async () => {
    const event = JSON.stringify({ name: 'e', channel: 'c', data: '{}' });
    const send = async (viaNode: boolean) => {
      const wire = await Wire.open(server.port);
      const framing = viaNode ? `Transfer-Encoding: chunked\r\n\r\n${chunked(event)}` : `Content-Length: ${event.length}\r\n\r\n${event}`;
      wire.write(`POST ${signedTarget('POST', '/apps/limited-app/events', event, limited)} HTTP/1.1\r\nHost: x\r\n${framing}`);
      const [answer] = await wire.answersCount(1);
      wire.destroy();
      return { status: answer?.status, body: answer?.body, retryAfter: answer?.headers['retry-after'] };
    };
    await send(false);
    const [ours, theirs] = [await send(false), await send(true)];
    expect(ours.status).toBe(429);
    expect(ours).toEqual(theirs);
  });

  it('treats a GET body that looks like a request as body, not as a second request', async () => {
    const inner = 'GET /apps/test-app/channels HTTP/1.1\r\nHost: x\r\n\r\n';
    const target = signedTarget('GET', '/apps/test-app/channels', inner);
    const wire = await Wire.open(server.port);
    wire.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: ${inner.length}\r\n\r\n${inner}${up}`);
    const got = await wire.answersCount(2);
    await sleep(300);
    wire.destroy();
    expect(statuses(wire.answers())).toEqual([200, 200]);
    expect(JSON.parse(got[0]!.body)).toHaveProperty('channels');
  });

  it('caught no unexpected error in any listener, and the process is up', async () => {
    expect(server.process.exitCode).toBeNull();
    expect(await listenerErrors(server.url)).toBe(0);
    expect(server.output()).not.toMatch(/unexpected error|Uncaught|ERR_/);
  });
});
