// One call from the VITE_POGO_* variables to a working, typed Laravel Echo.
import Echo from 'laravel-echo';
import type { PogoChannels, PogoEcho } from './channels';
import { echoConfig, type PogoOptions } from './config';
import { recoveryOf } from './recovery';

/**
 * A Laravel Echo connected to the Pogo server the VITE_POGO_* variables describe. Explicit options override the
 * variables; a missing or invalid setting throws a `PogoConfigError` naming the variable.
 *
 * The channel map comes from `declare module '@pogo/echo' { interface PogoChannels { ... } }`, or explicitly:
 * `createEcho<AppChannels>()`.
 */
export function createEcho<C extends object = PogoChannels>(options: PogoOptions = {}): PogoEcho<C> {
  const config = echoConfig(options);
  // laravel-echo 2's own CommonJS entry loads as an empty module: say so instead of "not a constructor".
  if (typeof Echo !== 'function') {
    throw new Error('@pogo/echo: laravel-echo did not load as a class (its CommonJS entry is broken); import laravel-echo as an ES module');
  }
  const echo = new Echo(config) as unknown as PogoEcho<C>;
  if (options.recovery !== false) recoveryOf(echo);
  return echo;
}
