// GET /up (and /): the process answers, with its counts and memory; `more` adds what the
// wiring knows (where the dashboard is, read by `php artisan pogo:ws-doctor`). Every answer also
// says how the server saw the caller, so the doctor can check a reverse proxy's set-up:
// `X-Pogo-Client-Ip` (the address after trustedProxies) and `X-Pogo-Forwarded`: `trusted` (the
// peer is a trusted proxy and its X-Forwarded-For was honoured), `untrusted` (the header came
// from a peer that is not trusted, so it was ignored) or `none` (no header).
import type { IncomingMessage } from 'node:http';
import { clientIp } from './client-ip.js';
import type { PlainRoute } from './router.js';
import { sendJson } from './respond.js';

type ForwardedVerdict = 'trusted' | 'untrusted' | 'none';

function forwardedVerdict(req: IncomingMessage, trustedProxies: ReadonlySet<string>): ForwardedVerdict {
  if (req.headers['x-forwarded-for'] === undefined) return 'none';
  const peer = req.socket.remoteAddress ?? '';
  return trustedProxies.has(peer.startsWith('::ffff:') ? peer.slice(7) : peer) ? 'trusted' : 'untrusted';
}

export function livenessRoute(stats: () => object, more: () => object, trustedProxies: readonly string[] = []): PlainRoute {
  const trusted: ReadonlySet<string> = new Set(trustedProxies);
  return (req, res, path) => {
    if (req.method !== 'GET' || (path !== '/up' && path !== '/')) return false;
    const headers = { 'X-Pogo-Client-Ip': clientIp(req, trusted), 'X-Pogo-Forwarded': forwardedVerdict(req, trusted) };
    sendJson(res, 200, { status: 'ok', ...stats(), memory: { rss: process.memoryUsage.rss(), heapUsed: process.memoryUsage().heapUsed }, ...more() }, headers);
    return true;
  };
}
