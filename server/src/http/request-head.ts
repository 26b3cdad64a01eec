// Reading one HTTP/1.1 API request out of the bytes a connection has sent, for the API's own
// reader (api-connections.ts). It takes only the plain, unambiguous shape a Pusher SDK sends:
// `GET`/`POST` under `/apps/`, HTTP/1.1, a Host, a Content-Length or no body, no Transfer-Encoding,
// Expect, Upgrade or folded lines. Anything else is `elsewhere`: Node's own parser takes the
// connection and answers it as it always did, so this never has to be right about the rare cases.
// Pure: bytes in, a description out.
import { parseSessionPath } from '../fallback/session-path.js';

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
const isOws = (code: number): boolean => code === 32 || code === 9;
const headEnd = Buffer.from('\r\n\r\n');
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
  const end = bytes.indexOf(headEnd);
  if (end < 0) return bytes.length >= maxHeadBytes ? 'elsewhere' : 'incomplete';
  if (end + 4 > maxHeadBytes) return 'elsewhere';
  // latin1: one character a byte, so a value's bytes come through as they were sent. Lines are
  // walked by index, not split: this runs once per publish.
  const head = bytes.toString('latin1', 0, end);
  let lineEnd = head.indexOf('\r\n');
  if (lineEnd < 0) return 'elsewhere';
  // The request line: exactly `METHOD SP target SP HTTP/1.1` (the method is GET or POST: startsLikeOurs).
  const firstSpace = head.indexOf(' ');
  const secondSpace = head.indexOf(' ', firstSpace + 1);
  if (secondSpace < 0 || secondSpace > lineEnd || head.slice(secondSpace + 1, lineEnd) !== 'HTTP/1.1') return 'elsewhere';
  const method = head.slice(0, firstSpace) as 'GET' | 'POST';
  const url = head.slice(firstSpace + 1, secondSpace);
  if (!targetPattern.test(url)) return 'elsewhere';
  // pusher-js's fallback sessions are served under any path prefix, /apps/ included: Node's http and the fallback take them.
  const mark = url.indexOf('?');
  if (parseSessionPath(mark < 0 ? url : url.slice(0, mark)) !== undefined) return 'elsewhere';

  const headers: Record<string, string> = {};
  let lengths = 0;
  for (let start = lineEnd + 2; start < end; start = lineEnd + 2) {
    lineEnd = head.indexOf('\r\n', start);
    if (lineEnd < 0) lineEnd = end;
    const colon = head.indexOf(':', start);
    // No colon, or an empty name (a folded line starts with a space or tab: no token).
    if (colon <= start || colon > lineEnd) return 'elsewhere';
    const name = head.slice(start, colon).toLowerCase();
    // The name a token, the value without controls (a bare CR or LF included) but the tab.
    if (!tokenPattern.test(name) || leftToNode.has(name)) return 'elsewhere';
    // Optional whitespace is spaces and tabs only (String#trim would also take 0xA0).
    let from = colon + 1;
    let to = lineEnd;
    while (from < to && isOws(head.charCodeAt(from))) from++;
    while (to > from && isOws(head.charCodeAt(to - 1))) to--;
    const value = head.slice(from, to);
    if (!valuePattern.test(value)) return 'elsewhere';
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
