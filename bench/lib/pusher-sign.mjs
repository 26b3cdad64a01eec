// Pusher HTTP API and channel-auth signatures, computed exactly as the Pusher SDKs do.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';

const hmacHex = (secret, text) => createHmac('sha256', secret).update(text).digest('hex');

/**
 * Signed query string for an HTTP API request: auth_key, auth_timestamp, auth_version,
 * body_md5 (when there is a body) and the other params, sorted by key, then auth_signature.
 */
export function signedQuery({ method, path, body, params = {}, key, secret, timestamp = Math.floor(Date.now() / 1000) }) {
  const all = { ...params, auth_key: key, auth_timestamp: String(timestamp), auth_version: '1.0' };
  if (body !== null && body !== undefined) all.body_md5 = createHash('md5').update(body).digest('hex');
  const query = Object.keys(all).sort().map((k) => `${k}=${all[k]}`).join('&');
  return `${query}&auth_signature=${hmacHex(secret, `${method}\n${path}\n${query}`)}`;
}

/** `key:signature` for pusher:subscribe on a private or presence channel. */
export function channelAuth({ key, secret, socketId, channel, channelData }) {
  const text = channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`;
  return `${key}:${hmacHex(secret, text)}`;
}

/** Checks this signer against the vectors computed by the official SDKs; throws on mismatch. */
export function verifyAgainstVectors(file) {
  if (!existsSync(file)) return { checked: 0, file: null };
  const v = JSON.parse(readFileSync(file, 'utf8'));
  let checked = 0;
  for (const r of v.http_api ?? []) {
    const q = signedQuery({ method: r.method, path: r.path, body: r.body, params: r.params, key: v.app.key, secret: v.app.secret, timestamp: r.auth_timestamp });
    if (q !== r.signed_query) throw new Error(`HTTP API signature differs from the SDK for ${r.method} ${r.path}`);
    checked++;
  }
  for (const c of v.channel_auth ?? []) {
    if (c.shared_secret) continue;
    const a = channelAuth({ key: v.app.key, secret: v.app.secret, socketId: v.socket_id, channel: c.channel, channelData: c.channel_data });
    if (a !== c.auth) throw new Error(`channel auth differs from the SDK for ${c.channel}`);
    checked++;
  }
  return { checked, file };
}
