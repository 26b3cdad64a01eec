import { useEchoPublic as useEchoPublic$1 } from '@laravel/echo-vue';
import { PogoChannels } from '@pogo/echo';
import { E as EchoHooks } from './hooks-DMM6bzYX.js';
export { a as EchoHookHandle } from './hooks-DMM6bzYX.js';

/** What @laravel/echo-vue watches to re-subscribe (its `dependencies` argument). */
type VueDependencies = Parameters<typeof useEchoPublic$1>[3];
type VueEchoHooks<C = PogoChannels> = EchoHooks<C, VueDependencies>;
/** The hooks typed by an explicit channel map instead of the augmented `PogoChannels`: `const { useEcho } = echoHooks<AppChannels>()`. */
declare function echoHooks<C extends object>(): VueEchoHooks<C>;
declare const useEcho: VueEchoHooks['useEcho'];
declare const useEchoPresence: VueEchoHooks['useEchoPresence'];
declare const useEchoPublic: VueEchoHooks['useEchoPublic'];

export { type VueEchoHooks, echoHooks, useEcho, useEchoPresence, useEchoPublic };
