// Recovery history: window, byte budget, unknown serials, and the order of what is replayed.
import { describe, expect, it } from 'vitest';
import { AppHistory } from '../../server/src/recovery/history.js';

function publish(history: AppHistory, channel: string, bytes: number, at: number, exceptSocketId?: string) {
  const { seq, serial } = history.nextSerial();
  history.record(channel, seq, 'x'.repeat(bytes), exceptSocketId, at);
  return serial;
}

describe('AppHistory', () => {
  it('replays, in order, exactly the events after a serial, on that channel only', () => {
    const history = new AppHistory(120_000, 1_000_000);
    const first = publish(history, 'a', 10, 0);
    publish(history, 'b', 10, 0);
    const second = publish(history, 'a', 11, 0);
    publish(history, 'a', 12, 0);
    const replay = history.since('a', first);
    expect(replay.ok && replay.entries.map((e) => e.message.length)).toEqual([11, 12]);
    const none = history.since('a', publish(history, 'a', 1, 0));
    expect(none).toEqual({ ok: true, entries: [] });
    expect(second).toMatch(/^[0-9A-Za-z]{8}$/);
  });

  it('refuses serials of another epoch, from the future, or malformed', () => {
    const history = new AppHistory(120_000, 1_000_000);
    publish(history, 'a', 10, 0);
    for (const serial of ['e0.1', '99', 'garbage!', '-1', '', 'zzzzzzzzzzz']) {
      expect(history.since('a', serial)).toEqual({ ok: false, reason: 'UNKNOWN_SERIAL' });
    }
  });

  it('says WINDOW_EXPIRED once events after the serial have aged out, and forgets idle channels', () => {
    const history = new AppHistory(1_000, 1_000_000);
    const s0 = publish(history, 'a', 10, 0);
    publish(history, 'a', 10, 500);
    const s2 = publish(history, 'a', 10, 900);
    history.expire(1_200); // drops only the first: the client that saw it misses nothing
    expect(history.since('a', s0).ok).toBe(true);
    history.expire(1_600); // drops the second too
    expect(history.since('a', s0)).toEqual({ ok: false, reason: 'WINDOW_EXPIRED' });
    expect(history.since('a', s2)).toEqual({ ok: true, entries: [] });
    history.expire(2_000);
    expect(history.bytes).toBe(0);
    expect(history.since('a', s2)).toEqual({ ok: true, entries: [] }); // nothing was missed after s2
    expect(history.since('a', s0)).toEqual({ ok: false, reason: 'WINDOW_EXPIRED' });
  });

  it('keeps within the byte budget, oldest first across channels, and says HISTORY_TRIMMED', () => {
    const history = new AppHistory(120_000, 100);
    const start = publish(history, 'z', 1, 0);
    publish(history, 'a', 40, 0);
    publish(history, 'a', 40, 0);
    const afterTwo = publish(history, 'b', 40, 0); // 121 bytes: z's and a's first event go
    expect(history.bytes).toBe(80);
    expect(history.since('a', start)).toEqual({ ok: false, reason: 'HISTORY_TRIMMED' });
    for (let i = 0; i < 1000; i++) publish(history, `c${i % 7}`, 30, 0);
    expect(history.bytes).toBeLessThanOrEqual(100);
    expect(history.since('a', afterTwo).ok).toBe(false);
  });
});
