// Builds the Laravel Echo options for a Pogo server. The same object serves `new Echo(...)`,
// `configureEcho(...)` from @laravel/echo-react and @laravel/echo-vue, and `createEcho()`.
import type { EchoOptions } from 'laravel-echo';
import { resolveConnectionSettings, viteEnv, type ConnectionOverrides, type EnvSource } from './env';
import { fallbackEnabled, transportOptions } from './fallback';
import { PogoPusher } from './reconnect';

/** Echo's own options for a Pusher-protocol server ('reverb' broadcaster: pusher-js without a cluster). */
export type PogoEchoOptions = EchoOptions<'reverb'>;

export interface PogoOptions extends ConnectionOverrides {
  /**
   * Where the VITE_POGO_* variables come from. Defaults to `import.meta.env` (Vite); pass it explicitly
   * outside Vite, in tests, or when a dependency pre-bundler hides `import.meta.env` from this package.
   */
  env?: EnvSource;
  /**
   * Any other Echo / pusher-js option (authEndpoint, auth, bearerToken, channelAuthorization,
   * userAuthentication, namespace, withoutInterceptors, ...). These win over what the preset computes.
   */
  echo?: Partial<PogoEchoOptions>;
  /**
   * Connection recovery (default on): after a reconnect, resubscribe with the last serial seen per channel so
   * the server replays what was missed; see `onDiscontinuity`. `false` leaves pusher-js exactly as it is.
   */
  recovery?: boolean;
  /**
   * pusher-js's HTTP fallback transports (xhr_streaming, xhr_polling) where a WebSocket cannot be opened,
   * served by the same Pogo server. Defaults to VITE_POGO_FALLBACK (off when unset).
   */
  fallback?: boolean;
}

/**
 * The Echo options for a Pogo server, from VITE_POGO_* variables and explicit overrides.
 * Throws a `PogoConfigError` naming the variable when a setting is missing or invalid.
 *
 * ```ts
 * import { configureEcho } from '@laravel/echo-react';
 * configureEcho(echoConfig({ env: import.meta.env }));
 * ```
 */
export function echoConfig(options: PogoOptions = {}): PogoEchoOptions {
  const { env, echo, recovery: _recovery, fallback, ...overrides } = options;
  const source = env ?? viteEnv();
  const settings = resolveConnectionSettings(source, overrides);
  // disableStats: stats go to Pusher's hosted service, nothing a self-hosted server has to do with. (Comments inside
  // the object would ship in dist/index.js, which has a size budget.)
  return {
    broadcaster: 'reverb',
    key: settings.key,
    wsHost: settings.host,
    wsPort: settings.port,
    wssPort: settings.port,
    forceTLS: settings.scheme === 'https',
    ...transportOptions(settings, fallbackEnabled(source, fallback)),
    disableStats: true,
    Pusher: PogoPusher,
    ...echo,
  };
}
