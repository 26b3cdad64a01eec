// The API's own request reader (server/src/http/request-head.ts, api-connections.ts).
// First, against Node's own parser: every request the reader takes, Node's http parses to the same
// method, target, headers and body, so taking it is never a different reading of the bytes (no
// smuggling, no header Node would refuse). Then, on a running server: requests it takes and
// requests it hands to Node on one kept-alive connection, pipelined or split, in order; slow and
// silent connections cut as Node cuts its own; a pipelining flood held to a bound.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRequestHead } from '../../server/src/http/request-head.js';
import { requestTimeouts } from '../../server/src/http/timeouts.js';
import { RawClient } from '../helpers/clients.js';
import { rawExchange } from '../helpers/raw-http.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';
import { publish } from '../hardening/api-reader/support.js';

interface Parsed {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** What Node's http makes of the bytes: the first request, or undefined when it refuses them. */
let nodeParser: Server;
let nodePort = 0;
const waiting = new Map<string, (parsed: Parsed) => void>();

beforeAll(async () => {
  nodeParser = createServer(requestTimeouts, (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = String(req.headers['x-case']);
      waiting.get(id)?.({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('latin1') });
      res.end();
    });
  });
  await new Promise<void>((resolve) => nodeParser.listen(0, '127.0.0.1', resolve));
  nodePort = (nodeParser.address() as { port: number }).port;
});
afterAll(() => nodeParser.close());

function nodeParse(id: string, bytes: Buffer): Promise<Parsed | undefined> {
  return new Promise((resolve) => {
    const socket = connect(nodePort, '127.0.0.1');
    const timer = setTimeout(() => finish(undefined), 2_000);
    const finish = (parsed: Parsed | undefined) => {
      clearTimeout(timer);
      waiting.delete(id);
      socket.destroy();
      resolve(parsed);
    };
    waiting.set(id, finish);
    socket.on('error', () => finish(undefined));
    socket.on('data', (d) => {
      if (/^HTTP\/1\.1 4\d\d/.test(d.toString('latin1'))) finish(undefined);
    });
    socket.write(bytes);
  });
}

const methods = fc.constantFrom('POST', 'GET', 'POST', 'POST', 'GET', 'PUT', 'post', 'POST ');
const targets = fc.oneof(
  fc.constantFrom('/apps/a/events?auth_key=k&body_md5=x', '/apps/a/events?auth_key=k&body_md5=x', '/apps/a/batch_events?x=%20'),
  fc.constantFrom('/apps/a/events?auth_key=k&body_md5=x', '/apps/a/batch_events', '/apps/a/channels/presence-x/users', '/apps/', '/apps/a b', '/apps/a\tb', '/apps/\u00e9', '/app/key?protocol=7', '/up', '*'),
  fc.string({ maxLength: 20 }).map((s) => `/apps/${s}`),
);
const versions = fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/1.2', 'http/1.1');
const benignLines = fc.constantFrom('Content-Type: application/json', 'X-Forwarded-For: 10.0.0.1', 'x-forwarded-for: \t10.0.0.3\t', 'Cookie: a=1', 'Accept: */*', 'X-Latin: caf\u00e9', 'X-Empty:', 'Connection: keep-alive', 'Connection: close');
const trickyLines = fc.constantFrom(
  'Host: 127.0.0.1',
  'Host: a, b',
  'Content-Type: application/json',
  'Content-Type: text/plain',
  'X-Forwarded-For: 10.0.0.1',
  'X-Forwarded-For:10.0.0.2 ',
  'x-forwarded-for: \t10.0.0.3\t',
  'Cookie: a=1',
  'Connection: close',
  'Connection: keep-alive',
  'Connection: Upgrade',
  'Upgrade: websocket',
  'Transfer-Encoding: chunked',
  'Transfer-Encoding: identity',
  'Content-Length: 3',
  'Content-Length: 0',
  'Content-Length: +3',
  'Content-Length: 3 ',
  'Content-Length: 03',
  'Content-Length: 3, 3',
  'Expect: 100-continue',
  ' folded: line',
  '\tfolded',
  'Bad Name: x',
  'X-Ctl: a\u000bb',
  'X-Nbsp: \u00a0x\u00a0',
  'X-Latin: caf\u00e9',
  'X-Empty:',
  ': no-name',
  'no-colon',
  'X-Bare: a\nX-Injected: b',
  'X-Cr: a\rb',
);
/** Mostly a plausible request (a Host, ordinary headers), with a tricky line or two in some. */
const headerSets = fc
  .tuple(fc.boolean(), fc.array(benignLines, { maxLength: 4 }), fc.array(trickyLines, { maxLength: 2 }), fc.nat(9))
  .map(([host, benign, tricky, shape]) => [...(host || shape < 3 ? ['Host: 127.0.0.1'] : []), ...benign, ...(shape < 5 ? tricky : [])]);
