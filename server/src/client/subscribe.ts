// pusher:subscribe — validate the name, check the signature, admit presence members.
import type { PresenceJoin } from '../channels/subscriptions.js';
import type { Hub } from '../hub.js';
import { channelNameProblem, channelType, isUserChannel, requiresAuth, userChannel } from '../protocol/channel-name.js';
import { stringField } from '../protocol/client-message.js';
import { subscriptionSucceeded } from '../protocol/messages.js';
import { channelAuthString, verifyAuth } from '../protocol/signature.js';
import type { Connection } from '../transport/connection.js';
import { schema } from '../schema.js';
import { refuse, refuseSubscription } from './reply.js';

export async function subscribe(hub: Hub, connection: Connection, data: unknown): Promise<void> {
  const { app } = connection;
  const { limits } = app;
  const name = stringField(data, 'channel');
  if (name !== undefined && isUserChannel(name)) {
    // pusher-js confirms the user channel it was put on at signin; nobody else may join it.
    if (connection.user && name === userChannel(connection.user.id)) connection.sendText(subscriptionSucceeded(name));
    else refuseSubscription(connection, name, 'AuthError', 403, 'SUBSCRIPTION_UNAUTHORIZED', 'sign in as this user first');
    return;
  }
  const problem = channelNameProblem(name, limits.maxChannelNameLength);
  if (problem !== undefined || name === undefined) {
    if (typeof name === 'string') refuseSubscription(connection, name, 'InvalidChannel', 400, 'INVALID_CHANNEL', problem ?? 'invalid channel name');
    else refuse(connection, 'INVALID_CHANNEL', problem);
    return;
  }

  // The cheap checks first: a connection over its rate, already subscribed or full never costs an authorization.
  if (!connection.subscribeAllowed()) {
    refuseSubscription(connection, name, 'LimitReached', 429, 'SUBSCRIBE_RATE_LIMIT', `at most ${limits.subscribesPerSecond} a second (bursts of ${limits.subscribeBurst})`);
    return;
  }
  const { kind } = channelType(name);
  if (alreadySubscribedOrFull(connection, name, kind)) return;
  // An empty auth (what a client configured for server-side auth sends) counts as none.
  let auth = stringField(data, 'auth');
  let channelData = kind === 'presence' ? stringField(data, 'channel_data') : undefined;
  const authorizer = hub.authorizer(app);
  // Encrypted channels stay client-authorized: only the client may learn the shared secret.
  if (requiresAuth(kind) && !auth && authorizer && kind !== 'encrypted') {
    // One connection holds at most a few of the app's authorization slots (its others wait): it cannot starve the rest.
    const slots = connection.authorizationSlots();
    if (!(await slots.acquire())) {
      refuseSubscription(connection, name, 'LimitReached', 429, 'SUBSCRIBE_RATE_LIMIT', `too many authorizations waiting on this connection`);
      return;
    }
    let result: Awaited<ReturnType<typeof authorizer.authorize>>;
    try {
      if (connection.closing) return;
      result = await authorizer.authorize(connection.socketId, name, connection.headers);
    } finally {
      slots.release();
    }
    if (connection.closing) return;
    if (!result.ok) {
      const code = result.reason === 'denied' ? 'SUBSCRIPTION_UNAUTHORIZED' : 'SERVER_AUTH_UNAVAILABLE';
      refuseSubscription(connection, name, 'AuthError', result.status, code, result.detail);
      return;
    }
    auth = result.auth;
    if (kind === 'presence') channelData = result.channelData;
    // The connection may have subscribed (or filled up) while this one was authorized.
    if (alreadySubscribedOrFull(connection, name, kind)) return;
  }

  let member: PresenceJoin | undefined;
  if (requiresAuth(kind)) {
    if (!verifyAuth(auth, app.key, app.secret, channelAuthString(connection.socketId, name, channelData))) {
      const detail = auth === undefined ? 'no auth given' : 'signature does not match';
      refuseSubscription(connection, name, 'AuthError', 401, 'SUBSCRIPTION_UNAUTHORIZED', detail);
      return;
    }
    if (kind === 'presence') {
      const parsed = presenceMember(channelData, limits);
      if (typeof parsed === 'string') {
        refuseSubscription(connection, name, 'AuthError', 400, 'INVALID_CHANNEL_DATA', parsed);
        return;
      }
      const members = hub.channel(app, name)?.members;
      if (members && members.size >= limits.maxPresenceMembers && !members.has(parsed.userId)) {
        refuseSubscription(connection, name, 'LimitReached', 429, 'PRESENCE_FULL', `at most ${limits.maxPresenceMembers} members`);
        return;
      }
      member = parsed;
    }
  }
  const resumeFrom = stringField(data, schema.recovery.resumeField);
  const resume = resumeFrom ? { serial: resumeFrom, previousSocketId: stringField(data, schema.recovery.previousSocketField) } : undefined;
  hub.subscribe(connection, name, member, resume);
}

/** Answers a subscription to a channel the connection already has (confirmed again) or one past its limit; true when answered. */
function alreadySubscribedOrFull(connection: Connection, name: string, kind: string): boolean {
  if (connection.channels.has(name)) {
    // Subscribing twice is harmless: confirm again, join once.
    if (kind !== 'presence') connection.sendText(subscriptionSucceeded(name));
    return true;
  }
  const max = connection.app.limits.maxChannelsPerConnection;
  if (connection.channels.size >= max) {
    refuseSubscription(connection, name, 'LimitReached', 429, 'TOO_MANY_CHANNELS', `at most ${max}`);
    return true;
  }
  return false;
}

/** The member a presence `channel_data` describes, or why it is refused. */
function presenceMember(
  channelData: string | undefined,
  limits: { maxUserIdLength: number; maxUserInfoBytes: number },
): PresenceJoin | string {
  if (channelData === undefined) return 'presence channels need channel_data';
  let value: unknown;
  try {
    value = JSON.parse(channelData);
  } catch {
    return 'channel_data is not valid JSON';
  }
  if (typeof value !== 'object' || value === null) return 'channel_data must be a JSON object';
  const { user_id: rawId, user_info: info } = value as { user_id?: unknown; user_info?: unknown };
  if ((typeof rawId !== 'string' && typeof rawId !== 'number') || rawId === '') return 'channel_data needs a user_id';
  const userId = String(rawId);
  if (userId.length > limits.maxUserIdLength) return `user_id is longer than ${limits.maxUserIdLength} characters`;
  if (info !== undefined && Buffer.byteLength(JSON.stringify(info)) > limits.maxUserInfoBytes) {
    return `user_info is larger than ${limits.maxUserInfoBytes} bytes`;
  }
  return { userId, info };
}
