// The API's one-pass query parser against URLSearchParams and the signing string the Pusher SDKs sign.
import { describe, expect, it } from 'vitest';
import vectors from '../fixtures/pusher-signatures.json' with { type: 'json' };
import { RequestQuery } from '../../server/src/http/query.js';
import { hmacHex, httpSigningString } from '../../server/src/protocol/signature.js';

const { secret } = vectors.app;

// Plain SDK queries (the fast split) and everything that must decode exactly as URLSearchParams does.
const queries = [
  '',
  'a=1',
  'auth_key=k&auth_timestamp=1700000000&auth_version=1.0&body_md5=abc&auth_signature=ff',
  'b=2&a=1&A=0&a=3',
  'a&b=&=c&&d==e&',
  'info=user_count,subscription_count&filter_by_prefix=presence-',
  'name=a+b&x=%20%41%zz%&y=%E2%82%AC&%61=decoded-key',
  '?a=1&b=2',
  '??a=1',
  'a=%',
  'AUTH_SIGNATURE=upper&auth_key=k',
];

describe('RequestQuery', () => {
  it.each(queries)('reads %j as URLSearchParams does', (raw) => {
    const ours = RequestQuery.parse(raw);
    const theirs = new URLSearchParams(raw);
    for (const name of ['a', 'b', 'A', '', 'd', 'info', 'filter_by_prefix', 'name', 'x', 'y', 'auth_key', 'auth_signature', 'AUTH_SIGNATURE', 'missing', '?a']) {
      expect(ours.get(name), name).toBe(theirs.get(name));
    }
  });

  it.each(queries)('builds the same signing string for %j as the reference', (raw) => {
    expect(RequestQuery.parse(raw).signingString('post', '/apps/1/events')).toBe(httpSigningString('post', '/apps/1/events', new URLSearchParams(raw)));
  });

  it.each(vectors.http_api.map((v) => [`${v.method} ${v.path}`, v]))('reproduces the SDK signature of %s', (_label, vector) => {
    const query = RequestQuery.parse(vector.signed_query);
    expect(query.get('auth_signature')).toBe(vector.auth_signature);
    expect(hmacHex(secret, query.signingString(vector.method, vector.path))).toBe(vector.auth_signature);
  });

  it('sorts unsorted keys, keeping the order of equal keys', () => {
    expect(RequestQuery.parse('c=3&B=2&b=1&a=0').signingString('GET', '/p')).toBe('GET\n/p\na=0&b=2&b=1&c=3');
  });
});
