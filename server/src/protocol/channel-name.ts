// Channel-name rules: what a name means (kind, cache) and whether it is valid.
import { channelNamePattern, userChannelPrefix } from '../schema.js';

export type ChannelKind = 'public' | 'private' | 'encrypted' | 'presence';

export interface ChannelType {
  kind: ChannelKind;
  /** `cache-`, `private-cache-`, `private-encrypted-cache-`, `presence-cache-`: last event kept and replayed. */
  cache: boolean;
}

export function channelType(name: string): ChannelType {
  if (name.startsWith('private-encrypted-')) {
    return { kind: 'encrypted', cache: name.startsWith('private-encrypted-cache-') };
  }
  if (name.startsWith('private-')) return { kind: 'private', cache: name.startsWith('private-cache-') };
  if (name.startsWith('presence-')) return { kind: 'presence', cache: name.startsWith('presence-cache-') };
  return { kind: 'public', cache: name.startsWith('cache-') };
}

export function requiresAuth(kind: ChannelKind): boolean {
  return kind !== 'public';
}

/** Why a name is refused, or undefined when it is valid for a client subscription or a publish. */
export function channelNameProblem(name: unknown, maxLength: number): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'channel name must be a non-empty string';
  if (name.length > maxLength) return `channel name is longer than ${maxLength} characters`;
  if (!channelNamePattern.test(name)) return 'channel name may only contain A-Z a-z 0-9 _ - = @ , . ;';
  return undefined;
}

export function isUserChannel(name: string): boolean {
  return name.startsWith(userChannelPrefix);
}

export function userChannel(userId: string): string {
  return userChannelPrefix + userId;
}
