// Bytes over a bare TCP socket, for requests no HTTP client would send (malformed targets,
// half-sent bodies, sockets that never speak). Resolves with what came back and how it ended.
import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** Everything the server wrote, as text. */
  text: string;
  /** The HTTP status of the first response line, or undefined when none came. */
  status: number | undefined;
  /** The server closed (or reset) the connection before `timeoutMs`. */
  closed: boolean;
  /** ms from connecting to the close (or the timeout). */
  elapsedMs: number;
  /** ms from connecting to the first byte the server wrote (undefined: none). */
  firstByteMs: number | undefined;
}

/** Writes `chunks` (a delay in ms between string chunks may be given as a number) and waits for the close. */
export function rawExchange(
  port: number,
  chunks: (string | Buffer | number)[],
  timeoutMs = 5_000,
  /** Stop waiting once what came back satisfies this (the connection counts as open). */
  doneWhen?: (text: string) => boolean,
  host = '127.0.0.1',
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket: Socket = connect(port, host);
    const received: Buffer[] = [];
    let firstByteMs: number | undefined;
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(received).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ text, status: match ? Number(match[1]) : undefined, closed, elapsedMs: Date.now() - started, firstByteMs });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (chunk) => {
      firstByteMs ??= Date.now() - started;
      received.push(chunk);
      if (doneWhen?.(Buffer.concat(received).toString('latin1'))) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (done) return;
        if (typeof chunk === 'number') await new Promise((r) => setTimeout(r, chunk));
        else if (!socket.destroyed) socket.write(chunk);
      }
    });
  });
}

/** The JSON body of a raw HTTP answer (after the blank line), or undefined. */
export function jsonBody(answer: RawAnswer): unknown {
  const at = answer.text.indexOf('\r\n\r\n');
  if (at < 0) return undefined;
  try {
    return JSON.parse(answer.text.slice(at + 4));
  } catch {
    return undefined;
  }
}

/** The whole body of a request a test's own HTTP server received (a stand-in Laravel app, say). */
export function requestBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => resolve(body));
  });
}
