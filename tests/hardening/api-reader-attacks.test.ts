// Red team for the public port's own API reader (server/src/http/request-head.ts, api-connections.ts),
// on the real built server: desync between the reader and Node's parser across a hand-off (pipelined,
// split at every byte, upgrades, chunked bodies, fallback paths), sockets it ends (fully closed, never
// left half-open and untracked), half-closing clients, timeouts, TLS, --workers 2, the graceful stop,
// the answers' headers, and refusals answered the same by both readers.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { type ConnectionOptions, connect as tlsConnect } from 'node:tls';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient, sleep } from '../helpers/clients.js';
import { defaultApp, startServer, type RunningServer, type TestApp } from '../helpers/server.js';
import { makeCa } from '../deploy/certificates.js';
import { startDeployServer, type DeployServer } from '../deploy/helpers.js';

const small: TestApp = { id: 'small-app', key: 'small-key', secret: 'small-secret', limits: { maxHttpBodyBytes: 64 } };
const limited: TestApp = { id: 'limited-app', key: 'limited-key', secret: 'limited-secret', limits: { httpRequestsPerSecond: 1, httpRequestBurst: 1 } };
const apps = [defaultApp, small, limited];

// ---- requests -------------------------------------------------------------------------------

function signedTarget(method: string, path: string, body: string, app: TestApp = defaultApp, extra: Record<string, string> = {}): string {
  const params: Record<string, string> = { ...extra, auth_key: app.key, auth_timestamp: String(Math.floor(Date.now() / 1000)), auth_version: '1.0' };
  if (body !== '') params.body_md5 = createHash('md5').update(body).digest('hex');
  const query = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
  const signature = createHmac('sha256', app.secret).update(`${method}\n${path}\n${query}`).digest('hex');
  return `${path}?${query}&auth_signature=${signature}`;
}

/** A signed publish, Content-Length framed (the reader takes it) or chunked (Node takes it). */
function publish(channel: string, n: number, options: { extra?: string; chunked?: boolean; app?: TestApp; version?: string } = {}): string {
  const body = JSON.stringify({ name: 'e', channel, data: JSON.stringify({ n }) });
  const app = options.app ?? defaultApp;
  const target = signedTarget('POST', `/apps/${app.id}/events`, body, app);
  const framing = options.chunked ? `Transfer-Encoding: chunked\r\n\r\n${chunked(body)}` : `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  return `POST ${target} ${options.version ?? 'HTTP/1.1'}\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${options.extra ?? ''}${framing}`;
}

function chunked(body: string): string {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  const parts = [bytes.subarray(0, half), bytes.subarray(half)].filter((p) => p.length > 0);
  return `${parts.map((p) => `${p.length.toString(16)}\r\n${p.toString('latin1')}\r\n`).join('')}0\r\n\r\n`;
}

const up = 'GET /up HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
const upgrade = (key = defaultApp.key) =>
  `GET /app/${key}?protocol=7&client=js&version=8.4.0 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;

/** A masked client text frame (payload < 126 bytes). */
function clientFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = Buffer.from([1, 2, 3, 4]);
  const masked = Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] as number)));
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
}

// ---- answers --------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Bytes the body took on the wire (Content-Length must say this). */
  bodyBytes: number;
}

/** The HTTP answers in what came back, in order; a 101 ends the list (WebSocket frames follow). */
function answersIn(bytes: Buffer): Answer[] {
  const out: Answer[] = [];
  let at = 0;
  for (;;) {
    const end = bytes.indexOf('\r\n\r\n', at);
    if (end < 0) return out;
    const lines = bytes.toString('latin1', at, end).split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3}) /.exec(lines[0] ?? '');
    if (!match) return out;
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const status = Number(match[1]);
    if (status === 101) return [...out, { status, headers, body: '', bodyBytes: 0 }];
    const length = Number(headers['content-length'] ?? '0');
    if (bytes.length < end + 4 + length) return out;
    out.push({ status, headers, body: bytes.toString('utf8', end + 4, end + 4 + length), bodyBytes: length });
    at = end + 4 + length;
  }
}

