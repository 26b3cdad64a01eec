// The API's HMAC-SHA256 over crypto.hash against node's createHmac and the official SDKs' vectors.
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import vectors from '../fixtures/pusher-signatures.json' with { type: 'json' };
import { apiHmacHex } from '../../server/src/http/api-hmac.js';
import { RequestQuery } from '../../server/src/http/query.js';

const reference = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('hex');

describe('apiHmacHex', () => {
  it('equals createHmac for short, block-sized, longer-than-a-block and non-ASCII secrets and messages', () => {
    const secrets = ['', 's', 'bench-secret', 'x'.repeat(63), 'x'.repeat(64), 'x'.repeat(65), 'y'.repeat(200), 'sécret-€-🔑', randomBytes(40).toString('base64')];
    const messages = ['', 'a', 'POST\n/apps/1/events\nauth_key=k&auth_timestamp=1&auth_version=1.0', 'é€🔑'.repeat(50), 'z'.repeat(10_000)];
    for (const secret of secrets) {
      for (const message of messages) expect(apiHmacHex(secret, message), `${secret.length} / ${message.length}`).toBe(reference(secret, message));
    }
  });

  it('stays right when secrets alternate (the pads are cached per secret)', () => {
    for (let i = 0; i < 300; i++) {
      const secret = `secret-${i % 7}`;
      const message = `message ${i}`;
      expect(apiHmacHex(secret, message)).toBe(reference(secret, message));
    }
  });

  it('gives the signatures the Pusher SDKs compute', () => {
    expect(vectors.http_api.length).toBeGreaterThan(0);
    for (const request of vectors.http_api) {
      const raw = request.signed_query;
      const at = raw.indexOf('&auth_signature=');
      const query = RequestQuery.parse(raw);
      expect(apiHmacHex(vectors.app.secret, query.signingString(request.method, request.path))).toBe(raw.slice(at + '&auth_signature='.length));
    }
  });
});
