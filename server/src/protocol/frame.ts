// Server-to-client WebSocket frames (RFC 6455), built once and written to many sockets.

/** One unmasked, final text frame holding `payload`. Header and payload share one allocation. */
export function textFrame(payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const length = body.length;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81; // FIN + text opcode
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  body.copy(frame, headerLength);
  return frame;
}

/** A pong answering a client's ping: the same application data (at most 125 bytes, ws checks). */
export function pongFrame(data: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(2 + data.length);
  frame[0] = 0x8a; // FIN + pong opcode
  frame[1] = data.length;
  data.copy(frame, 2);
  return frame;
}