const bodies = fc.constantFrom('', 'abc', 'abcdef', '{"name":"e"}');

describe('the reader takes only what Node reads the same way', () => {
  it('agrees with Node on method, target, headers and body for every request it takes', async () => {
    let taken = 0;
    let id = 0;
    await fc.assert(
      fc.asyncProperty(methods, targets, versions, headerSets, bodies, fc.boolean(), async (method, target, version, lines, body, withLength) => {
        const caseId = String(++id);
        const length = withLength ? [`Content-Length: ${body.length}`] : [];
        const head = `${method} ${target} ${version}\r\n${[...lines, ...length, `X-Case: ${caseId}`].join('\r\n')}\r\n\r\n`;
        const bytes = Buffer.from(head + body, 'latin1');
        const ours = readRequestHead(bytes);
        if (ours === 'elsewhere' || ours === 'incomplete') return;
        if (bytes.length < ours.bodyStart + ours.bodyLength) return;
        taken++;
        const node = await nodeParse(caseId, bytes);
        expect(node, `Node refused what the reader took: ${JSON.stringify(head)}`).toBeDefined();
        expect(node!.method).toBe(ours.method);
        expect(node!.url).toBe(ours.url);
        expect(node!.body).toBe(bytes.subarray(ours.bodyStart, ours.bodyStart + ours.bodyLength).toString('latin1'));
        for (const [name, value] of Object.entries(ours.headers)) {
          // Node decodes header values as latin1 too.
          expect(node!.headers[name], `${name} in ${JSON.stringify(head)}`).toBe(value);
        }
        expect(Object.keys(node!.headers).sort()).toEqual(Object.keys(ours.headers).sort());
      }),
      { numRuns: 1500, seed: 20261130 },
    );
    // The generator must actually exercise the taken path, not only refusals.
    expect(taken).toBeGreaterThan(100);
  }, 120_000);

  it('leaves upgrades, other paths, chunked bodies and large bodies to Node', () => {
    const host = 'Host: x\r\n';
    expect(readRequestHead(Buffer.from(`GET /app/key?protocol=7 HTTP/1.1\r\n${host}Upgrade: websocket\r\n\r\n`))).toBe('elsewhere');
    expect(readRequestHead(Buffer.from(`GET /up HTTP/1.1\r\n${host}\r\n`))).toBe('elsewhere');
    expect(readRequestHead(Buffer.from(`POST /apps/a/events HTTP/1.1\r\n${host}Transfer-Encoding: chunked\r\n\r\n`))).toBe('elsewhere');
    expect(readRequestHead(Buffer.from(`POST /apps/a/events HTTP/1.1\r\n${host}Content-Length: 70000\r\n\r\n`))).toBe('elsewhere');
    expect(readRequestHead(Buffer.from(`POST /apps/a/events HTTP/1.1\r\n${host}X: ${'a'.repeat(17_000)}`))).toBe('elsewhere');
    expect(readRequestHead(Buffer.from('POST /apps/a/eve'))).toBe('incomplete');
    expect(readRequestHead(Buffer.from('PO'))).toBe('incomplete');
  });
});

