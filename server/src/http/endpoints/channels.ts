// GET /apps/{id}/channels, /channels/{name}, /channels/{name}/users
import { channelType } from '../../protocol/channel-name.js';
import type { Endpoint } from '../endpoint.js';
import type { QueryParams } from '../query.js';
import { ApiError } from '../respond.js';

function infoList(query: QueryParams): string[] {
  return (query.get('info') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

export const channels: Endpoint = async ({ adapter }, { app, query }) => {
  const prefix = query.get('filter_by_prefix') ?? '';
  const info = infoList(query);
  if (info.includes('user_count') && !prefix.startsWith('presence-')) {
    throw new ApiError('INVALID_QUERY', 'info=user_count needs filter_by_prefix=presence-');
  }
  const result: Record<string, { user_count?: number }> = {};
  for (const channel of await adapter.channels(app.id, prefix)) {
    result[channel.name] = info.includes('user_count') && channel.userCount !== undefined ? { user_count: channel.userCount } : {};
  }
  return { channels: result };
};

export const channel: Endpoint = async ({ adapter }, { app, params, query }) => {
  const name = params[0] ?? '';
  const info = infoList(query);
  const presence = channelType(name).kind === 'presence';
  if (info.includes('user_count') && !presence) throw new ApiError('INVALID_QUERY', 'user_count is only for presence channels');
  const counts = await adapter.channel(app.id, name);
  const body: { occupied: boolean; user_count?: number; subscription_count?: number } = { occupied: counts.subscriptionCount > 0 };
  if (info.includes('user_count')) body.user_count = counts.userCount ?? 0;
  if (info.includes('subscription_count')) body.subscription_count = counts.subscriptionCount;
  return body;
};

export const users: Endpoint = async ({ adapter }, { app, params }) => {
  const name = params[0] ?? '';
  if (channelType(name).kind !== 'presence') throw new ApiError('INVALID_QUERY', 'users are listed for presence channels only');
  return { users: (await adapter.presenceUsers(app.id, name)).map((id) => ({ id })) };
};
