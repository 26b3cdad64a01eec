// The lines of pusher-js's HTTP transports (src/core/http/http_socket.ts reads them): one frame a
// line, its first letter its kind. `o` the session is open, `a[...]` a JSON array of messages
// (each a Pusher message as a JSON string), `h` a heartbeat, `c[code,"reason"]` closed.

/**
 * What opens a streaming response: 2 KiB of `h` then a newline. Some browsers and proxies hold
 * a response's first kilobytes before handing them on; pusher-js reads the line as a heartbeat.
 */
export const streamingPrelude = Buffer.from(`${'h'.repeat(2048)}\n`);
export const openFrame = Buffer.from('o\n');
export const heartbeatFrame = Buffer.from('h\n');

export function closeFrame(code: number, reason: string): Buffer {
  return Buffer.from(`c${JSON.stringify([code, reason])}\n`);
}

/** The last frames given and their `a` line: every session owed the same frames in a flush shares one line. */
let lastFrames: Buffer | undefined;
let lastLine: Buffer | undefined;

/**
 * The `a[...]` line for server-built WebSocket frames (protocol/frame.ts: unmasked, final text
 * frames, one after another; pongs are skipped, there is no ping to answer over HTTP). The outbound
 * queue hands every subscriber of a channel the same Buffer, so the line is built once per flush.
 */
export function messagesLine(frames: Buffer): Buffer | undefined {
  if (frames === lastFrames && lastLine) return lastLine;
  const messages: string[] = [];
  let offset = 0;
  while (offset + 2 <= frames.length) {
    const opcode = (frames[offset] as number) & 0x0f;
    let length = (frames[offset + 1] as number) & 0x7f;
    let start = offset + 2;
    if (length === 126) {
      length = frames.readUInt16BE(offset + 2);
      start = offset + 4;
    } else if (length === 127) {
      length = frames.readUInt32BE(offset + 2) * 2 ** 32 + frames.readUInt32BE(offset + 6);
      start = offset + 10;
    }
    const end = start + length;
    if (end > frames.length) break;
    if (opcode === 0x1) messages.push(JSON.stringify(frames.toString('utf8', start, end)));
    offset = end;
  }
  if (messages.length === 0) return undefined;
  lastFrames = frames;
  lastLine = Buffer.from(`a[${messages.join(',')}]\n`);
  return lastLine;
}

/**
 * What xhr_send carries: a JSON array of messages, each a string (pusher-js sends one at a time;
 * `[]` is its heartbeat). Undefined when the body is anything else.
 */
export function parseSendBody(body: string): string[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) return undefined;
  return parsed as string[];
}
