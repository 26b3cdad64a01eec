// The API reader red team (server/src/http/request-head.ts, api-connections.ts) on the real built
// server, timeouts and held bytes: slow heads, bodies that never finish, floods of partial requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../helpers/clients.js';
import { startServer, type RunningServer } from '../../helpers/server.js';
import { Wire, apps, listenerErrors, publish, signedTarget, statuses } from './support.js';

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


