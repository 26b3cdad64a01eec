// A WebSocket client made of a bare TCP socket, for attackers no library models: one that
// writes thousands of frames in one go and never reads a byte of what it is sent.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** Upgrades a TCP connection to `path`; resolves once the 101 arrived. Reading stops then unless `keepReading`. */
export function rawWebSocket(port: number, path: string, keepReading = false, host = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host);
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(`not upgraded: ${head.slice(0, 200)}`));
      if (keepReading) socket.on('data', () => {});
      else socket.pause();
      resolve(socket);
    };
    socket.on('data', onData);
    socket.on('error', (error) => reject(error));
    socket.on('connect', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
      );
    });
  });
}

/** One masked client frame (opcode 0x1 text, 0x9 ping, ...). */
export function clientFrame(payload: string | Buffer, opcode = 0x1): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const length = body.length;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.alloc(headerLength + 4 + length);
  frame[0] = 0x80 | opcode;
  if (length < 126) frame[1] = 0x80 | length;
  else if (length < 65536) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = randomBytes(4);
  mask.copy(frame, headerLength);
  for (let i = 0; i < length; i++) frame[headerLength + 4 + i] = body[i]! ^ mask[i % 4]!;
  return frame;
}