describe('on the public port', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ apps: [defaultApp] });
  });
  afterAll(async () => {
    await server.stop();
  });

  /** A signed publish of `{n}` to the channel `reader`, framed by Content-Length (the reader takes it). */
  const signedPublish = (n: number, extra = '') => publish('reader', n, { extra });
  const statuses = (text: string) => [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));

  it('answers pipelined requests in order, those it takes and those it hands to Node, and delivers every publish', async () => {
    const subscriber = await RawClient.connect(server, defaultApp.key);
    subscriber.send({ event: 'pusher:subscribe', data: { channel: 'reader' } });
    await subscriber.nextEvent('pusher_internal:subscription_succeeded');
    const requests = [signedPublish(1), 'GET /up HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', signedPublish(2), signedPublish(3)];
    const answer = await rawExchange(server.port, [requests.join('')], 5_000, (text) => statuses(text).length === 4);
    expect(statuses(answer.text)).toEqual([200, 200, 200, 200]);
    expect(answer.text).toContain('"status":"ok"');
    for (const n of [1, 2, 3]) expect(JSON.parse((await subscriber.nextEvent('e')).data as string)).toEqual({ n });
    subscriber.close();
  });

  it('waits for a body that arrives in pieces, and keeps the connection for the next request', async () => {
    const request = signedPublish(4);
    const at = request.indexOf('\r\n\r\n') + 6;
    const answer = await rawExchange(server.port, [request.slice(0, 20), 100, request.slice(20, at), 300, request.slice(at), 100, signedPublish(5)], 5_000, (text) => statuses(text).length === 2);
    expect(statuses(answer.text)).toEqual([200, 200]);
    expect(answer.closed).toBe(false);
    expect(answer.text).toMatch(/Connection: keep-alive/);
  });

  it('refuses an unsigned request before its body arrives, then ends that connection', async () => {
    const answer = await rawExchange(server.port, ['POST /apps/test-app/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"na', 3_000], 6_000);
    expect(answer.status).toBe(401);
    expect(answer.firstByteMs).toBeLessThan(2_000);
    expect(answer.closed).toBe(true);
  });

  it('honours Connection: close', async () => {
    const answer = await rawExchange(server.port, [signedPublish(6, 'Connection: close\r\n')], 3_000);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('Connection: close');
    expect(answer.closed).toBe(true);
  });

  it('answers a request whose client half-closes after sending it, then ends the connection', async () => {
    const socket = connect(server.port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => received.push(d));
    const ended = new Promise<void>((resolve) => socket.on('end', resolve));
    socket.end(signedPublish(8));
    await ended;
    expect(statuses(Buffer.concat(received).toString('latin1'))).toEqual([200]);
    socket.destroy();
  });

  it('cuts a silent connection and a trickled head with 408, as Node cuts its own', async () => {
    const [silent, trickled] = await Promise.all([
      rawExchange(server.port, [], 9_000),
      rawExchange(server.port, ['POST /apps/test-app/events HTTP/1.1\r\n', 1_500, 'Host: x\r\n', 1_500, 'X-A: 1\r\n', 1_500, 'X-B: 1\r\n', 1_500, 'X-C: 1\r\n', 1_500, 'X-D: 1\r\n'], 9_000),
    ]);
    for (const answer of [silent, trickled]) {
      expect(answer.status).toBe(408);
      expect(answer.closed).toBe(true);
      expect(answer.elapsedMs).toBeGreaterThanOrEqual(4_500);
      expect(answer.elapsedMs).toBeLessThan(8_500);
    }
  }, 15_000);

  it('holds a pipelining client that never reads to a bound, while others publish', async () => {
    const subscriber = await RawClient.connect(server, defaultApp.key);
    subscriber.send({ event: 'pusher:subscribe', data: { channel: 'reader' } });
    await subscriber.nextEvent('pusher_internal:subscription_succeeded');
    const before = (await (await fetch(`${server.url}/up`)).json()) as { memory: { rss: number } };
    // 40 MB of requests written without ever reading an answer.
    const flood = connect(server.port, '127.0.0.1');
    flood.on('error', () => undefined);
    flood.pause();
    const chunk = Buffer.from(signedPublish(0).repeat(200));
    let written = 0;
    await new Promise<void>((resolve) => {
      const write = () => {
        while (written < 40_000_000) {
          written += chunk.length;
          if (!flood.write(chunk)) return void flood.once('drain', write);
        }
        resolve();
      };
      write();
      setTimeout(resolve, 4_000);
    });
    // Meanwhile a well-behaved publisher gets through.
    const answer = await rawExchange(server.port, [signedPublish(7)], 3_000, (text) => statuses(text).length === 1);
    expect(statuses(answer.text)).toEqual([200]);
    const after = (await (await fetch(`${server.url}/up`)).json()) as { memory: { rss: number } };
    // The server stopped reading the flood: far less than it was sent is held.
    expect(written).toBeGreaterThan(1_000_000);
    expect(after.memory.rss - before.memory.rss).toBeLessThan(32 * 1024 * 1024);
    flood.destroy();
    subscriber.close();
  }, 20_000);
});
