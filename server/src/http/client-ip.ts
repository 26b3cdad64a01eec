// The client's address: the socket's, or X-Forwarded-For's last untrusted hop when the
// socket belongs to a configured trusted proxy (never trust the header otherwise).

/** What the address is read from: Node's IncomingMessage is one, the API's own reader makes another. */
export interface ClientRequestHead {
  readonly socket: { readonly remoteAddress?: string | undefined };
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

function normalise(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

export function clientIp(request: ClientRequestHead, trustedProxies: ReadonlySet<string>): string {
  const peer = normalise(request.socket.remoteAddress ?? '');
  if (!trustedProxies.has(peer)) return peer;
  const header = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((h) => normalise(h.trim())).filter(Boolean);
  // Walk from the nearest hop back; the first address that is not a trusted proxy is the client.
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (!trustedProxies.has(hop)) return hop;
  }
  return hops[0] ?? peer;
}
