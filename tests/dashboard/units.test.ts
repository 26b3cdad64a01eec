// The dashboard's pure parts: the sample ring, the console feed's rate cap, credential
// checks, and the test event's signature against the official Pusher SDK's vectors.
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { DashboardAuth, readCookie, secretsEqual } from '../../server/src/dashboard/auth';
import { ConsoleFeed, consoleData, maxConsoleData } from '../../server/src/dashboard/console-feed';
import { emptySample, ringSeconds, SampleRing } from '../../server/src/dashboard/samples';
import { parseTestEvent, signedQuery } from '../../server/src/dashboard/test-event';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('SampleRing', () => {
  it('keeps the newest 900 one-second samples, oldest first', () => {
    const ring = new SampleRing();
    expect(ring.history()).toEqual({ last: 0, series: expect.objectContaining({ connections: [] }) });
    for (let i = 0; i < ringSeconds + 5; i++) ring.push(1_000 * i, { ...emptySample(), connections: i, errors: i % 2 });
    const { last, series } = ring.history();
    expect(ring.length).toBe(900);
    expect(last).toBe(1_000 * (ringSeconds + 4));
    expect(series.connections[0]).toBe(5);
    expect(series.connections.at(-1)).toBe(ringSeconds + 4);
    expect(series.connections).toHaveLength(900);
    expect(series.errors.slice(0, 3)).toEqual([1, 0, 1]);
  });
});

describe('ConsoleFeed', () => {
  it('sends one batch per 100 ms with at most maxPerSecond/10 events, and counts the rest', () => {
    vi.useFakeTimers();
    try {
      const sent: string[] = [];
      const feed = new ConsoleFeed('node-1', (payload) => sent.push(payload), 100);
      feed.on = true;
      let built = 0;
      for (let i = 0; i < 25; i++) {
        if (feed.take()) {
          built++;
          feed.push({ at: i, type: 'api_message', channel: 'c', event: `e${i}` });
        }
      }
      expect(built).toBe(10);
      expect(sent).toEqual([]);
      vi.advanceTimersByTime(100);
      expect(sent).toHaveLength(1);
      const batch = JSON.parse(sent[0]!);
      expect(batch.node).toBe('node-1');
      expect(batch.events.map((e: { event: string }) => e.event)).toEqual(Array.from({ length: 10 }, (_, i) => `e${i}`));
      expect(batch.dropped).toBe(15);
      feed.stop();
      expect(feed.on).toBe(false);
      vi.advanceTimersByTime(1_000);
      expect(sent).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('cuts long data and says how long it was', () => {
    expect(consoleData({ a: 1 })).toBe('{"a":1}');
    const long = consoleData('x'.repeat(maxConsoleData + 10));
    expect(long.startsWith('x'.repeat(maxConsoleData))).toBe(true);
    expect(long.endsWith(`(${maxConsoleData + 10} characters)`)).toBe(true);
  });
});

describe('DashboardAuth', () => {
  const token = 'a-token-of-twenty-chars';
  const auth = new DashboardAuth({ token, path: '/dashboard' });

  it('accepts the bearer token and the session cookie, nothing else', () => {
    expect(auth.allows(request({ authorization: `Bearer ${token}` }))).toBe(true);
    expect(auth.allows(request({ authorization: `bearer ${token}` }))).toBe(true);
    expect(auth.allows(request({ authorization: `Bearer ${token}x` }))).toBe(false);
    expect(auth.allows(request({ authorization: `Bearer ${token.slice(0, -1)}` }))).toBe(false);
    expect(auth.allows(request({ authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` }))).toBe(false);
    expect(auth.allows(request({}))).toBe(false);
    const session = auth.sessionCookie(false).split(';')[0]!;
    expect(session).not.toContain(token);
    expect(auth.allows(request({ cookie: `other=1; ${session}` }))).toBe(true);
    expect(auth.allows(request({ cookie: `${session.slice(0, -2)}` }))).toBe(false);
    expect(auth.sessionCookie(true)).toMatch(/; Secure$/);
    expect(auth.challenge()).toMatch(/^Bearer /);
  });

  it('checks basic auth as user:password, and a session made from other credentials fails', () => {
    const basic = new DashboardAuth({ basicAuth: { user: 'ops', password: 'p:ss' }, path: '/d' });
    const header = (text: string) => request({ authorization: `Basic ${Buffer.from(text).toString('base64')}` });
    expect(basic.allows(header('ops:p:ss'))).toBe(true);
    expect(basic.allows(header('ops:p:s'))).toBe(false);
    expect(basic.allows(header('ops'))).toBe(false);
    expect(basic.tokenMatches('p:ss')).toBe(false);
    expect(basic.challenge()).toMatch(/^Basic /);
    expect(basic.allows(request({ cookie: auth.sessionCookie(false).split(';')[0]! }))).toBe(false);
  });

  it('compares in constant time whatever the lengths', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
    expect(secretsEqual('abc', '')).toBe(false);
    expect(readCookie('a=1; pogo_dashboard=xyz; b=2', 'pogo_dashboard')).toBe('xyz');
    expect(readCookie(undefined, 'pogo_dashboard')).toBeUndefined();
  });
});

describe('test event', () => {
  it('signs exactly like the official Pusher SDK (tests/fixtures vectors)', () => {
    const vectors = JSON.parse(readFileSync(new URL('../fixtures/pusher-signatures.json', import.meta.url), 'utf8'));
    const posts = vectors.http_api.filter((v: { method: string }) => v.method === 'POST');
    expect(posts.length).toBeGreaterThan(0);
    for (const v of posts) {
      const query = signedQuery(vectors.app, v.path, v.body, v.auth_timestamp);
      expect(new URLSearchParams(query).get('auth_signature')).toBe(v.auth_signature);
      expect(new URLSearchParams(query).get('body_md5')).toBe(v.body_md5);
    }
  });

  it('refuses unusable bodies with a message for the page', () => {
    expect(parseTestEvent(null)).toBe('the body must be a JSON object');
    expect(parseTestEvent({ channel: '', event: 'e' })).toBe('"channel" must be a non-empty string');
    expect(parseTestEvent({ channel: 'c' })).toBe('"event" must be a non-empty string');
    expect(parseTestEvent({ channel: 'c', event: 'e', data: 5 })).toBe('"data" must be a string');
    expect(parseTestEvent({ channel: 'c', event: 'e' })).toEqual({ channel: 'c', event: 'e', data: '{}' });
  });
});
