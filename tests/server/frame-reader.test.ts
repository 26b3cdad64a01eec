// The server's own reader of client WebSocket frames (transport/frame-reader.ts): RFC 6455's
// rules, and the same outcome as ws's Receiver (what the server used before) for the same bytes,
// cut into reads at any points.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameReader } from '../../server/src/transport/frame-reader.js';

/** ws's frame parser (exported by ws, not typed by @types/ws): a Writable that emits what it parsed. */
interface WsReceiver {
  on(event: 'message', listener: (data: Buffer, binary: boolean) => void): void;
  on(event: 'ping' | 'pong', listener: (data: Buffer) => void): void;
  on(event: 'conclude', listener: (code: number, reason: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  write(chunk: Buffer, done: () => void): void;
}
const { Receiver } = createRequire(import.meta.url)('ws') as { Receiver: new (options: { isServer: boolean; maxPayload: number; binaryType: string }) => WsReceiver };

type Event = ['message', string, boolean] | ['ping', string] | ['pong', string] | ['close', number, string] | ['error', number];

class Recorder extends FrameReader {
  readonly events: Event[] = [];
  constructor(protected readonly maxPayload: number) {
    super();
  }
  protected onMessage(data: Buffer, binary: boolean) {
    this.events.push(['message', data.toString(binary ? 'hex' : 'utf8'), binary]);
  }
  protected onPing(payload: Buffer) {
    this.events.push(['ping', payload.toString('hex')]);
  }
  protected onPong(payload: Buffer) {
    this.events.push(['pong', payload.toString('hex')]);
  }
  protected onCloseFrame(code: number, reason: string) {
    this.events.push(['close', code, reason]);
  }
  protected onProtocolError(code: number) {
    this.events.push(['error', code]);
  }
}

interface FrameSpec {
  opcode: number;
  payload: Buffer;
  fin?: boolean;
  masked?: boolean;
  rsv?: number;
  /** Force the 16- or 64-bit length form. */
  lengthForm?: 7 | 16 | 64;
}

/** One client frame, masked unless told otherwise. */
function frame({ opcode, payload, fin = true, masked = true, rsv = 0, lengthForm }: FrameSpec): Buffer {
  const n = payload.length;
  const form = lengthForm ?? (n < 126 ? 7 : n < 65536 ? 16 : 64);
  const header = form === 7 ? 2 : form === 16 ? 4 : 10;
  const out = Buffer.alloc(header + (masked ? 4 : 0) + n);
  out[0] = (fin ? 0x80 : 0) | (rsv << 4) | opcode;
  out[1] = (masked ? 0x80 : 0) | (form === 7 ? n : form === 16 ? 126 : 127);
  if (form === 16) out.writeUInt16BE(n, 2);
  if (form === 64) out.writeBigUInt64BE(BigInt(n), 2);
  if (!masked) {
    payload.copy(out, header);
    return out;
  }
  const mask = randomBytes(4);
  mask.copy(out, header);
  for (let i = 0; i < n; i++) out[header + 4 + i] = (payload[i] as number) ^ (mask[i % 4] as number);
  return out;
}

const text = (s: string, more: Partial<FrameSpec> = {}) => frame({ opcode: 1, payload: Buffer.from(s), ...more });
const closePayload = (code: number, reason = '') => Buffer.concat([Buffer.from([code >> 8, code & 0xff]), Buffer.from(reason)]);

/** Feeds `bytes` in reads cut at `cuts` (offsets), or whole. */
function read(bytes: Buffer, { maxPayload = 65536, cuts = [] as number[] } = {}): Event[] {
  const reader = new Recorder(maxPayload);
  let at = 0;
  for (const cut of [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b)) {
    reader.receive(bytes.subarray(at, cut));
    at = cut;
  }
  reader.receive(bytes.subarray(at));
  return reader.events;
}

/** What ws's server-side Receiver makes of the same bytes, in the same terms (it stops at an error too). */
function readWithWs(bytes: Buffer, maxPayload = 65536): Promise<Event[]> {
  const events: Event[] = [];
  const receiver = new Receiver({ isServer: true, maxPayload, binaryType: 'nodebuffer' });
  receiver.on('message', (data, binary) => events.push(['message', data.toString(binary ? 'hex' : 'utf8'), binary]));
  receiver.on('ping', (data) => events.push(['ping', data.toString('hex')]));
  receiver.on('pong', (data) => events.push(['pong', data.toString('hex')]));
  receiver.on('conclude', (code, reason) => events.push(['close', code, reason.toString()]));
  return new Promise((resolve) => {
    receiver.on('error', (error) => {
      const status = Object.getOwnPropertySymbols(error).map((s) => (error as unknown as Record<symbol, unknown>)[s]).find((v) => typeof v === 'number');
      events.push(['error', status as number]);
      resolve(events);
    });
    receiver.write(bytes, () => setImmediate(() => resolve(events)));
  });
}

describe('frames the server reads', () => {
  it('reads masked text and binary messages, in 7-, 16- and 64-bit length forms', () => {
    const long = 'x'.repeat(300);
    const bytes = Buffer.concat([text('hi'), text(long), text('also', { lengthForm: 64 }), frame({ opcode: 2, payload: Buffer.from([1, 2, 3]) })]);
    expect(read(bytes)).toEqual([
      ['message', 'hi', false],
      ['message', long, false],
      ['message', 'also', false],
      ['message', '010203', true],
    ]);
  });

  it('reads the same messages however the bytes are cut into reads (every single cut, and one byte a read)', () => {
    const bytes = Buffer.concat([text('{"event":"pusher:ping"}'), text('y'.repeat(200)), frame({ opcode: 9, payload: Buffer.from('p') })]);
    const whole = read(bytes);
    for (let cut = 1; cut < bytes.length; cut++) expect(read(bytes, { cuts: [cut] })).toEqual(whole);
    expect(read(bytes, { cuts: Array.from({ length: bytes.length }, (_, i) => i) })).toEqual(whole);
  });

  it('joins a fragmented message, with control frames between its fragments answered at once', () => {
    const bytes = Buffer.concat([
      text('one ', { fin: false }),
      frame({ opcode: 9, payload: Buffer.from('ping!') }),
      frame({ opcode: 0, payload: Buffer.from('two '), fin: false }),
      frame({ opcode: 10, payload: Buffer.from('pong') }),
      frame({ opcode: 0, payload: Buffer.from('three') }),
    ]);
    expect(read(bytes)).toEqual([
      ['ping', Buffer.from('ping!').toString('hex')],
      ['pong', Buffer.from('pong').toString('hex')],
      ['message', 'one two three', false],
    ]);
  });

  it('accepts a UTF-8 character split across fragments, and refuses invalid UTF-8 with 1007', () => {
    const euro = Buffer.from('€');
    const split = Buffer.concat([frame({ opcode: 1, payload: euro.subarray(0, 1), fin: false }), frame({ opcode: 0, payload: euro.subarray(1) })]);
    expect(read(split)).toEqual([['message', '€', false]]);
    expect(read(frame({ opcode: 1, payload: Buffer.from([0xc3, 0x28]) }))).toEqual([['error', 1007]]);
    expect(read(frame({ opcode: 8, payload: Buffer.concat([closePayload(1000), Buffer.from([0xff])]) }))).toEqual([['error', 1007]]);
  });

  it('refuses protocol errors with 1002: unmasked frames, RSV bits, bad opcodes, stray or interrupted fragments, long or fragmented control frames', () => {
    const cases: Buffer[] = [
      text('hi', { masked: false }),
      text('hi', { rsv: 4 }),
      frame({ opcode: 3, payload: Buffer.from('x') }),
      frame({ opcode: 0xb, payload: Buffer.from('x') }),
      frame({ opcode: 0, payload: Buffer.from('continuation of nothing') }),
      Buffer.concat([text('a', { fin: false }), text('b')]),
      frame({ opcode: 9, payload: Buffer.from('x'), fin: false }),
      frame({ opcode: 9, payload: Buffer.alloc(126) }),
      frame({ opcode: 8, payload: Buffer.from([3]) }),
      frame({ opcode: 8, payload: closePayload(1005) }),
      frame({ opcode: 8, payload: closePayload(999) }),
      frame({ opcode: 8, payload: closePayload(2000) }),
    ];
    for (const bytes of cases) expect(read(bytes)).toEqual([['error', 1002]]);
  });

  it('refuses a message over the limit with 1009 from its header alone, fragmented or not', () => {
    const reader = new Recorder(100);
    // Only the header of a 1 MiB frame: refused before its payload arrives.
    const header = frame({ opcode: 1, payload: Buffer.alloc(1 << 20) }).subarray(0, 14);
    reader.receive(header);
    expect(reader.events).toEqual([['error', 1009]]);
    expect(read(Buffer.concat([text('x'.repeat(60), { fin: false }), frame({ opcode: 0, payload: Buffer.alloc(60, 0x41) })]), { maxPayload: 100 })).toEqual([['error', 1009]]);
    expect(read(text('x'.repeat(100)), { maxPayload: 100 })).toEqual([['message', 'x'.repeat(100), false]]);
  });

  it('reports the close frame (1005 for none) and reads nothing after it or after an error', () => {
    expect(read(Buffer.concat([frame({ opcode: 8, payload: closePayload(4000, 'bye') }), text('late')]))).toEqual([['close', 4000, 'bye']]);
    expect(read(Buffer.concat([frame({ opcode: 8, payload: Buffer.alloc(0) }), text('late')]))).toEqual([['close', 1005, '']]);
    expect(read(Buffer.concat([text('x', { masked: false }), text('late')]))).toEqual([['error', 1002]]);
  });
});

describe('the same outcome as ws', () => {
  const payload = fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a));
  const spec = fc.record({
    opcode: fc.constantFrom(0, 1, 1, 1, 2, 3, 8, 9, 10, 11),
    payload: fc.oneof(payload, fc.string({ maxLength: 80 }).map((s) => Buffer.from(s)), fc.tuple(fc.constantFrom(1000, 1001, 1005, 1006, 3000, 4999, 5000), fc.string({ maxLength: 20 })).map(([c, r]) => closePayload(c, r))),
    fin: fc.boolean(),
    masked: fc.boolean().map((b) => b || Math.random() < 0.9),
    rsv: fc.constantFrom(0, 0, 0, 0, 1, 2, 4),
  });

  it('gives the same messages, control frames and close codes as ws for any frames, cut into reads anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(2000), { maxLength: 5 }), async (specs, cuts) => {
        const bytes = Buffer.concat(specs.map((s) => frame(s)));
        const ours = read(bytes, { maxPayload: 200, cuts });
        const theirs = await readWithWs(bytes, 200);
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 1500 },
    );
  });
});
