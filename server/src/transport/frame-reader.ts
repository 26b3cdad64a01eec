// Client-to-server WebSocket frames (RFC 6455), read incrementally from a TCP stream: masked
// frames, fragmented messages, control frames between fragments, a payload limit, UTF-8 text.
// The state lives in the object that owns the socket (WebSocketWire extends this class), so an
// idle connection costs a few fields and no stream objects; bytes are held only while a frame is
// incomplete. Close codes are those RFC 6455 and `ws` give: 1002 protocol error, 1007 invalid
// UTF-8, 1009 too big.
import { isUtf8 } from 'node:buffer';

const CLOSE_PROTOCOL_ERROR = 1002;
const CLOSE_INVALID_PAYLOAD = 1007;
export const CLOSE_TOO_BIG = 1009;
/** A close frame without a status code reports 1005 (RFC 6455 §7.1.5). */
export const CLOSE_NO_STATUS = 1005;

const OP_CONTINUATION = 0x0;
const OP_TEXT = 0x1;
const OP_BINARY = 0x2;
const OP_PING = 0x9;
const OP_PONG = 0xa;

/** Close codes a peer may send (RFC 6455 §7.4; 1004–1006 and 1015 never go on the wire). */
function isValidCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999);
}

const empty = Buffer.alloc(0);

export abstract class FrameReader {
  /** Bytes received but not yet parsed (an incomplete frame): one buffer, or several until `need` arrive. */
  private held: Buffer | Buffer[] | undefined = undefined;
  private heldBytes = 0;
  /** How many bytes the next parse step needs at least (2: a header's first two bytes). */
  private need = 2;
  /** The parts of a fragmented message so far, and whether it is binary. */
  private fragments: Buffer[] | undefined = undefined;
  private fragmentBytes = 0;
  private fragmentBinary = false;
  /** After a protocol error nothing more is read. */
  private failed = false;

  /** The largest message accepted, in bytes (a fragmented message counts whole). */
  protected abstract readonly maxPayload: number;
  /** A complete text or binary message (text already checked to be UTF-8). */
  protected abstract onMessage(data: Buffer, binary: boolean): void;
  protected abstract onPing(payload: Buffer): void;
  protected abstract onPong(payload: Buffer): void;
  /** The peer's close frame: its code (1005 when it sent none) and reason. */
  protected abstract onCloseFrame(code: number, reason: string): void;
  /** The peer broke the protocol: close with `code`; nothing more is read. */
  protected abstract onProtocolError(code: number, reason: string): void;

  /** Feeds bytes from the socket; calls the handlers for every complete frame in them. */
  receive(chunk: Buffer): void {
    if (this.failed) return;
    if (this.held === undefined) {
      if (chunk.length < this.need) {
        this.hold(chunk);
        return;
      }
      this.parse(chunk);
      return;
    }
    if (Array.isArray(this.held)) this.held.push(chunk);
    else this.held = [this.held, chunk];
    this.heldBytes += chunk.length;
    // Concatenated once enough has arrived, not once a read: a frame sent a byte at a time costs linear time.
    if (this.heldBytes < this.need) return;
    const all = Buffer.concat(this.held, this.heldBytes);
    this.held = undefined;
    this.heldBytes = 0;
    this.parse(all);
  }

  /** Keeps an incomplete frame's bytes, copied so the socket's read buffer is not pinned. */
  private hold(rest: Buffer): void {
    this.held = Buffer.from(rest);
    this.heldBytes = rest.length;
  }

