// Where pusher-js sends a session's requests: `{httpPath}/app/{key}/{server}/{session}/{kind}`
// (src/core/http/http_socket.ts: `server` is a number below 1000, `session` 8 random base-32
// characters, both chosen by the client). Any httpPath prefix is served (pusher-js defaults to
// `/pusher`; a proxy may strip it).
import { safeDecode } from '../transport/handshake.js';

/** The request's kind: open or continue a stream, a long poll, or messages from the client. */
type SessionRequestKind = 'xhr_streaming' | 'xhr' | 'xhr_send';

export interface SessionPath {
  key: string;
  /** `{server}/{session}` as the client chose them. */
  session: string;
  kind: SessionRequestKind;
}

const pattern = /\/app\/([^/]+)\/([^/]+)\/([^/]+)\/(xhr_streaming|xhr_send|xhr)$/;
/** Wider than what pusher-js picks, narrow enough to be a map key and nothing else. */
const segment = /^[A-Za-z0-9_-]{1,64}$/;

/** Undefined: not a fallback path. `false`: one, but its segments are not valid. */
export function parseSessionPath(path: string): SessionPath | false | undefined {
  if (!path.endsWith('/xhr') && !path.endsWith('/xhr_streaming') && !path.endsWith('/xhr_send')) return undefined;
  const match = pattern.exec(path);
  if (!match) return undefined;
  const key = safeDecode(match[1] ?? '');
  const server = match[2] ?? '';
  const session = match[3] ?? '';
  if (key === undefined || !segment.test(server) || !segment.test(session)) return false;
  return { key, session: `${server}/${session}`, kind: match[4] as SessionRequestKind };
}
