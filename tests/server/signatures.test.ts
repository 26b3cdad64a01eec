// The server's signature code against signatures computed by the official Pusher SDKs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import vectors from '../fixtures/pusher-signatures.json' with { type: 'json' };
// @ts-expect-error plain .mjs script without types
import { fixturePath, regenerate, render, sdkVersion } from '../fixtures/pusher-signatures.mjs';
import { channelAuthString, hmacHex, httpSigningString, md5Hex, safeEqual, userAuthString, verifyAuth } from '../../server/src/protocol/signature.js';

const { key, secret } = vectors.app;

describe('channel and user auth', () => {
  it.each(vectors.channel_auth.map((v) => [v.channel, v]))('verifies %s exactly as signed', (_name, vector) => {
    const signed = channelAuthString(vectors.socket_id, vector.channel, vector.channel_data);
    expect(verifyAuth(vector.auth, key, secret, signed)).toBe(true);
    expect(verifyAuth(vector.auth, key, 'other-secret', signed)).toBe(false);
    expect(verifyAuth(vector.auth, 'other-key', secret, signed)).toBe(false);
    if (vector.channel_data) {
      // Re-encoding channel_data would break the PHP SDK's \u00fc escapes: verify as received only.
      const reencoded = JSON.stringify(JSON.parse(vector.channel_data));
      if (reencoded !== vector.channel_data) expect(verifyAuth(vector.auth, key, secret, channelAuthString(vectors.socket_id, vector.channel, reencoded))).toBe(false);
    }
  });

  it('verifies user authentication for pusher:signin', () => {
    for (const vector of vectors.user_auth) {
      expect(verifyAuth(vector.auth, key, secret, userAuthString(vectors.socket_id, vector.user_data))).toBe(true);
    }
  });

  it('rejects malformed auth values', () => {
    expect(verifyAuth(undefined, key, secret, 'x')).toBe(false);
    expect(verifyAuth('no-colon', key, secret, 'x')).toBe(false);
    expect(verifyAuth(`${key}:short`, key, secret, 'x')).toBe(false);
  });
});

describe('HTTP API signatures', () => {
  it.each(vectors.http_api.map((v) => [`${v.method} ${v.path}`, v]))('reproduces %s', (_label, vector) => {
    const query = new URLSearchParams(vector.signed_query);
    expect(hmacHex(secret, httpSigningString(vector.method, vector.path, query))).toBe(vector.auth_signature);
    if (vector.body) expect(md5Hex(vector.body)).toBe(vector.body_md5);
  });
});

describe('constant-time comparison', () => {
  it('compares equal and unequal strings of any length', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('the vendored vectors', () => {
  it('are what the installed official pusher SDK (5.2) computes (node tests/fixtures/pusher-signatures.mjs --write)', () => {
    expect(sdkVersion).toMatch(/^5\.2\./);
    const committed = readFileSync(fixturePath, 'utf8');
    expect(render(regenerate(JSON.parse(committed)))).toBe(committed);
  });

  it('keep the vector the PHP SDK signed, with its escaped non-ASCII', () => {
    const php = vectors.channel_auth.filter((v) => v.note?.includes('pusher-php-server'));
    expect(php).toHaveLength(1);
    expect(php[0]?.channel_data).toContain('\\u00fc');
  });
});
