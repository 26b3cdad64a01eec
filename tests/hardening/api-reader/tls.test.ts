// The API reader red team (server/src/http/request-head.ts, api-connections.ts) on the real built
// server, the same over TLS: pipelining, hand-offs, record boundaries, timeouts, closing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../helpers/clients.js';
import { makeCa } from '../../deploy/certificates.js';
import { startDeployServer, type DeployServer } from '../../deploy/helpers.js';
import { Wire, apps, chunked, clientFrame, publish, statuses, up, upgrade } from './support.js';

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


