// Every byte queued for a socket counts against its outbound budget (maxOutboundBufferBytes):
// replays, pongs and errors as well as events. Attacked by clients that write a lot and never read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import schema from '../../config/pogo-websocket.schema.json' with { type: 'json' };
import { RawClient, sdk, sleep } from '../helpers/clients.js';
import { clientFrame, rawWebSocket } from '../helpers/raw-ws.js';
import { defaultApp, startServer, type RunningServer, type TestApp } from '../helpers/server.js';

const serialField = schema.recovery.serialField;
const budgeted: TestApp = { id: 'budgeted', key: 'budgeted-key', secret: 'bs', limits: { maxOutboundBufferBytes: 256 * 1024 } };
const utf8: TestApp = { id: 'utf8', key: 'utf8-key', secret: 'us', limits: { recoveryMaxBytes: 100_000 } };
const small: TestApp = { id: 'small', key: 'small-key', secret: 'ss', limits: { recoveryMaxBytes: 100_000 } };
const tight: TestApp = { id: 'tight', key: 'tight-key', secret: 'ts', limits: { maxOutboundBufferBytes: 8_192 } };

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ apps: [defaultApp, budgeted, utf8, small, tight] });
});
afterAll(async () => {
  await server.stop();
});

interface Health {
  connections: number;
  memory: { rss: number };
}
const health = async (): Promise<Health> => (await fetch(`${server.url}/up`)).json() as Promise<Health>;
const mib = 1024 * 1024;

/** Publishes `count` events on `channel` in batches of ten; returns the serial of each, as a subscriber saw them. */
async function publish(app: TestApp, channel: string, count: number, data: (i: number) => string): Promise<string[]> {
  const watcher = await RawClient.connect(server, app.key);
  watcher.send({ event: 'pusher:subscribe', data: { channel } });
  await watcher.nextEvent('pusher_internal:subscription_succeeded');
  const client = sdk(server, app);
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, (_, j) => ({ channel, name: 'e', data: data(i + j) }));
    const response = await client.triggerBatch(batch);
    expect(response.status).toBe(200);
  }
  const serials: string[] = [];
  while (serials.length < count) serials.push((await watcher.nextEvent('e'))[serialField] as string);
  watcher.close();
  return serials;
}

/** Subscribes with resume_from and returns what came back: replayed events or a discontinuity. */
async function resume(app: TestApp, channel: string, serial: string): Promise<{ replayed: number; discontinuity?: string }> {
  const client = await RawClient.connect(server, app.key);
  client.send({ event: 'pusher:subscribe', data: { channel, [schema.recovery.resumeField]: serial } });
  await client.nextEvent('pusher_internal:subscription_succeeded');
  client.send({ event: 'pusher:ping' });
  await client.nextEvent('pusher:pong', 10_000);
  const discontinuity = client.log.find((m) => m.event === schema.recovery.discontinuityEvent);
  const replayed = client.log.filter((m) => m.event === 'e').length;
  client.close();
  return { replayed, discontinuity: discontinuity ? (JSON.parse(discontinuity.data as string) as { reason: string }).reason : undefined };
}

describe('recovery replays', () => {
  it('a replay larger than the connection may have queued ends in pogo:discontinuity, not a flood', async () => {
    // 100 events of ~9 KB: 900 KB of history, over the 256 KiB budget.
    const serials = await publish(budgeted, 'big-history', 100, (i) => `${i}:${'x'.repeat(9_000)}`);
    const result = await resume(budgeted, 'big-history', serials[0]!);
    expect(result.discontinuity).toBe('REPLAY_TOO_LARGE');
    expect(result.replayed).toBe(0);
    // One that fits is still replayed in full.
    expect(await resume(budgeted, 'big-history', serials[90]!)).toEqual({ replayed: 9, discontinuity: undefined });
  });

  it('150 resume/unsubscribe pairs in one write from a client that never reads keep the server bounded', async () => {
    const serials = await publish(defaultApp, 'flooded', 100, (i) => `${i}:${'y'.repeat(9_000)}`);
    const bystander = await RawClient.connect(server, defaultApp.key);
    const before = await health();
    const attacker = await rawWebSocket(server.port, `/app/${defaultApp.key}?protocol=7`);
    const frames: Buffer[] = [];
    for (let i = 0; i < 150; i++) {
      frames.push(clientFrame(JSON.stringify({ event: 'pusher:subscribe', data: { channel: 'flooded', [schema.recovery.resumeField]: serials[0] } })));
      frames.push(clientFrame(JSON.stringify({ event: 'pusher:unsubscribe', data: { channel: 'flooded' } })));
    }
    attacker.write(Buffer.concat(frames));
    await sleep(1_500);
    const during = await health();
    // Without the budget each pair queued the whole 900 KB history again: ~135 MB.
    expect(during.memory.rss - before.memory.rss).toBeLessThan(60 * mib);
    bystander.send({ event: 'pusher:ping' });
    await bystander.nextEvent('pusher:pong');
    attacker.destroy();
    bystander.close();
  }, 60_000);
});

