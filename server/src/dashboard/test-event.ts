// The console's "send a test event": the server signs it with the app's secret and sends it
// through its own HTTP API over loopback, so it is validated, limited and delivered exactly
// like a publish from the application. The page never sees the secret.
import { request } from 'node:http';
import type { App } from '../apps/app.js';
import { hmacHex, httpSigningString, md5Hex } from '../protocol/signature.js';

export interface TestEvent {
  channel: string;
  event: string;
  data: string;
}

export interface TestEventResult {
  /** The HTTP API's status and JSON answer, as an application would see them. */
  status: number;
  body: unknown;
}

/** Parses the page's JSON body; a message for the page when it is not usable. */
export function parseTestEvent(raw: unknown): TestEvent | string {
  if (typeof raw !== 'object' || raw === null) return 'the body must be a JSON object';
  const { channel, event, data } = raw as Record<string, unknown>;
  if (typeof channel !== 'string' || channel === '') return '"channel" must be a non-empty string';
  if (typeof event !== 'string' || event === '') return '"event" must be a non-empty string';
  if (data !== undefined && typeof data !== 'string') return '"data" must be a string';
  return { channel, event, data: data ?? '{}' };
}

/** The query string that signs a POST of `body` to `path`, exactly as the Pusher SDKs sign it. */
export function signedQuery(app: Pick<App, 'key' | 'secret'>, path: string, body: string, nowSeconds: number): string {
  const query = new URLSearchParams({ auth_key: app.key, auth_timestamp: String(nowSeconds), auth_version: '1.0', body_md5: md5Hex(body) });
  query.set('auth_signature', hmacHex(app.secret, httpSigningString('POST', path, query)));
  return query.toString();
}

function signedEventRequest(app: App, test: TestEvent, nowSeconds = Math.floor(Date.now() / 1000)): { path: string; body: string } {
  const body = JSON.stringify({ name: test.event, channels: [test.channel], data: test.data });
  const path = `/apps/${encodeURIComponent(app.id)}/events`;
  return { path: `${path}?${signedQuery(app, path, body, nowSeconds)}`, body };
}

export function sendTestEvent(host: string, port: number, app: App, test: TestEvent): Promise<TestEventResult> {
  const { path, body } = signedEventRequest(app, test);
  return new Promise((resolve, reject) => {
    const req = request(
      { host, port, method: 'POST', path, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // Not JSON: pass the text on.
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('the HTTP API did not answer within 10 s')));
    req.on('error', reject);
    req.end(body);
  });
}
