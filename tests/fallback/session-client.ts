// pusher-js's HTTP session protocol spoken by hand over node:http, for the frame format and the
// session rules: receive requests (xhr_streaming, xhr) read line by line as they arrive, xhr_send.
import { request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

export interface SessionAddress {
  port: number;
  key: string;
  /** `{server}/{session}`, as pusher-js picks them. */
  session: string;
}

/** A response read line by line as it arrives. */
export interface ResponseLines {
  /** Every line received so far (without the newline). */
  lines: string[];
  /** Resolves once the response ended (or failed). */
  ended: Promise<void>;
  /** Resolves with the first line (after `from`) that `predicate` accepts; rejects after `timeoutMs`. */
  line(predicate: (line: string) => boolean, timeoutMs?: number, from?: number): Promise<string>;
}

export interface Receive extends ResponseLines {
  status: number;
  headers: IncomingHttpHeaders;
  /** Aborts the request. */
  abort(): void;
}

let counter = 0;
const unique = () => `t=${Date.now()}&n=${++counter}`;

/** POST `{prefix}/app/{key}/{session}/{kind}`; resolves once the status line arrived. */
export function receive(address: SessionAddress, kind: 'xhr_streaming' | 'xhr', headers: Record<string, string> = {}, query = 'protocol=7&client=js&version=8.4.0'): Promise<Receive> {
  return new Promise((resolve, reject) => {
    const path = `/pusher/app/${address.key}/${address.session}/${kind}?${query}${query ? '&' : ''}${unique()}`;
    const req = request({ host: '127.0.0.1', port: address.port, method: 'POST', path, headers: { 'Content-Type': 'application/json', 'Content-Length': '0', ...headers } });
    req.on('error', reject);
    req.on('response', (res) => {
      resolve({ status: res.statusCode ?? 0, headers: res.headers, ...readLines(res), abort: () => req.destroy() });
    });
    req.end();
  });
}

/** Reads `res` line by line as it arrives (also a request that is relayed or held open). */
export function readLines(res: IncomingMessage): ResponseLines {
  const lines: string[] = [];
  let partial = '';
  const waiters = new Set<() => void>();
  let endedResolve!: () => void;
  const ended = new Promise<void>((r) => (endedResolve = r));
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const waiter of [...waiters]) waiter();
  });
  const finish = () => {
    // An answer that is not a session's lines (a JSON error) has no final newline.
    if (partial !== '') lines.push(partial);
    partial = '';
    endedResolve();
    for (const waiter of [...waiters]) waiter();
  };
  res.on('end', finish);
  res.on('close', finish);
  res.on('error', finish);
  return {
    lines,
    ended,
    line(predicate, timeoutMs = 5_000, from = 0) {
      return new Promise((resolveLine, rejectLine) => {
        const check = () => {
          const found = lines.slice(from).find(predicate);
          if (found === undefined) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolveLine(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          rejectLine(new Error(`no such line within ${timeoutMs} ms; got: ${lines.map((l) => l.slice(0, 80)).join(' | ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** xhr_send with `messages` (each a Pusher message object, sent as its JSON string); resolves with the status. */
export function send(address: SessionAddress, messages: unknown[] | string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const body = typeof messages === 'string' ? messages : JSON.stringify(messages.map((m) => JSON.stringify(m)));
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: address.port,
      method: 'POST',
      path: `/pusher/app/${address.key}/${address.session}/xhr_send?${unique()}`,
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), ...headers },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.end(body);
  });
}

/** An OPTIONS preflight as a browser sends it before a cross-origin JSON POST. */
export function preflight(address: SessionAddress, kind: string, origin: string): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: address.port,
      method: 'OPTIONS',
      path: `/pusher/app/${address.key}/${address.session}/${kind}?protocol=7&${unique()}`,
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.end();
  });
}

/** The messages of an `a[...]` line, parsed (each Pusher message). */
export function messagesOf(line: string): { event: string; channel?: string; data?: unknown }[] {
  if (!line.startsWith('a')) return [];
  return (JSON.parse(line.slice(1)) as string[]).map((m) => JSON.parse(m));
}

/** True for an `a` line carrying an `event`. */
export const carries = (event: string) => (line: string) => messagesOf(line).some((m) => m.event === event);

/** A session id as pusher-js makes one: a number below 1000 and 8 base-32 characters. */
export function newSession(): string {
  const chars = '0123456789abcdefghijklmnopqrstuv';
  let id = '';
  for (let i = 0; i < 8; i++) id += chars[Math.floor(Math.random() * 32)];
  return `${Math.floor(Math.random() * 1000)}/${id}`;
}