  private parse(buf: Buffer): void {
    let at = 0;
    this.need = 2;
    while (!this.failed) {
      const available = buf.length - at;
      if (available < 2) break;
      const b0 = buf[at] as number;
      const b1 = buf[at + 1] as number;
      const fin = (b0 & 0x80) !== 0;
      const opcode = b0 & 0x0f;
      if ((b0 & 0x70) !== 0) {
        this.reject(CLOSE_PROTOCOL_ERROR, 'RSV bits must be clear');
        return;
      }
      if ((b1 & 0x80) === 0) {
        this.reject(CLOSE_PROTOCOL_ERROR, 'client frames must be masked');
        return;
      }
      const control = opcode >= 0x8;
      if (control) {
        if (opcode > OP_PONG) {
          this.reject(CLOSE_PROTOCOL_ERROR, `invalid opcode ${opcode}`);
          return;
        }
        if (!fin) {
          this.reject(CLOSE_PROTOCOL_ERROR, 'control frames must not be fragmented');
          return;
        }
      } else if (opcode === OP_CONTINUATION) {
        if (this.fragments === undefined) {
          this.reject(CLOSE_PROTOCOL_ERROR, 'continuation frame without a message to continue');
          return;
        }
      } else if (opcode === OP_TEXT || opcode === OP_BINARY) {
        if (this.fragments !== undefined) {
          this.reject(CLOSE_PROTOCOL_ERROR, 'new message before the fragmented one ended');
          return;
        }
      } else {
        this.reject(CLOSE_PROTOCOL_ERROR, `invalid opcode ${opcode}`);
        return;
      }
      let length = b1 & 0x7f;
      let header = 2;
      if (length === 126) {
        header = 4;
        if (available < header) {
          this.need = header;
          break;
        }
        length = buf.readUInt16BE(at + 2);
      } else if (length === 127) {
        header = 10;
        if (available < header) {
          this.need = header;
          break;
        }
        const high = buf.readUInt32BE(at + 2);
        // Past 2^53 - 1 bytes a length is not even a safe integer.
        if (high > 2 ** 21 - 1) {
          this.reject(CLOSE_TOO_BIG, 'frame length over 2^53 - 1');
          return;
        }
        length = high * 2 ** 32 + buf.readUInt32BE(at + 6);
      }
      if (control && length > 125) {
        this.reject(CLOSE_PROTOCOL_ERROR, 'control frame payload over 125 bytes');
        return;
      }
      if (!control && this.maxPayload > 0 && this.fragmentBytes + length > this.maxPayload) {
        this.reject(CLOSE_TOO_BIG, 'message over the payload limit');
        return;
      }
      const total = header + 4 + length;
      if (available < total) {
        this.need = total;
        break;
      }
      const maskAt = at + header;
      const payload = length === 0 ? empty : unmask(buf, maskAt + 4, length, maskAt);
      at += total;
      if (control) this.control(opcode, payload);
      else this.data(opcode, fin, payload);
    }
    if (this.failed) return;
    if (at < buf.length) this.hold(buf.subarray(at));
    else this.need = 2;
  }

  private data(opcode: number, fin: boolean, payload: Buffer): void {
    if (opcode !== OP_CONTINUATION && fin) {
      this.message(payload, opcode === OP_BINARY);
      return;
    }
    if (opcode !== OP_CONTINUATION) {
      this.fragments = [];
      this.fragmentBinary = opcode === OP_BINARY;
    }
    const parts = this.fragments as Buffer[];
    parts.push(payload);
    this.fragmentBytes += payload.length;
    if (!fin) return;
    const whole = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, this.fragmentBytes);
    const binary = this.fragmentBinary;
    this.fragments = undefined;
    this.fragmentBytes = 0;
    this.message(whole, binary);
  }

  private message(payload: Buffer, binary: boolean): void {
    if (!binary && !isUtf8(payload)) {
      this.reject(CLOSE_INVALID_PAYLOAD, 'text message is not valid UTF-8');
      return;
    }
    this.onMessage(payload, binary);
  }

  private control(opcode: number, payload: Buffer): void {
    if (opcode === OP_PING) {
      this.onPing(payload);
      return;
    }
    if (opcode === OP_PONG) {
      this.onPong(payload);
      return;
    }
    if (payload.length === 0) {
      this.failed = true; // nothing is read after a close frame
      this.onCloseFrame(CLOSE_NO_STATUS, '');
      return;
    }
    if (payload.length === 1) {
      this.reject(CLOSE_PROTOCOL_ERROR, 'close frame payload of 1 byte');
      return;
    }
    const code = payload.readUInt16BE(0);
    if (!isValidCloseCode(code)) {
      this.reject(CLOSE_PROTOCOL_ERROR, `invalid close code ${code}`);
      return;
    }
    const reason = payload.subarray(2);
    if (!isUtf8(reason)) {
      this.reject(CLOSE_INVALID_PAYLOAD, 'close reason is not valid UTF-8');
      return;
    }
    this.failed = true;
    this.onCloseFrame(code, reason.toString('utf8'));
  }

  private reject(code: number, reason: string): void {
    this.failed = true;
    this.held = undefined;
    this.heldBytes = 0;
    this.fragments = undefined;
    this.fragmentBytes = 0;
    this.onProtocolError(code, reason);
  }
}

/** The payload unmasked into a buffer of its own (the socket's chunk is not kept). */
function unmask(buf: Buffer, from: number, length: number, maskAt: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  const m0 = buf[maskAt] as number;
  const m1 = buf[maskAt + 1] as number;
  const m2 = buf[maskAt + 2] as number;
  const m3 = buf[maskAt + 3] as number;
  let i = 0;
  for (; i + 3 < length; i += 4) {
    out[i] = (buf[from + i] as number) ^ m0;
    out[i + 1] = (buf[from + i + 1] as number) ^ m1;
    out[i + 2] = (buf[from + i + 2] as number) ^ m2;
    out[i + 3] = (buf[from + i + 3] as number) ^ m3;
  }
  for (; i < length; i++) out[i] = (buf[from + i] as number) ^ (buf[maskAt + (i & 3)] as number);
  return out;
}
