// The API reader red team (server/src/http/request-head.ts, api-connections.ts) on the real built
// server, the graceful stop (SIGTERM) with API connections open: idle, mid-body, half-open.
import { describe, expect, it } from 'vitest';
import { type RawClient, sleep } from '../../helpers/clients.js';
import { startServer, type RunningServer } from '../../helpers/server.js';
import { Wire, apps, chunked, publish, signedTarget, statuses, subscriber } from './support.js';

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


