// Reading one HTTP/1.1 API request out of the bytes a connection has sent, for the API's own
// reader (api-connections.ts). It takes only the plain, unambiguous shape a Pusher SDK sends:
// `GET`/`POST` under `/apps/`, HTTP/1.1, a Host, a Content-Length or no body, no Transfer-Encoding,
// Expect, Upgrade or folded lines. Anything else is `elsewhere`: Node's own parser takes the
// connection and answers it as it always did, so this never has to be right about the rare cases.
// Pure: bytes in, a description out.

/** Node's default `maxHeaderSize`: a head that is not complete within this goes to Node's parser (431). */
export const maxHeadBytes = 16 * 1024;
/** A body larger than this is streamed by Node's parser instead of being held here whole. */
export const maxHeldBodyBytes = 64 * 1024;

export interface RequestHead {
  method: 'GET' | 'POST';
  /** The request target as sent: what the Pusher SDKs sign. */
  url: string;
  /** Lower-cased names; a repeated header as Node keeps it (the first, or the values joined). */
  headers: Record<string, string>;
  /** Where the body starts in the bytes, and its length (the bytes may not hold all of it yet). */
  bodyStart: number;
  bodyLength: number;
  /** The client asked for `Connection: close`. */
  close: boolean;
}

/** `incomplete`: the head needs more bytes; `elsewhere`: not a request this reader takes. */
export type HeadResult = RequestHead | 'incomplete' | 'elsewhere';

const prefixes = [Buffer.from('POST /apps/'), Buffer.from('GET /apps/')];
const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** The target: visible ASCII only (no spaces, no controls, no bytes past 0x7E). */
const targetPattern = /^\/apps\/[\x21-\x7e]*$/;
/** A header value: no controls but the tab, which Node's parser refuses too. */
const valuePattern = /^[\t\x20-\x7e\x80-\xff]*$/;
const owsPattern = /^[\t ]+|[\t ]+$/g;
const lengthPattern = /^\d{1,9}$/;
/** Headers of which Node keeps the first when repeated (IncomingMessage#headers); others are joined. */
const firstWins = new Set(['age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from', 'host', 'if-modified-since', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent']);
/** Headers that mean a shape this reader leaves to Node. */
const leftToNode = new Set(['transfer-encoding', 'expect', 'upgrade']);

/** Whether the bytes so far can still become a request this reader takes. */
function startsLikeOurs(bytes: Buffer): boolean {
  for (const prefix of prefixes) {
    const n = Math.min(prefix.length, bytes.length);
    if (bytes.compare(prefix, 0, n, 0, n) === 0) return true;
  }
  return false;
}

export function readRequestHead(bytes: Buffer): HeadResult {
  if (!startsLikeOurs(bytes)) return 'elsewhere';
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return bytes.length >= maxHeadBytes ? 'elsewhere' : 'incomplete';
  if (end + 4 > maxHeadBytes) return 'elsewhere';
  // latin1: one character a byte, so a value's bytes come through as they were sent.
  const lines = bytes.toString('latin1', 0, end).split('\r\n');
  const requestLine = (lines[0] as string).split(' ');
  if (requestLine.length !== 3 || requestLine[2] !== 'HTTP/1.1') return 'elsewhere';
  const method = requestLine[0] as 'GET' | 'POST';
  const url = requestLine[1] as string;
  if (!targetPattern.test(url)) return 'elsewhere';

  const headers: Record<string, string> = {};
  let lengths = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    // No colon, an empty name, a bare CR or LF, or a folded line (starting with a space or tab).
    if (colon <= 0 || line.includes('\r') || line.includes('\n')) return 'elsewhere';
    const name = line.slice(0, colon).toLowerCase();
    if (!tokenPattern.test(name)) return 'elsewhere';
    const raw = line.slice(colon + 1);
    if (!valuePattern.test(raw) || leftToNode.has(name)) return 'elsewhere';
    // Optional whitespace is spaces and tabs only (String#trim would also take 0xA0).
    const value = raw.replace(owsPattern, '');
    if (name === 'content-length') lengths++;
    const before = headers[name];
    if (before === undefined) headers[name] = value;
    else if (name === 'host' || name === 'set-cookie') return 'elsewhere';
    else if (!firstWins.has(name)) headers[name] = `${before}${name === 'cookie' ? '; ' : ', '}${value}`;
  }
  if (headers.host === undefined) return 'elsewhere';

  const length = headers['content-length'] ?? '0';
  if (lengths > 1 || !lengthPattern.test(length)) return 'elsewhere';
  const bodyLength = Number(length);
  if (bodyLength > maxHeldBodyBytes) return 'elsewhere';

  let close = false;
  const connection = headers.connection?.toLowerCase();
  if (connection !== undefined) {
    if (connection === 'close') close = true;
    else if (connection !== 'keep-alive') return 'elsewhere';
  }
  return { method, url, headers, bodyStart: end + 4, bodyLength, close };
}
