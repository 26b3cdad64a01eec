// Cross-origin requests: the page is usually on another origin than the server (the app on :8000,
// pogo-ws on :6001), and pusher-js posts `Content-Type: application/json`, so the browser asks
// first (OPTIONS). Both the question and the requests are answered for the app's allowed origins
// only, by the rule the WebSocket handshake uses (transport/handshake.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../apps/app.js';
import { originAllowed } from '../transport/handshake.js';

/** How long a browser may reuse a preflight's answer (s); pusher-js's URLs differ per request, so this rarely helps. */
const preflightMaxAgeSeconds = 600;

/** The headers that let the page read the answer; none for a request without Origin (not a browser's cross-origin one). */
export function corsHeaders(request: IncomingMessage): Record<string, string> {
  const origin = request.headers.origin;
  return origin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
}

/** False when the request's Origin is not one of the app's. */
export function corsAllowed(request: IncomingMessage, app: App): boolean {
  const origin = request.headers.origin;
  return origin === undefined || originAllowed(origin, app.allowedOrigins, request.headers.host);
}

/** The preflight's answer for an allowed origin: POST with Content-Type, nothing else. */
export function answerPreflight(request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(204, {
    ...corsHeaders(request),
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type',
    'Access-Control-Max-Age': String(preflightMaxAgeSeconds),
    'Content-Length': '0',
  });
  response.end();
}
