// The two cluster stores must agree: the primary's in-memory store (`--workers N` without
// Redis) and the Lua scripts on a real Redis. Random sequences of joins, leaves and dead-node
// reaps go to both; every answer and the final membership must be identical.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../server/src/stores/memory-store.js';
import { RedisBroker } from '../../server/src/brokers/redis-broker.js';
import { startRedis, type TestRedis } from './helpers.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const node = fc.constantFrom('node-a', 'node-b', 'node-c');
const channel = fc.constantFrom('presence-one', 'presence-two');
const user = fc.option(fc.constantFrom('u1', 'u2', 'u3'), { nil: undefined });
const operation = fc.oneof(
  fc.record({ op: fc.constant('enter' as const), node, channel, occupied: fc.boolean(), user }),
  fc.record({ op: fc.constant('exit' as const), node, channel, vacated: fc.boolean(), user }),
  fc.record({ op: fc.constant('reap' as const), node }),
  fc.record({ op: fc.constant('count' as const), node, channel, count: fc.integer({ min: 0, max: 3 }) }),
);

describe('cluster stores', () => {
  it('the in-memory store and the Redis scripts decide every flip alike', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 25 }), async (operations) => {
        const memory = new MemoryStore();
        const broker = new RedisBroker(
          { url: redis.url, prefix: `store-${run++}:`, commandTimeoutMs: 1_000, nodeTimeoutSeconds: 60, requestTimeoutMs: 1_000, history: false },
          { info: () => {}, warn: () => {} },
        );
        await broker.start({ message: () => {}, reaped: () => {}, resumed: () => {}, undelivered: () => {} });
        try {
          for (const o of operations) {
            if (o.op === 'enter') {
              const member = o.user === undefined ? undefined : { userId: o.user, info: { name: o.user } };
              const expected = memory.enter(o.node, 'app', o.channel, o.occupied, member, true);
              expect(await broker.enter(o.node, 'app', o.channel, o.occupied, member, true)).toEqual(expected);
            } else if (o.op === 'exit') {
              const expected = memory.exit(o.node, 'app', o.channel, o.vacated, o.user);
              expect(await broker.exit(o.node, 'app', o.channel, o.vacated, o.user)).toEqual(expected);
            } else if (o.op === 'count') {
              expect(await broker.setCount(o.node, 'app', o.channel, o.count)).toBe(memory.setCount(o.node, 'app', o.channel, o.count));
            } else {
              const sort = (list: { channel: string; removedUserId?: string }[]) => [...list].sort((x, y) => `${x.channel}${x.removedUserId}`.localeCompare(`${y.channel}${y.removedUserId}`));
              expect(sort(await broker.reap(o.node))).toEqual(sort(memory.reap(o.node)));
            }
          }
          for (const name of ['presence-one', 'presence-two']) {
            expect(await broker.members('app', name)).toEqual(memory.members('app', name));
            expect(await broker.userCount('app', name)).toBe(memory.userCount('app', name));
            // A count of 0 changes nothing and answers the total: the same on both.
            expect(await broker.setCount('probe', 'app', name, 0)).toBe(memory.setCount('probe', 'app', name, 0));
          }
        } finally {
          await broker.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
