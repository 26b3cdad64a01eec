// @pogo/echo/react: @laravel/echo-react's hooks typed by the app's channel map. At run time these are
// Laravel's own hooks (configure them once with `configureEcho(echoConfig({ env: import.meta.env }))`).
import { useEcho as laravelUseEcho, useEchoPresence as laravelUseEchoPresence, useEchoPublic as laravelUseEchoPublic } from '@laravel/echo-react';
import type { PogoChannels } from '@pogo/echo';
import type { DependencyList } from 'react';
import type { EchoHooks } from './hooks';

export type { EchoHookHandle } from './hooks';
export type ReactEchoHooks<C = PogoChannels> = EchoHooks<C, DependencyList>;

const hooks = {
  useEcho: laravelUseEcho,
  useEchoPresence: laravelUseEchoPresence,
  useEchoPublic: laravelUseEchoPublic,
} as unknown as ReactEchoHooks;

/** The hooks typed by an explicit channel map instead of the augmented `PogoChannels`: `const { useEcho } = echoHooks<AppChannels>()`. */
export function echoHooks<C extends object>(): ReactEchoHooks<C> {
  return hooks as unknown as ReactEchoHooks<C>;
}

// Annotated, not destructured: the declarations must keep naming PogoChannels so the app's augmentation applies.
export const useEcho: ReactEchoHooks['useEcho'] = hooks.useEcho;
export const useEchoPresence: ReactEchoHooks['useEchoPresence'] = hooks.useEchoPresence;
export const useEchoPublic: ReactEchoHooks['useEchoPublic'] = hooks.useEchoPublic;
