// The public port's own reader for Pusher API requests. Node's `http` took about half of a signed
// publish's time (its parser, request and response objects, streams, the answer's writev); an app
// publishing over a kept-alive connection sends nothing but plain signed requests, so those are
// read here, straight off the socket, and answered with one write.
//
// Every connection starts here. The first request that is not one this reader takes (request-head.ts
// says which: a WebSocket upgrade, a fallback session, /up, metrics, the dashboard, a chunked or
// oversized body, anything odd) hands the connection to Node's `http` with every byte read so far,
// and Node keeps it: Node's parser stays the one that answers unusual input.
//
// Limits, as Node applies them to its own connections: a request's head within 5 s of its first
// byte (a fresh connection's within 5 s of connecting), the whole request within 30 s, 65 s idle
// between requests; checked by one sweep a second, not a timer per socket. While an answer is
// pending, what a pipelining client sends is held up to one request's worth, then reading pauses.
// Just over 300 lines: reading, the timeouts' sweep, hand-off and the stop share each connection's state.
import { STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { guard } from '../transport/listener-guard.js';
import { headersTimeoutMs, keepAliveTimeoutMs, requestTimeoutMs } from './timeouts.js';
import { maxHeadBytes, maxHeldBodyBytes, readRequestHead, type RequestHead } from './request-head.js';
import { emptyOk, type ApiAnswer, type ApiRouter } from './router.js';
import { ApiError } from './respond.js';

type ConnectionListener = (socket: Socket) => void;

/** What may be held for a connection before reading pauses: one whole request. */
const maxHeldBytes = maxHeadBytes + maxHeldBodyBytes;
const requestTimedOut = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/** The Date header, and the publish's whole answer that carries it: made again at most once a second. */
let clockSecond = 0;
let httpDate = '';
let emptyOkAnswer = '';
function tick(now: number): void {
  const second = Math.floor(now / 1000);
  if (second === clockSecond) return;
  clockSecond = second; // first, so the answerBytes() below finds the clock set
  httpDate = new Date(now).toUTCString();
  emptyOkAnswer = answerBytes(emptyOk, false, now);
}

function answerBytes(answer: ApiAnswer, close: boolean, now: number): string {
  tick(now);
  let head = `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? 'Unknown'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(answer.body)}\r\nDate: ${httpDate}\r\n`;
  if (answer.headers) for (const name in answer.headers) head += `${name}: ${answer.headers[name]}\r\n`;
  return `${head}${close ? 'Connection: close\r\n' : `Connection: keep-alive\r\nKeep-Alive: timeout=${keepAliveTimeoutMs / 1000}\r\n`}\r\n${answer.body}`;
}

/** `{}` with 200, kept alive: what a publish answers. */
function emptyOkBytes(now: number): string {
  tick(now);
  return emptyOkAnswer;
}

/** One connection while this reader holds it. */
class HeldConnection {
  /** Bytes read and not yet taken as a request. */
  buffered: Buffer | undefined;
  /** An answer is pending: requests behind it wait. */
  busy = false;
  /** When the sweep acts, and how: `408` a request (or a fresh connection) that is too slow, `idle` a kept-alive one. */
  deadline: number;
  expiry: '408' | 'idle' = '408';
  /** When the request being received began (its head's deadline and the whole request's). */
  requestStarted = 0;
  /** The request being answered, while its body is still in (or arriving into) what is held. */
  unread: RequestHead | undefined;
  /** The router asked for a body that has not all arrived yet. */
  waiting: { resolve: (body: Buffer) => void; reject: (error: Error) => void } | undefined;
  readonly onData = (chunk: Buffer) => this.owner.received(this, chunk);
  readonly onGone = () => this.owner.forget(this);
  /** The client sent its FIN (the port allows half-open sockets): the answer pending is its last. */
  ended = false;
  readonly onEnd = () => this.owner.ended(this);
  /** A read is scheduled for after this turn's poll phase. */
  queued = false;
  readonly onTurn = () => this.owner.turn(this);

  constructor(
    readonly socket: Socket,
    private readonly owner: ApiConnections,
    now: number,
  ) {
    this.deadline = now + headersTimeoutMs;
  }
}

export class ApiConnections {
  private readonly held = new Set<HeldConnection>();
  private readonly nodeListener: ConnectionListener;
  private readonly event: 'connection' | 'secureConnection';
  private sweepTimer: NodeJS.Timeout | undefined;
  private closing = false;

  /** Takes the server's connections before Node's `http` sees them; `secure`: the server is https. */
  constructor(
    private readonly server: Server,
    private readonly router: ApiRouter,
    secure: boolean,
  ) {
    // https.Server hands a connection to Node's http once TLS is up ('secureConnection').
    this.event = secure ? 'secureConnection' : 'connection';
    const listeners = server.listeners(this.event);
    if (listeners.length !== 1) throw new Error(`expected Node's own ${this.event} listener alone, found ${listeners.length}`);
    this.nodeListener = listeners[0] as ConnectionListener;
    server.removeListener(this.event, this.nodeListener);
    server.on(this.event, (socket: Socket) => guard('http', () => this.take(socket), () => socket.destroy()));
    this.sweepTimer = setInterval(() => this.sweep(), 1_000);
    this.sweepTimer.unref();
  }

  private take(socket: Socket): void {
    const held = new HeldConnection(socket, this, Date.now());
    this.held.add(held);
    socket.on('data', held.onData);
    socket.on('error', held.onGone);
    socket.on('close', held.onGone);
    socket.on('end', held.onEnd);
  }

  /** A chunk from a held connection: answer every whole request in what is held, in order. */
  received(held: HeldConnection, chunk: Buffer): void {
    held.buffered = held.buffered ? Buffer.concat([held.buffered, chunk]) : chunk;
    if (held.requestStarted === 0) held.requestStarted = Date.now();
    // libuv reads a socket up to 32 times in one go: past one request's worth, stop reading until it is taken.
    if (held.buffered.length > maxHeldBytes) held.socket.pause();
    if (held.busy && !held.waiting) return;
    // Read once this turn's other reads are done (setImmediate runs after the poll phase): a bus
    // message that reached this node before the request is delivered before the request's publish,
    // so publishes a client makes one after another through different nodes keep their order.
    if (!held.queued) {
      held.queued = true;
      setImmediate(held.onTurn);
    }
  }

  /** After the poll phase: the next request, or the body a request waits for. */
  turn(held: HeldConnection): void {
    held.queued = false;
    if (!this.held.has(held)) return;
    const { unread, waiting } = held;
    if (!held.busy) guard('http', () => this.next(held, Date.now()), () => held.socket.destroy());
    else if (unread && waiting && held.buffered && held.buffered.length >= unread.bodyStart + unread.bodyLength) {
      held.waiting = undefined;
      waiting.resolve(this.takeRequest(held, unread, Date.now()));
    }
  }

  /** Takes the next request out of what is held, if its head is whole and it is one for this reader. */
  private next(held: HeldConnection, now: number): Promise<void> | undefined {
    const bytes = held.buffered;
    if (!bytes && held.ended) return this.finish(held);
    if (!bytes) {
      held.expiry = 'idle';
      held.deadline = now + keepAliveTimeoutMs;
      return;
    }
    const head = readRequestHead(bytes);
    if (head === 'elsewhere') {
      this.handOff(held);
      return;
    }
    held.expiry = '408';
    if (head === 'incomplete') {
      if (held.ended) return this.finish(held);
      // The head within 5 s of its first byte.
      held.deadline = held.requestStarted + headersTimeoutMs;
      return;
    }
    // The whole request within 30 s of its first byte.
    held.deadline = held.requestStarted + requestTimeoutMs;
    held.busy = true;
    held.unread = head;
    const whole = bytes.length >= head.bodyStart + head.bodyLength;
    const exchange = {
      head: { method: head.method, url: head.url, headers: head.headers, socket: held.socket },
      // The signature is checked before the body is asked for, so an unsigned request is refused before its body arrives.
      readBody: (limit: number): Buffer | Promise<Buffer> => {
        if (head.bodyLength > limit) throw new ApiError('BODY_TOO_LARGE', `at most ${limit} bytes`);
        if (held.unread !== head) throw new Error('the body was already taken');
        return whole ? this.takeRequest(held, head, now) : new Promise<Buffer>((resolve, reject) => (held.waiting = { resolve, reject }));
      },
      skipBody: () => undefined,
    };
    // Inside the caller's guard(): an error while answering closes this connection only.
    return this.router.answer(exchange).then((answer) => this.answered(held, head, answer));
  }

  /** The request's body, out of what is held; what follows it stays held. */
  private takeRequest(held: HeldConnection, head: RequestHead, now: number): Buffer {
    const bytes = held.buffered as Buffer;
    const end = head.bodyStart + head.bodyLength;
    held.buffered = end === bytes.length ? undefined : bytes.subarray(end);
    held.requestStarted = held.buffered ? now : 0;
    held.unread = undefined;
    return bytes.subarray(head.bodyStart, end);
  }

  private answered(held: HeldConnection, head: RequestHead, answer: ApiAnswer): void {
    if (!this.held.has(held)) return;
    const { socket } = held;
    const now = Date.now();
    held.busy = false;
    // A refusal that never read the body: dropped if it is all here, else the rest would arrive
    // unframed, so the connection ends with the answer.
    let close = head.close || answer.close === true || this.closing || held.ended;
    if (held.unread) {
      if (held.buffered && held.buffered.length >= head.bodyStart + head.bodyLength) this.takeRequest(held, head, now);
      else close = true;
    }
    if (close) {
      this.finish(held, answerBytes(answer, true, now));
      return;
    }
    // A client that does not read its answers gets no more of them: the next request waits for the
    // drain, and what it pipelines meanwhile is held to one request, then reading pauses.
    if (!socket.write(answer === emptyOk ? emptyOkBytes(now) : answerBytes(answer, false, now))) {
      held.busy = true;
      socket.once('drain', () => {
        held.busy = false;
        this.readOn(held);
      });
      return;
    }
    this.readOn(held);
  }

  private readOn(held: HeldConnection): void {
    if (held.socket.isPaused()) held.socket.resume();
    guard('http', () => this.next(held, Date.now()), () => held.socket.destroy());
  }

  /** Node's `http` takes the connection from here on, with what was read of it. */
  private handOff(held: HeldConnection): void {
    const { socket } = held;
    this.forget(held);
    socket.pause();
    if (held.buffered) socket.unshift(held.buffered);
    this.nodeListener.call(this.server, socket);
    // After Node's listeners are on: the bytes unshifted flow to its parser before any read after them.
    socket.resume();
  }

  /** The client will send nothing more: end now, or after the answer pending. */
  ended(held: HeldConnection): void {
    held.ended = true;
    if (!held.busy && !held.queued) this.finish(held);
  }

  /**
   * This reader ends the connection: `last` written, then closed once it is out, as Node's http
   * does (the port allows half-open sockets, so end() alone would leave one the client never closes).
   */
  private finish(held: HeldConnection, last?: string): undefined {
    this.release(held);
    if (last !== undefined) held.socket.end(last);
    held.socket.destroySoon();
    return undefined;
  }

  /** The connection is gone (closed, or failed): nothing more to do for it. */
  forget(held: HeldConnection): void {
    if (!this.held.delete(held)) return;
    held.waiting?.reject(new Error('the connection ended before the body arrived'));
    held.waiting = undefined;
    held.socket.removeListener('data', held.onData);
    held.socket.removeListener('error', held.onGone);
    held.socket.removeListener('close', held.onGone);
    held.socket.removeListener('end', held.onEnd);
  }

  /** This reader is done with the connection and ends it itself; a late socket error is of no interest. */
  private release(held: HeldConnection): void {
    this.forget(held);
    held.socket.on('error', ignoreError);
  }

  private sweep(now = Date.now()): void {
    for (const held of this.held) {
      // An answer being made is not timed; a body it waits for is.
      if ((held.busy && !held.waiting) || now < held.deadline) continue;
      if (held.expiry === 'idle') {
        this.release(held);
        held.socket.destroy();
      } else this.finish(held, requestTimedOut);
    }
  }

  /** The stop: kept-alive connections waiting for a request end now; one with an answer pending ends after it. */
  close(): void {
    this.closing = true;
    for (const held of this.held) {
      if (held.busy) continue;
      this.release(held);
      held.socket.destroy();
    }
  }

  /** The stop's deadline: every connection still held is cut. */
  destroyAll(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const held of this.held) {
      this.release(held);
      held.socket.destroy();
    }
  }
}

function ignoreError(): void {}
