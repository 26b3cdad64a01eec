// What the API reader's attack tests share (tests/hardening/api-reader/*.test.ts): signed requests,
// Content-Length framed (the server's own reader takes them) or chunked (Node's http takes them),
// upgrades and frames, a raw client that keeps what came back and how the connection ended, and
// the answers parsed out of its bytes.
import { createHash, createHmac } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';
import { type ConnectionOptions, connect as tlsConnect } from 'node:tls';
import { RawClient, sleep } from '../../helpers/clients.js';
import { defaultApp, type RunningServer, type TestApp } from '../../helpers/server.js';

export const small: TestApp = { id: 'small-app', key: 'small-key', secret: 'small-secret', limits: { maxHttpBodyBytes: 64 } };
export const limited: TestApp = { id: 'limited-app', key: 'limited-key', secret: 'limited-secret', limits: { httpRequestsPerSecond: 1, httpRequestBurst: 1 } };
export const apps = [defaultApp, small, limited];

// ---- requests -------------------------------------------------------------------------------

export function signedTarget(method: string, path: string, body: string, app: TestApp = defaultApp, extra: Record<string, string> = {}): string {
  const params: Record<string, string> = { ...extra, auth_key: app.key, auth_timestamp: String(Math.floor(Date.now() / 1000)), auth_version: '1.0' };
  if (body !== '') params.body_md5 = createHash('md5').update(body).digest('hex');
  const query = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
  const signature = createHmac('sha256', app.secret).update(`${method}\n${path}\n${query}`).digest('hex');
  return `${path}?${query}&auth_signature=${signature}`;
}

/** A signed publish, Content-Length framed (the reader takes it) or chunked (Node takes it). */
export function publish(channel: string, n: number, options: { extra?: string; chunked?: boolean; app?: TestApp; version?: string } = {}): string {
  const body = JSON.stringify({ name: 'e', channel, data: JSON.stringify({ n }) });
  const app = options.app ?? defaultApp;
  const target = signedTarget('POST', `/apps/${app.id}/events`, body, app);
  const framing = options.chunked ? `Transfer-Encoding: chunked\r\n\r\n${chunked(body)}` : `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  return `POST ${target} ${options.version ?? 'HTTP/1.1'}\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${options.extra ?? ''}${framing}`;
}

export function chunked(body: string): string {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  const parts = [bytes.subarray(0, half), bytes.subarray(half)].filter((p) => p.length > 0);
  return `${parts.map((p) => `${p.length.toString(16)}\r\n${p.toString('latin1')}\r\n`).join('')}0\r\n\r\n`;
}

export const up = 'GET /up HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
export const upgrade = (key = defaultApp.key) =>
  `GET /app/${key}?protocol=7&client=js&version=8.4.0 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;

/** A masked client text frame (payload < 126 bytes). */
export function clientFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = Buffer.from([1, 2, 3, 4]);
  const masked = Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] as number)));
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
}

// ---- answers --------------------------------------------------------------------------------

export interface Answer {
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
export class Wire {
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

export const statuses = (answers: Answer[]) => answers.map((a) => a.status);

export async function listenerErrors(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const match of text.matchAll(/^pogo_websocket_listener_errors_total\{[^}]*\} (\d+)/gm)) total += Number(match[1]);
  return total;
}

export async function subscriber(server: RunningServer, channel: string): Promise<RawClient> {
  const client = await RawClient.connect(server, defaultApp.key);
  client.send({ event: 'pusher:subscribe', data: { channel } });
  await client.nextEvent('pusher_internal:subscription_succeeded');
  return client;
}

/** The n of every publish the subscriber received within `ms`, in order. */
export async function received(client: RawClient, count: number, timeoutMs = 5_000): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push((JSON.parse((await client.nextEvent('e', timeoutMs)).data as string) as { n: number }).n);
  return out;
}

