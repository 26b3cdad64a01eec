// VITE_POGO_FALLBACK=true: pusher-js may also fall back to its HTTP transports (xhr_streaming, then
// xhr_polling) where a WebSocket cannot be opened (a proxy that strips Upgrade, a network that
// blocks it). pusher-js sends those to httpHost/httpPort (Pusher's sockjs host by default), so
// they are pointed at the Pogo server's own host and port. Off by default.
import type { Options } from 'pusher-js';
import { PogoConfigError, type ConnectionSettings, type EnvSource } from './env';

const fallbackVariable = 'VITE_POGO_FALLBACK';

/** The HTTP path pusher-js puts in front of its fallback requests (its own default, served by pogo-ws). */
const httpPath = '/pusher';

/** true/false from an explicit option, else from VITE_POGO_FALLBACK (`true`, `false`, `1`, `0` or empty). */
export function fallbackEnabled(env: EnvSource | undefined, explicit: boolean | undefined): boolean {
  if (explicit !== undefined) return explicit;
  const raw = env?.[fallbackVariable];
  if (raw === undefined || raw === null || typeof raw === 'boolean') return raw === true;
  const value = String(raw).trim().toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0' || value === '') return false;
  throw new PogoConfigError(fallbackVariable, `is invalid: "${String(raw)}" must be "true" or "false"`);
}

/** The pusher-js options for the transports: WebSocket only, or with the HTTP fallbacks at the server's host and port. */
export function transportOptions(settings: ConnectionSettings, fallback: boolean): Pick<Options, 'enabledTransports' | 'httpHost' | 'httpPort' | 'httpsPort' | 'httpPath'> {
  // pusher-js names its WebSocket transport 'ws' even over TLS; 'wss' is its TLS retry when plain ws fails.
  if (!fallback) return { enabledTransports: ['ws', 'wss'] };
  return {
    enabledTransports: ['ws', 'wss', 'xhr_streaming', 'xhr_polling'],
    httpHost: settings.host,
    httpPort: settings.port,
    httpsPort: settings.port,
    httpPath,
  };
}
