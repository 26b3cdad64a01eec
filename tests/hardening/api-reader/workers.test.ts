// The API reader red team (server/src/http/request-head.ts, api-connections.ts) on the real built
// server, --workers 2: node:cluster hands each connection to a worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../helpers/clients.js';
import { startServer, type RunningServer } from '../../helpers/server.js';
import { Wire, apps, listenerErrors, publish, signedTarget, statuses, up } from './support.js';

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