/** tls.connect passes allowHalfOpen on to its socket; its option type does not list it. */
function halfOpenTls(port: number, ca: Buffer): ConnectionOptions {
  const options: ConnectionOptions & { allowHalfOpen: boolean } = { port, host: '127.0.0.1', ca, servername: 'localhost', allowHalfOpen: true };
  return options;
}

/** A raw client connection (plain or TLS) that keeps everything it receives and how it ended. */
class Wire {
  readonly received: Buffer[] = [];
  /** The server sent its FIN. */
  serverEnded = false;
  /** The socket is gone (closed or reset). */
  closed = false;
  error: string | undefined;
  readonly opened = Date.now();
  /** ms from connecting to the server's FIN or the close, whichever came first. */
  closedAfterMs: number | undefined;

  private constructor(readonly socket: Socket) {
    socket.on('data', (d: Buffer) => this.received.push(d));
    socket.on('end', () => {
      this.serverEnded = true;
      this.closedAfterMs ??= Date.now() - this.opened;
    });
    socket.on('error', (e: NodeJS.ErrnoException) => (this.error = e.code ?? e.message));
    socket.on('close', () => {
      this.closed = true;
      this.closedAfterMs ??= Date.now() - this.opened;
    });
  }

  /** `allowHalfOpen`: the client's side stays open after the server's FIN, as a lazy client's may. */
  static open(port: number, tls?: { ca: Buffer }): Promise<Wire> {
    return new Promise((resolve, reject) => {
      const socket = tls
        ? tlsConnect(halfOpenTls(port, tls.ca))
        : netConnect({ port, host: '127.0.0.1', allowHalfOpen: true });
      socket.setNoDelay(true);
      socket.once(tls ? 'secureConnect' : 'connect', () => resolve(new Wire(socket)));
      socket.once('error', reject);
    });
  }

  bytes(): Buffer {
    return Buffer.concat(this.received);
  }

  answers(): Answer[] {
    return answersIn(this.bytes());
  }

  write(data: string | Buffer): void {
    if (!this.socket.destroyed) this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  /** Waits until `done` holds (true) or `timeoutMs` passes (false). */
  async until(done: () => boolean, timeoutMs = 5_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) return false;
      await sleep(10);
    }
    return true;
  }

  async answersCount(n: number, timeoutMs = 5_000): Promise<Answer[]> {
    await this.until(() => this.answers().length >= n || this.closed || this.serverEnded, timeoutMs);
    await sleep(20);
    return this.answers();
  }

  /**
   * Whether the server really closed its socket, not only its side: bytes written after its FIN are
   * answered with a reset by a closed socket, and silently taken by a half-open one it still holds.
   */
  async fullyClosedByServer(timeoutMs = 3_000): Promise<boolean> {
    if (!(await this.until(() => this.serverEnded || this.closed, timeoutMs))) return false;
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) {
      this.write('x');
      await sleep(100);
    }
    return this.closed;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

const statuses = (answers: Answer[]) => answers.map((a) => a.status);

async function listenerErrors(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const match of text.matchAll(/^pogo_websocket_listener_errors_total\{[^}]*\} (\d+)/gm)) total += Number(match[1]);
  return total;
}

async function subscriber(server: RunningServer, channel: string): Promise<RawClient> {
  const client = await RawClient.connect(server, defaultApp.key);
  client.send({ event: 'pusher:subscribe', data: { channel } });
  await client.nextEvent('pusher_internal:subscription_succeeded');
  return client;
}

/** The n of every publish the subscriber received within `ms`, in order. */
async function received(client: RawClient, count: number, timeoutMs = 5_000): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push((JSON.parse((await client.nextEvent('e', timeoutMs)).data as string) as { n: number }).n);
  return out;
}

// ---- the plain public port -------------------------------------------------------------------

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

// ---- the graceful stop -------------------------------------------------------------------------

