import { PogoChannels } from '@pogo/echo';
import { DependencyList } from 'react';
import { E as EchoHooks } from './hooks-DMM6bzYX.js';
export { a as EchoHookHandle } from './hooks-DMM6bzYX.js';

type ReactEchoHooks<C = PogoChannels> = EchoHooks<C, DependencyList>;
/** The hooks typed by an explicit channel map instead of the augmented `PogoChannels`: `const { useEcho } = echoHooks<AppChannels>()`. */
declare function echoHooks<C extends object>(): ReactEchoHooks<C>;
declare const useEcho: ReactEchoHooks['useEcho'];
declare const useEchoPresence: ReactEchoHooks['useEchoPresence'];
declare const useEchoPublic: ReactEchoHooks['useEchoPublic'];

export { type ReactEchoHooks, echoHooks, useEcho, useEchoPresence, useEchoPublic };
