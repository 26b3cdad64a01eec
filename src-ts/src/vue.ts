// @pogo/echo/vue: @laravel/echo-vue's hooks typed by the app's channel map. At run time these are
// Laravel's own hooks (configure them once with `configureEcho(echoConfig({ env: import.meta.env }))`).
import { useEcho as laravelUseEcho, useEchoPresence as laravelUseEchoPresence, useEchoPublic as laravelUseEchoPublic } from '@laravel/echo-vue';
import type { PogoChannels } from '@pogo/echo';
import type { EchoHooks } from './hooks';

export type { EchoHookHandle } from './hooks';
/** What @laravel/echo-vue watches to re-subscribe (its `dependencies` argument). */
type VueDependencies = Parameters<typeof laravelUseEchoPublic>[3];
export type VueEchoHooks<C = PogoChannels> = EchoHooks<C, VueDependencies>;

const hooks = {
  useEcho: laravelUseEcho,
  useEchoPresence: laravelUseEchoPresence,
  useEchoPublic: laravelUseEchoPublic,
} as unknown as VueEchoHooks;

/** The hooks typed by an explicit channel map instead of the augmented `PogoChannels`: `const { useEcho } = echoHooks<AppChannels>()`. */
export function echoHooks<C extends object>(): VueEchoHooks<C> {
  return hooks as unknown as VueEchoHooks<C>;
}

// Annotated, not destructured: the declarations must keep naming PogoChannels so the app's augmentation applies.
export const useEcho: VueEchoHooks['useEcho'] = hooks.useEcho;
export const useEchoPresence: VueEchoHooks['useEchoPresence'] = hooks.useEchoPresence;
export const useEchoPublic: VueEchoHooks['useEchoPublic'] = hooks.useEchoPublic;