describe('the graceful stop (SIGTERM) with API connections open', () => {
  /** Starts a server, runs `before` against it, sends SIGTERM, runs `during`; resolves with the exit and how long it took. */
  async function stopWith(before: (server: RunningServer) => Promise<void>, during: () => Promise<void> = async () => undefined, args: string[] = []): Promise<{ code: number | null; ms: number }> {
    const server = await startServer({ apps }, { args });
    await before(server);
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)));
    const started = Date.now();
    server.process.kill('SIGTERM');
    await during();
    const timer = setTimeout(() => server.process.kill('SIGKILL'), 8_000);
    const code = await exited;
    clearTimeout(timer);
    return { code, ms: Date.now() - started };
  }

  it.each([
    ['one process', []],
    ['--workers 2', ['--workers', '2']],
  ])('does not wait for the keep-alive of idle API connections (%s)', async (_name, args) => {
    const wires: Wire[] = [];
    const result = await stopWith(
      async (server) => {
        for (let i = 0; i < 6; i++) {
          const wire = await Wire.open(server.port);
          wire.write(publish('idle', i));
          expect(statuses(await wire.answersCount(1))).toEqual([200]);
          wires.push(wire);
        }
      },
      undefined,
      args,
    );
    expect(result.code).toBe(0);
    expect(result.ms).toBeLessThan(5_000);
    for (const wire of wires) {
      expect(wire.closed || wire.serverEnded).toBe(true);
      wire.destroy();
    }
  });

  it('answers a publish whose body is still arriving when the stop begins, and delivers it', async () => {
    let wire: Wire | undefined;
    let client: RawClient | undefined;
    const request = publish('in-flight', 1);
    const cut = request.length - 10;
    const result = await stopWith(
      async (server) => {
        client = await subscriber(server, 'in-flight');
        wire = await Wire.open(server.port);
        wire.write(request.slice(0, cut));
        await sleep(100);
      },
      async () => {
        await sleep(300);
        wire!.write(request.slice(cut));
        await wire!.answersCount(1, 4_000);
        // A client that closes once answered (a lazy half-open one is the next case).
        wire!.destroy();
      },
    );
    expect(statuses(wire!.answers())).toEqual([200]);
    expect(wire!.answers()[0]?.headers.connection).toBe('close');
    expect(client!.log.some((m) => m.event === 'e')).toBe(true);
    expect(result.code).toBe(0);
    wire!.destroy();
  });

  it('is not held up by a client that keeps its side of an ended API connection open', async () => {
    let wire: Wire | undefined;
    const result = await stopWith(async (server) => {
      wire = await Wire.open(server.port);
      wire.write(publish('lazy', 1, { extra: 'Connection: close\r\n' }));
      expect(statuses(await wire.answersCount(1))).toEqual([200]);
      await wire.until(() => wire!.serverEnded);
    });
    wire!.destroy();
    expect(result.ms, 'SIGTERM waited for a half-open socket the API reader had ended but not closed').toBeLessThan(4_000);
    expect(result.code).toBe(0);
  }, 15_000);

  /** A publish whose head is half sent when SIGTERM comes, the rest 300 ms later: the statuses it got. */
  async function headInFlightAtStop(viaNode: boolean): Promise<{ code: number | null; statuses: number[] }> {
    let wire: Wire | undefined;
    // The framing header first, so Node's path has the connection from the first write.
    const body = JSON.stringify({ name: 'e', channel: 'head-in-flight', data: '{}' });
    const first = `POST ${signedTarget('POST', '/apps/test-app/events', body)} HTTP/1.1\r\n${viaNode ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.length}`}\r\n`;
    const rest = `Host: 127.0.0.1\r\n\r\n${viaNode ? chunked(body) : body}`;
    const result = await stopWith(
      async (server) => {
        wire = await Wire.open(server.port);
        wire.write(first);
        await sleep(100);
      },
      async () => {
        await sleep(300);
        wire!.write(rest);
        await wire!.until(() => wire!.answers().length > 0 || wire!.serverEnded || wire!.closed, 3_000);
        wire!.destroy();
      },
    );
    return { code: result.code, statuses: statuses(wire!.answers()) };
  }

  it('treats a request whose head is still arriving at the stop as Node’s path does', async () => {
    const [node, reader] = await Promise.all([headInFlightAtStop(true), headInFlightAtStop(false)]);
    expect(node.code).toBe(0);
    expect(reader.code).toBe(0);
    expect(reader.statuses).toEqual(node.statuses);
  });
});

// ---- timeouts and memory -----------------------------------------------------------------------

describe('timeouts and held bytes', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ apps });
  });
  afterAll(async () => {
    await server.stop();
  });

  /** Writes `steps` (a number waits that many ms) and resolves with the wire once the server closes or `timeoutMs` passes. */
  async function drive(steps: (string | number)[], timeoutMs: number): Promise<Wire> {
    const wire = await Wire.open(server.port);
    void (async () => {
      for (const step of steps) {
        if (wire.closed || wire.serverEnded) return;
        if (typeof step === 'number') await sleep(step);
        else wire.write(step);
      }
    })();
    await wire.until(() => wire.closed || wire.serverEnded, timeoutMs);
    wire.destroy();
    return wire;
  }

  it('cuts slow heads, bodies that never finish and floods of partial requests, and nothing else', async () => {
    const request = publish('slow', 1);
    const headEnd = request.indexOf('\r\n\r\n') + 4;
    const before = ((await (await fetch(`${server.url}/up`)).json()) as { memory: { rss: number } }).memory.rss;
    const started = Date.now();
    const cases = {
      // One byte every 4 s: the head's 5 s runs from its first byte, not from the last one.
      trickledHead: drive(['P', 4_000, 'O', 4_000, 'S', 4_000, 'T', 4_000, ' '], 12_000),
      // The same after an answer on a kept-alive connection.
      trickledAfterAnswer: drive([request, 500, 'P', 4_000, 'O', 4_000, 'S', 4_000, 'T'], 12_000),
      // A signed publish whose body stops 10 bytes short: the whole request within 30 s.
      unfinishedBody: drive([request.slice(0, request.length - 10)], 40_000),
      // A body trickled a byte every 4 s: the same 30 s.
      trickledBody: drive([request.slice(0, headEnd), ...request.slice(headEnd, headEnd + 10).split('').flatMap((c) => [4_000, c])], 40_000),
    };
    // 150 connections each holding a head one byte short of 16 KiB, and 60 each holding 60 KB of a
    // 64 KiB signed body: all held at once, all cut on time.
    const bigHead = `POST /apps/test-app/events HTTP/1.1\r\nHost: x\r\nX-Pad: ${'a'.repeat(16 * 1024 - 60)}`;
    const bigBody = JSON.stringify({ name: 'e', channel: 'big', data: 'x'.repeat(65_536 - 40) }).slice(0, 65_536);
    const bigTarget = signedTarget('POST', '/apps/test-app/events', bigBody);
    const heads = Array.from({ length: 150 }, () => drive([bigHead], 12_000));
    const bodies = Array.from({ length: 60 }, () => drive([`POST ${bigTarget} HTTP/1.1\r\nHost: x\r\nContent-Length: ${Buffer.byteLength(bigBody)}\r\n\r\n${bigBody.slice(0, 60_000)}`], 40_000));
    await sleep(3_000);
    const during = ((await (await fetch(`${server.url}/up`)).json()) as { memory: { rss: number } }).memory.rss;
    // Meanwhile a publisher is answered at once, and an idle kept-alive connection is not cut by the head timeout.
    const idle = await Wire.open(server.port);
    idle.write(publish('slow', 2));
    expect(statuses(await idle.answersCount(1, 2_000))).toEqual([200]);

    const [trickledHead, trickledAfterAnswer, unfinishedBody, trickledBody] = await Promise.all([cases.trickledHead, cases.trickledAfterAnswer, cases.unfinishedBody, cases.trickledBody]);
    for (const [name, wire, low, high] of [
      ['trickledHead', trickledHead, 4_500, 8_000],
      ['trickledAfterAnswer', trickledAfterAnswer, 5_000, 9_000],
      ['unfinishedBody', unfinishedBody, 29_000, 35_000],
      ['trickledBody', trickledBody, 29_000, 35_000],
    ] as const) {
      const last = wire.answers().at(-1);
      expect(last?.status, name).toBe(408);
      expect(wire.closedAfterMs ?? Number.POSITIVE_INFINITY, name).toBeGreaterThanOrEqual(low);
      expect(wire.closedAfterMs ?? 0, name).toBeLessThan(high);
    }
    const cutHeads = await Promise.all(heads);
    expect(cutHeads.filter((w) => w.answers()[0]?.status === 408 && (w.closedAfterMs ?? 1e9) < 9_000)).toHaveLength(150);
    const cutBodies = await Promise.all(bodies);
    expect(cutBodies.filter((w) => w.answers()[0]?.status === 408 && (w.closedAfterMs ?? 1e9) < 36_000)).toHaveLength(60);
    expect(during - before).toBeLessThan(64 * 1024 * 1024);
    // The idle connection outlived every head deadline and still publishes.
    expect(idle.closed || idle.serverEnded).toBe(false);
    idle.write(publish('slow', 3));
    expect(statuses(await idle.answersCount(2, 2_000))).toEqual([200, 200]);
    expect(idle.answers()[0]?.headers['keep-alive']).toBe('timeout=65');
    idle.destroy();
    expect(Date.now() - started).toBeLessThan(40_000);
    expect(await listenerErrors(server.url)).toBe(0);
    expect(server.output()).not.toMatch(/unexpected error/);
  }, 45_000);
});

// ---- TLS -----------------------------------------------------------------------------------------

describe('the public port with tls', () => {
  let server: DeployServer;
  let ca: Buffer;
  beforeAll(async () => {
    const authority = makeCa();
    const certificate = authority.issue('reader', 4004);
    ca = readFileSync(authority.ca);
    server = await startDeployServer({ apps, tls: { cert: certificate.cert, key: certificate.key } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('reads pipelined API requests, a hand-off to Node and an upgrade on one TLS connection, in order', async () => {
    const listener = await Wire.open(server.port, { ca });
    listener.write(Buffer.concat([Buffer.from(publish('tls', 0) + up + upgrade(), 'latin1'), clientFrame('{"event":"pusher:subscribe","data":{"channel":"tls"}}')]));
    expect(await listener.until(() => listener.bytes().includes('subscription_succeeded'), 5_000), listener.bytes().toString('latin1')).toBe(true);
    expect(statuses(listener.answers())).toEqual([200, 200, 101]);
    const wire = await Wire.open(server.port, { ca });
    wire.write(publish('tls', 1) + up + publish('tls', 2, { chunked: true }) + publish('tls', 3));
    expect(statuses(await wire.answersCount(4))).toEqual([200, 200, 200, 200]);
    expect(await listener.until(() => listener.bytes().includes('{\\"n\\":3}'), 5_000)).toBe(true);
    const text = listener.bytes().toString('latin1');
    expect([text.indexOf('{\\"n\\":1}'), text.indexOf('{\\"n\\":2}')].every((at, i, all) => at > 0 && (i === 0 || at > (all[i - 1] as number)))).toBe(true);
    wire.destroy();
    listener.destroy();
  });

  it('reads the same requests whatever TLS record boundary splits them', async () => {
    const stream = Buffer.from(publish('tls-split', 1) + up + publish('tls-split', 2), 'latin1');
    const bad: string[] = [];
    const points = Array.from({ length: Math.floor((stream.length - 1) / 3) }, (_, i) => 1 + i * 3);
    for (let from = 0; from < points.length; from += 40) {
      await Promise.all(
        points.slice(from, from + 40).map(async (at) => {
          const wire = await Wire.open(server.port, { ca });
          wire.write(stream.subarray(0, at));
          await sleep(20);
          wire.write(stream.subarray(at));
          const got = statuses(await wire.answersCount(3));
          wire.destroy();
          if (got.join() !== '200,200,200') bad.push(`split at ${at}: ${got.join()}`);
        }),
      );
    }
    expect(bad).toEqual([]);
  }, 30_000);

  it('cuts a trickled head with 408, answers a half-closing client in full, and refuses as Node does', async () => {
    const trickled = await Wire.open(server.port, { ca });
    const trickle = (async () => {
      for (const c of 'POST /apps/') {
        if (trickled.closed || trickled.serverEnded) return;
        trickled.write(c);
        await sleep(1_500);
      }
    })();
    const half = await Wire.open(server.port, { ca });
    half.write(publish('tls-half', 1) + publish('tls-half', 2) + up);
    half.socket.end();
    expect(statuses(await half.answersCount(3))).toEqual([200, 200, 200]);
    half.destroy();
    const body = '{"name":"e","channel":"c","data":"{}"}';
    const ours = await Wire.open(server.port, { ca });
    ours.write(`POST /apps/test-app/events HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    const theirs = await Wire.open(server.port, { ca });
    theirs.write(`POST /apps/test-app/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunked(body)}`);
    const [a, b] = [(await ours.answersCount(1))[0], (await theirs.answersCount(1))[0]];
    expect(a?.status).toBe(401);
    expect({ status: a?.status, body: a?.body }).toEqual({ status: b?.status, body: b?.body });
    ours.destroy();
    theirs.destroy();
    await trickled.until(() => trickled.closed || trickled.serverEnded, 9_000);
    await trickle;
    trickled.destroy();
    expect(trickled.answers()[0]?.status).toBe(408);
    expect(trickled.closedAfterMs).toBeGreaterThanOrEqual(4_500);
    expect(trickled.closedAfterMs).toBeLessThan(8_000);
  }, 15_000);

  it('closes the TLS socket it ends after a Connection: close answer', async () => {
    const wire = await Wire.open(server.port, { ca });
    wire.write(publish('tls-close', 1, { extra: 'Connection: close\r\n' }));
    expect(statuses(await wire.answersCount(1))).toEqual([200]);
    const closed = await wire.fullyClosedByServer();
    wire.destroy();
    expect(closed, 'the server left its TLS socket half-open after `Connection: close`').toBe(true);
  });

  it('caught no unexpected error in any listener over TLS', () => {
    expect(server.process.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/unexpected error|Uncaught|ERR_/);
  });
});

