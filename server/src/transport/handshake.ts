// What the upgrade request asks for, checked the way Pusher checks it. Refusals happen
// after the upgrade, as a pusher:error and a close code, so clients can read the reason.
import type { IncomingMessage } from 'node:http';
import type { App } from '../apps/app.js';
import { closeCode, protocolVersion, type CodeEntry } from '../schema.js';

export type HandshakeResult = { ok: true; app: App } | { ok: false; refusal: CodeEntry; detail?: string };

export function checkHandshake(request: Pick<IncomingMessage, 'url' | 'headers'>, findApp: (key: string) => App | undefined): HandshakeResult {
  // Split by hand, never new URL(): any target a client sends ("//", "http://[::1") must be answered, not thrown on.
  const target = request.url ?? '/';
  const mark = target.indexOf('?');
  const match = /^\/app\/([^/]+)\/?$/.exec(mark < 0 ? target : target.slice(0, mark));
  if (!match) return { ok: false, refusal: closeCode('PATH_NOT_FOUND') };
  const key = safeDecode(match[1] ?? '');
  if (key === undefined) return { ok: false, refusal: closeCode('APP_NOT_FOUND'), detail: 'the app key is not valid percent-encoding' };

  const protocol = new URLSearchParams(mark < 0 ? '' : target.slice(mark + 1)).get('protocol');
  if (protocol === null || protocol === '') return { ok: false, refusal: closeCode('NO_PROTOCOL_VERSION') };
  if (!/^\d+$/.test(protocol)) return { ok: false, refusal: closeCode('INVALID_VERSION_FORMAT') };
  const version = Number(protocol);
  if (version < protocolVersion.minVersion || version > protocolVersion.version) {
    return { ok: false, refusal: closeCode('UNSUPPORTED_PROTOCOL_VERSION'), detail: `protocol ${version}; supported ${protocolVersion.minVersion}–${protocolVersion.version}` };
  }

  const app = findApp(key);
  if (!app) return { ok: false, refusal: closeCode('APP_NOT_FOUND') };
  if (!app.enabled) return { ok: false, refusal: closeCode('APP_DISABLED') };

  const origin = request.headers.origin;
  if (origin && !originAllowed(origin, app.allowedOrigins, request.headers.host)) {
    return { ok: false, refusal: closeCode('ORIGIN_NOT_ALLOWED'), detail: origin.slice(0, 100) };
  }
  return { ok: true, app };
}

/** decodeURIComponent, or undefined for a malformed escape (it throws). */
export function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Listed origins exactly, or `*`; with none listed, the server's own hostname (any port). */
export function originAllowed(origin: string, allowed: readonly string[], host: string | undefined): boolean {
  if (allowed.length > 0) return allowed.includes('*') || allowed.includes(origin);
  try {
    return new URL(origin).hostname === new URL(`http://${host ?? ''}`).hostname;
  } catch {
    return false;
  }
}
