// The transport's top-level rule (server/src/transport/listener-guard.ts): an exception in a
// listener closes that one connection or request, is counted, and never escapes. The fuzz and
// attack suites find no input that reaches it any more; this checks the guard itself, and that
// its count is published.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guard, listenerErrorCounts } from '../../server/src/transport/listener-guard.js';
import { defaultApp, startServer, type RunningServer } from '../helpers/server.js';

describe('guard()', () => {
  it('catches a throw, closes that one thing and counts it', () => {
    const before = listenerErrorCounts().get('message') ?? 0;
    let closed = 0;
    expect(() => guard('message', () => { throw new TypeError('bad input'); }, () => closed++)).not.toThrow();
    expect(closed).toBe(1);
    expect(listenerErrorCounts().get('message')).toBe(before + 1);
  });

  it('catches a rejected promise (an async handler) the same way, without an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const before = listenerErrorCounts().get('http') ?? 0;
    let closed = 0;
    guard('http', async () => { throw new Error('later'); }, () => closed++);
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.off('unhandledRejection', onUnhandled);
    expect(closed).toBe(1);
    expect(listenerErrorCounts().get('http')).toBe(before + 1);
    expect(unhandled).toEqual([]);
  });

  it('survives a close that throws too', () => {
    expect(() => guard('upgrade', () => { throw new Error('a'); }, () => { throw new Error('b'); })).not.toThrow();
  });

  it('leaves a listener that succeeds alone', () => {
    let closed = 0;
    guard('ping', () => 1, () => closed++);
    expect(closed).toBe(0);
  });
});

describe('the count in /metrics', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ apps: [defaultApp] });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is published as pogo_websocket_listener_errors_total', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/^# TYPE pogo_websocket_listener_errors_total counter$/m);
  });
});