describe('pongs', () => {
  it('a ping flood from a client that never reads is closed (4101) instead of growing the server', async () => {
    const bystander = await RawClient.connect(server, defaultApp.key);
    await sleep(200);
    const before = await health();
    const attacker = await rawWebSocket(server.port, `/app/${defaultApp.key}?protocol=7`);
    attacker.on('error', () => {});
    await sleep(100);
    const connected = (await health()).connections;
    const ping = clientFrame(Buffer.alloc(125, 1), 0x9);
    const chunk = Buffer.concat(Array.from({ length: 2000 }, () => ping)); // ~260 KB of pings
    let sent = 0;
    for (let i = 0; i < 200 && !attacker.destroyed; i++) {
      // Up to ~50 MB of pings, each answered by a pong the attacker never reads.
      if (!attacker.write(chunk)) await new Promise((resolve) => setTimeout(resolve, 5));
      sent += chunk.length;
    }
    await sleep(3_000);
    const after = await health();
    expect(sent).toBeGreaterThan(0);
    // The attacker's connection was closed by the server; the bystander's was not.
    expect(after.connections).toBe(connected - 1);
    expect(after.memory.rss - before.memory.rss).toBeLessThan(60 * mib);
    bystander.send({ event: 'pusher:ping' });
    await bystander.nextEvent('pusher:pong');
    bystander.close();
    attacker.destroy();
  }, 60_000);

  it('a client that reads gets its WebSocket pongs, with the ping data', async () => {
    const client = await RawClient.connect(server, defaultApp.key);
    const pong = new Promise<Buffer>((resolve) => client.ws.once('pong', resolve));
    client.ws.ping(Buffer.from('are you there'));
    expect((await pong).toString()).toBe('are you there');
    client.close();
  });
});

describe('presence snapshots', () => {
  it('count against the budget too: one larger than it closes the subscriber with 4101', async () => {
    const signer = sdk(server, tight);
    const members: RawClient[] = [];
    for (let i = 0; i < 12; i++) {
      const member = await RawClient.connect(server, tight.key);
      const auth = signer.authorizeChannel(member.socketId, 'presence-big', { user_id: `u${i}`, user_info: { bio: 'b'.repeat(900) } });
      member.send({ event: 'pusher:subscribe', data: { channel: 'presence-big', ...auth } });
      const answer = await member.next((m) => m.event === 'pusher_internal:subscription_succeeded' || m.event === 'pusher:error');
      members.push(member);
      // Each snapshot holds everyone so far (~1 KB a member): past 8 KB the subscriber is closed.
      if (i < 6) expect(answer.event).toBe('pusher_internal:subscription_succeeded');
    }
    const last = members.at(-1)!;
    expect((await last.closed).code).toBe(schema.closeCodes.SLOW_CONSUMER.code);
    for (const member of members) member.close();
  });
});

describe('errors', () => {
  it('a flood of bad frames from a client that never reads is closed, not queued without bound', async () => {
    const attacker = await rawWebSocket(server.port, `/app/${defaultApp.key}?protocol=7`);
    attacker.on('error', () => {});
    await sleep(100);
    const connected = (await health()).connections;
    const bad = clientFrame('not json at all');
    const chunk = Buffer.concat(Array.from({ length: 5000 }, () => bad));
    for (let i = 0; i < 200 && !attacker.destroyed; i++) {
      if (!attacker.write(chunk)) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await sleep(3_000);
    expect((await health()).connections).toBe(connected - 1);
    attacker.destroy();
  }, 60_000);
});

describe('the recovery byte budget', () => {
  it('counts UTF-8 bytes, not string length', async () => {
    // 100 events of 1,000 "€" (3,000 bytes each, 1,000 characters): 300 KB against a 100 KB budget.
    const serials = await publish(utf8, 'euros', 100, () => '€'.repeat(1_000));
    expect(await resume(utf8, 'euros', serials[50]!)).toEqual({ replayed: 0, discontinuity: 'HISTORY_TRIMMED' });
    expect((await resume(utf8, 'euros', serials[90]!)).replayed).toBe(9);
  });

  it('counts what each entry costs besides its message', async () => {
    // 1,000 events of ~60 bytes: 60 KB of strings, but far more than 100 KB of heap.
    const serials = await publish(small, 'tiny', 1_000, (i) => String(i));
    expect(await resume(small, 'tiny', serials[500]!)).toEqual({ replayed: 0, discontinuity: 'HISTORY_TRIMMED' });
    expect((await resume(small, 'tiny', serials[990]!)).replayed).toBe(9);
  }, 60_000);
});
