// WebSocket framing for the load generator: masked client frames out, server frames in.
// Hot path rule: parsing a server frame touches only its 2-10 header bytes unless the
// caller asks for the payload (setup messages and sampled deliveries).
import { randomFillSync } from 'node:crypto';

const OP_TEXT = 0x1;
export const OP_CLOSE = 0x8;
export const OP_PING = 0x9;
export const OP_PONG = 0xa;

/** Builds one masked client frame (RFC 6455 §5.3: clients must mask). */
export function clientFrame(payload, opcode = OP_TEXT) {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const len = data.length;
  const ext = len < 126 ? 0 : len < 65536 ? 2 : 8;
  const out = Buffer.allocUnsafe(2 + ext + 4 + len);
  out[0] = 0x80 | opcode;
  if (ext === 0) out[1] = 0x80 | len;
  else if (ext === 2) { out[1] = 0x80 | 126; out.writeUInt16BE(len, 2); }
  else { out[1] = 0x80 | 127; out.writeUInt32BE(0, 2); out.writeUInt32BE(len, 6); }
  const maskAt = 2 + ext;
  randomFillSync(out, maskAt, 4);
  for (let i = 0; i < len; i++) out[maskAt + 4 + i] = data[i] ^ out[maskAt + (i & 3)];
  return out;
}

/**
 * Splits a byte stream into frames: the first `n` bytes of `chunk` follow `carry`.
 * `onFrame(buf, opcode, start, end)` receives the payload bounds inside `buf` (valid only
 * during the call). Returns the unparsed tail (a copy: `chunk` is a reused read buffer) or null.
 */
export function parseFrames(carry, chunk, n, onFrame) {
  const buf = carry === null ? chunk : Buffer.concat([carry, chunk.subarray(0, n)]);
  const len = carry === null ? n : buf.length;
  let off = 0;
  while (len - off >= 2) {
    const b1 = buf[off + 1];
    let plen = b1 & 0x7f;
    let hdr = 2;
    if (plen === 126) {
      if (len - off < 4) break;
      plen = (buf[off + 2] << 8) | buf[off + 3];
      hdr = 4;
    } else if (plen === 127) {
      if (len - off < 10) break;
      plen = buf.readUInt32BE(off + 6);
      hdr = 10;
    }
    if (b1 & 0x80) hdr += 4; // a masked server frame is a protocol error; skip the key
    const end = off + hdr + plen;
    if (end > len) break;
    onFrame(buf, buf[off] & 0x0f, off + hdr, end);
    off = end;
  }
  return off === len ? null : Buffer.from(buf.subarray(off, len));
}
