// Server → client messages, serialised once. Pusher double-encodes `data` for its own
// events (a JSON string inside JSON); published events carry `data` exactly as published.
import type { RecoveryReason } from '../schema.js';
import { schema, type CodeEntry } from '../schema.js';

export function connectionEstablished(socketId: string, activityTimeout: number): string {
  return JSON.stringify({
    event: 'pusher:connection_established',
    data: JSON.stringify({ socket_id: socketId, activity_timeout: activityTimeout }),
  });
}

function errorMessage(code: number, message: string): string {
  return JSON.stringify({ event: 'pusher:error', data: { code, message } });
}

/** A `pusher:error` for a schema code, with an optional detail after the schema's message. */
export function codedError(entry: CodeEntry, detail?: string): string {
  return errorMessage(entry.code, detail ? `${entry.message}: ${detail}` : entry.message);
}

export const pong = JSON.stringify({ event: 'pusher:pong', data: {} });
export const ping = JSON.stringify({ event: 'pusher:ping', data: {} });

export function subscriptionSucceeded(channel: string, presence?: PresenceSnapshot): string {
  return JSON.stringify({
    event: 'pusher_internal:subscription_succeeded',
    channel,
    data: JSON.stringify(presence ? { presence } : {}),
  });
}

export interface PresenceSnapshot {
  ids: string[];
  hash: Record<string, unknown>;
  count: number;
}

export type SubscriptionErrorType = 'AuthError' | 'LimitReached' | 'InvalidChannel';

export function subscriptionError(channel: string, type: SubscriptionErrorType, error: string, status: number, code: number): string {
  return JSON.stringify({ event: 'pusher:subscription_error', channel, data: { type, error, status, code } });
}

/**
 * What a message published to a channel is: an event (a cache channel remembers it), a presence
 * notice (member_added/removed: sent again after a broker outage) or a subscription count. The
 * kind travels with the JSON, so nothing downstream guesses it from the bytes.
 */
export type ChannelMessageKind = 'event' | 'member' | 'count';

export interface ChannelMessage {
  readonly kind: ChannelMessageKind;
  readonly json: string;
}

export function memberAdded(channel: string, userId: string, userInfo: unknown): ChannelMessage {
  const data = JSON.stringify(userInfo === undefined ? { user_id: userId } : { user_id: userId, user_info: userInfo });
  return { kind: 'member', json: JSON.stringify({ event: 'pusher_internal:member_added', channel, data }) };
}

export function memberRemoved(channel: string, userId: string): ChannelMessage {
  return { kind: 'member', json: JSON.stringify({ event: 'pusher_internal:member_removed', channel, data: JSON.stringify({ user_id: userId }) }) };
}

export function subscriptionCount(channel: string, count: number): ChannelMessage {
  return { kind: 'count', json: JSON.stringify({ event: 'pusher_internal:subscription_count', channel, data: JSON.stringify({ subscription_count: count }) }) };
}

export function cacheMiss(channel: string): string {
  return JSON.stringify({ event: 'pusher:cache_miss', channel });
}

export function signinSuccess(userData: string): string {
  return JSON.stringify({ event: 'pusher:signin_success', data: { user_data: userData } });
}

/**
 * A channel event. `data` is the published string (HTTP API) or the client's value
 * (client events); either way it is serialised once here for every recipient.
 */
export function channelEvent(event: string, channel: string, data: unknown, userId?: string): ChannelMessage {
  return { kind: 'event', json: JSON.stringify(userId === undefined ? { event, channel, data } : { event, channel, data, user_id: userId }) };
}

/** Recovery could not cover a `resume_from`: the app should refetch this channel's state. */
export function discontinuity(channel: string, reason: RecoveryReason, resumeFrom: string): string {
  return JSON.stringify({
    event: schema.recovery.discontinuityEvent,
    channel,
    data: JSON.stringify({ reason, message: schema.recovery.reasons[reason], resume_from: resumeFrom }),
  });
}
