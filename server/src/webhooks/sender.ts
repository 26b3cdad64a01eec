// One signed webhook POST with a hard deadline. The answer says whether trying again makes sense:
// timeouts, connection errors and 5xx may pass; 4xx (and 3xx, redirects are not followed) will not.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export type SendOutcome =
  | { ok: true; status: number }
  | { ok: false; retry: boolean; status?: number; reason: string };

// Keep-alive: a busy app sends a batch every few tens of milliseconds to the same receiver.
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

export function postWebhook(url: URL, body: string, headers: Record<string, string>, timeoutMs: number): Promise<SendOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const https = url.protocol === 'https:';
    const req = (https ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      agent: https ? httpsAgent : httpAgent,
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
    });
    const timer = setTimeout(() => {
      settle({ ok: false, retry: true, reason: `no answer within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      // The receiver's answer body is not used; read it so the connection can be reused.
      res.resume();
      res.on('end', () => {
        if (status >= 200 && status < 300) settle({ ok: true, status });
        else settle({ ok: false, retry: status >= 500, status, reason: `HTTP ${status}` });
      });
      res.on('error', (error) => settle({ ok: false, retry: true, reason: error.message }));
    });
    req.on('error', (error: Error & { code?: string }) => settle({ ok: false, retry: true, reason: error.code ?? error.message }));
    req.end(body);
  });
}

/** The URL without credentials or query, for log lines. */
export function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}
