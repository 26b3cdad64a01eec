// A cluster with nodes of different releases on one Redis (a rolling deploy, a node forgotten in a
// deploy): bus messages carry the wire format version, and a node drops a message of another
// format unread (counted, warned about once per node) instead of misreading it. The "old
// release" peers here are raw Redis clients publishing frames as those releases did.
import type Pusher from 'pusher-js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { collect, pusherClient, sdk, sleep, subscribed } from '../helpers/clients.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';
import { clusterConfig, eventually, redisCall as redisCallOn, startRedis, type TestRedis } from './helpers.js';

const prefix = 'pogo-mixed:';
let redis: TestRedis;
let nodes: RunningServer[] = [];
const clients: Pusher[] = [];

/** A publish frame as the node `node` of a release would send it; `prefix` is its format marker ('' before versions). */
function publishFrame(marker: string, node: string, channel: string, data: unknown): string {
  const json = JSON.stringify({ event: 'headline', channel, data: JSON.stringify(data) });
  return `${marker}p${node}\n${defaultApp.id}\n${channel}\n\n\ne${json}`;
}

const redisCall = (args: string[]) => redisCallOn(redis.port, args);
const busPublish = (payload: string) => redisCall(['PUBLISH', `${prefix}bus`, payload]);

const warningsAbout = (node: RunningServer, id: string) => node.output().split('\n').filter((line) => line.includes(`node ${id} runs another release`));

function client(node: RunningServer): Pusher {
  const c = pusherClient(node, defaultApp);
  clients.push(c);
  return c;
}

async function up(node: RunningServer): Promise<{ cluster?: { foreignNodes: { node: string; version: number; droppedMessages: number }[] } }> {
  return (await (await fetch(`${node.url}/up`)).json()) as never;
}

beforeAll(async () => {
  redis = await startRedis();
  const config = clusterConfig(redis.url, { prefix });
  nodes = await Promise.all([startServer(config), startServer(config)]);
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await sleep(100);
});

beforeEach(() => onTestFailed(() => console.error(nodes.map((n, i) => `--- node ${i}:\n${n.output()}`).join('\n'))));

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await redis?.stop();
});

describe('a cluster of one release', () => {
  it('announces no foreign node and delivers between its nodes', async () => {
    const [a, b] = [client(nodes[0]!), client(nodes[1]!)];
    await Promise.all([subscribed(a, 'news'), subscribed(b, 'news')]);
    const seen = [collect(a, 'news', 'headline'), collect(b, 'news', 'headline')];
    await sdk(nodes[1]!, defaultApp).trigger('news', 'headline', { n: 1 });
    await eventually(() => expect(seen).toEqual([[{ n: 1 }], [{ n: 1 }]]));
    for (const node of nodes) {
      expect((await up(node)).cluster).toEqual({ foreignNodes: [] });
      expect(node.output()).not.toContain('runs another release');
    }
    // Both nodes registered their format where they register themselves.
    const formats = await redisCall(['HGETALL', `${prefix}node-formats`]);
    expect(formats.match(/\r\n2\r\n/g)?.length).toBe(2);
  });
});

