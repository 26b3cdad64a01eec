// The harness checks its own frame parser before measuring: a stream of frames of every
// length class, cut into reads at arbitrary points (with stale bytes after each read in the
// reused buffer, as in the client processes), must parse back to the same frames.
import { parseFrames } from './frames.mjs';

const LENGTHS = [5, 100, 125, 126, 300, 65535, 70000];

export function checkFrameParser() {
  const frames = [];
  for (let i = 0; i < 700; i++) {
    const len = LENGTHS[i % LENGTHS.length];
    const hdr = len < 126 ? Buffer.from([0x81, len]) : len < 65536 ? Buffer.from([0x81, 126, len >> 8, len & 255]) : Buffer.from([0x81, 127, 0, 0, 0, 0, (len >>> 24) & 255, (len >> 16) & 255, (len >> 8) & 255, len & 255]);
    frames.push(Buffer.concat([hdr, Buffer.alloc(len, 65 + (i % 26))]));
  }
  const stream = Buffer.concat(frames);
  const read = Buffer.alloc(256 * 1024);
  let carry = null;
  let got = 0;
  let seed = 7;
  for (let off = 0; off < stream.length; ) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff; // deterministic read sizes, 1..9000 bytes
    const n = Math.min(stream.length - off, 1 + (seed % 9000));
    read.fill(0xff);
    stream.copy(read, 0, off, off + n);
    off += n;
    carry = parseFrames(carry, read, n, (b, op, s, e) => {
      if (op !== 1 || e - s !== LENGTHS[got % LENGTHS.length] || b[s] !== 65 + (got % 26) || b[e - 1] !== 65 + (got % 26)) throw new Error(`frame parser self-check failed at frame ${got}`);
      got++;
    });
  }
  if (got !== frames.length || carry !== null) throw new Error(`frame parser self-check: ${got} of ${frames.length} frames`);
  return got;
}
