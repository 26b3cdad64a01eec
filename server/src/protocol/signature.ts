// HMAC-SHA256 signatures as Pusher defines them, always compared in constant time.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function hmacHex(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

export function md5Hex(data: string | Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

/** Constant-time comparison of two hex strings (lengths are public). */
export function safeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  if (a.length !== b.length) {
    timingSafeEqual(a, a); // same work either way
    return false;
  }
  return timingSafeEqual(a, b);
}

/** String a channel subscription signs: `socket_id:channel[:channel_data]`, channel_data exactly as received. */
export function channelAuthString(socketId: string, channel: string, channelData?: string): string {
  return channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`;
}

/** String `pusher:signin` signs: `socket_id::user::user_data`. */
export function userAuthString(socketId: string, userData: string): string {
  return `${socketId}::user::${userData}`;
}

/** Checks an `auth` value of the form `key:hex` against the app's key and secret. */
export function verifyAuth(auth: unknown, key: string, secret: string, signed: string): boolean {
  if (typeof auth !== 'string') return false;
  const colon = auth.indexOf(':');
  if (colon < 0) return false;
  const keyMatches = safeEqual(key, auth.slice(0, colon));
  const signatureMatches = safeEqual(hmacHex(secret, signed), auth.slice(colon + 1));
  return keyMatches && signatureMatches;
}

/**
 * The string the Pusher HTTP API signs: METHOD, path and the query without
 * auth_signature, keys lower-cased and sorted, values as decoded, joined by `&`.
 */
export function httpSigningString(method: string, path: string, query: URLSearchParams): string {
  const pairs: [string, string][] = [];
  for (const [key, value] of query) {
    const lower = key.toLowerCase();
    if (lower !== 'auth_signature') pairs.push([lower, value]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `${method.toUpperCase()}\n${path}\n${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`;
}