// ---- --workers 2 ---------------------------------------------------------------------------------

describe('--workers 2 (node:cluster hands each connection to a worker)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ apps }, { args: ['--workers', '2'] });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('reads pipelined, split and handed-off requests on connections spread over both workers', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const wire = await Wire.open(server.port);
        const stream = publish('workers', i) + up + publish('workers', i, { chunked: true }) + publish('workers', i);
        const at = 17 + i * 41;
        wire.write(stream.slice(0, at));
        await sleep(30);
        wire.write(stream.slice(at));
        const got = statuses(await wire.answersCount(4));
        wire.destroy();
        return got.join();
      }),
    );
    expect(results).toEqual(Array(12).fill('200,200,200,200'));
  });

  /** Two channel queries (answered by the primary, over IPC), a publish and /up, then the client's FIN. */
  async function halfClosedPipeline(viaNode: boolean): Promise<number[]> {
    const query = () => `GET ${signedTarget('GET', '/apps/test-app/channels', '')} HTTP/1.1\r\nHost: x\r\n${viaNode ? 'Transfer-Encoding: chunked\r\n\r\n0\r\n' : ''}\r\n`;
    const wire = await Wire.open(server.port);
    wire.write(query() + query() + publish('workers-half', 1) + up);
    wire.socket.end();
    await wire.until(() => wire.closed || wire.serverEnded, 5_000);
    await sleep(200);
    wire.destroy();
    return statuses(wire.answers());
  }

  it('answers a client that half-closes behind pending requests at least as fully as Node’s path', async () => {
    // The FIN arrives while the first answer waits on the primary. Node's path (httpAllowHalfOpen off)
    // ends the connection at the FIN; the reader answers the request pending and ends after it.
    const [reader, node] = await Promise.all([halfClosedPipeline(false), halfClosedPipeline(true)]);
    expect(reader.length).toBeGreaterThanOrEqual(Math.max(1, node.length));
    expect(reader.every((status) => status === 200)).toBe(true);
  });

  it('closes the socket it ends after a Connection: close answer', async () => {
    const wire = await Wire.open(server.port);
    wire.write(publish('workers-close', 1, { extra: 'Connection: close\r\n' }));
    expect(statuses(await wire.answersCount(1))).toEqual([200]);
    const closed = await wire.fullyClosedByServer();
    wire.destroy();
    expect(closed, 'the worker left its socket half-open after `Connection: close`').toBe(true);
  });

  it('caught no unexpected error in any worker’s listeners', async () => {
    expect(await listenerErrors(server.url)).toBe(0);
    expect(server.output()).not.toMatch(/unexpected error|Uncaught|ERR_/);
  });
});