describe('messages from a node of another release', () => {
  const oldNode = '0ldrelease000001';
  const newerNode = 'newerrelease0001';

  it('drops a publish in the format before versions, warns once naming the node, and delivers current messages', async () => {
    const [a, b] = [client(nodes[0]!), client(nodes[1]!)];
    await Promise.all([subscribed(a, 'news'), subscribed(b, 'news')]);
    const seen = [collect(a, 'news', 'headline'), collect(b, 'news', 'headline')];
    // Read as before, these would be delivered to both clients.
    for (let i = 0; i < 3; i++) expect(await busPublish(publishFrame('', oldNode, 'news', { from: 'old', i }))).toBe(':2\r\n');
    await sdk(nodes[0]!, defaultApp).trigger('news', 'headline', { from: 'current' });
    await eventually(() => expect(seen).toEqual([[{ from: 'current' }], [{ from: 'current' }]]));
    await sleep(300);
    expect(seen).toEqual([[{ from: 'current' }], [{ from: 'current' }]]);
    for (const node of nodes) {
      const warnings = warningsAbout(node, oldNode);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('bus format 1 (a release that sends no format version), this node format 2');
      expect(warnings[0]).toContain('deploy one release to every node, then `php artisan pogo:ws-restart` restarts them all together');
      expect((await up(node)).cluster?.foreignNodes).toEqual([{ node: oldNode, version: 1, droppedMessages: 3 }]);
      const metrics = await (await fetch(`${node.url}/metrics`)).text();
      expect(metrics).toContain('pogo_websocket_bus_foreign_messages_total{version="1"} 3');
    }
  });

  it('does not act on a restart request of the old format, nor warn about the same node again', async () => {
    const a = client(nodes[1]!);
    await subscribed(a, 'news');
    let closed = false;
    a.connection.bind('disconnected', () => (closed = true));
    await busPublish(`c${oldNode}\n${JSON.stringify({ t: 'restart', app: defaultApp.id })}`);
    await busPublish(`c${oldNode}\n${JSON.stringify({ t: 'terminate', app: defaultApp.id, user: 'u1' })}`);
    await sleep(500);
    expect(closed).toBe(false);
    expect(a.connection.state).toBe('connected');
    for (const node of nodes) {
      expect(node.output()).not.toContain('closing connections (4200)');
      expect(node.process.exitCode).toBeNull();
      expect(warningsAbout(node, oldNode)).toHaveLength(1);
      expect((await up(node)).cluster?.foreignNodes).toEqual([{ node: oldNode, version: 1, droppedMessages: 5 }]);
    }
  });

  it('drops a frame of a newer format, names its version, and current delivery is unaffected', async () => {
    const [a, b] = [client(nodes[0]!), client(nodes[1]!)];
    await Promise.all([subscribed(a, 'scores'), subscribed(b, 'scores')]);
    const seen = [collect(a, 'scores', 'headline'), collect(b, 'scores', 'headline')];
    await busPublish(publishFrame('~03', newerNode, 'scores', { from: 'newer' }));
    await busPublish(publishFrame('~03', newerNode, 'scores', { from: 'newer' }));
    await sdk(nodes[1]!, defaultApp).trigger('scores', 'headline', { from: 'current' });
    await eventually(() => expect(seen).toEqual([[{ from: 'current' }], [{ from: 'current' }]]));
    await sleep(300);
    expect(seen).toEqual([[{ from: 'current' }], [{ from: 'current' }]]);
    for (const node of nodes) {
      const warnings = warningsAbout(node, newerNode);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('bus format 3, this node format 2');
      expect((await up(node)).cluster?.foreignNodes).toContainEqual({ node: newerNode, version: 3, droppedMessages: 2 });
    }
  });
});

describe('a quiet node of an older release', () => {
  it('is found in the node registry (alive, without a format) and warned about once', async () => {
    const quiet = 'quietoldnode0001';
    const [seconds] = (await redisCall(['TIME'])).split('\r\n').filter((line) => /^\d+$/.test(line));
    // As an older release registers: a lease in `nodes`, no format.
    await redisCall(['ZADD', `${prefix}nodes`, String(Number(seconds) * 1000 + 3_000), quiet]);
    try {
      for (const node of nodes) await eventually(() => expect(warningsAbout(node, quiet)).toHaveLength(1), 4_000);
      for (const node of nodes) expect((await up(node)).cluster?.foreignNodes).toContainEqual({ node: quiet, version: 1, droppedMessages: 0 });
      await sleep(1_500); // more heartbeats: still one warning
      for (const node of nodes) expect(warningsAbout(node, quiet)).toHaveLength(1);
    } finally {
      await redisCall(['ZREM', `${prefix}nodes`, quiet]);
    }
  });
});
