// Checks an event published through the API, in the order clients can fix them.
import type { App } from '../apps/app.js';
import { channelNameProblem, isUserChannel } from '../protocol/channel-name.js';
import { socketIdPattern } from '../schema.js';
import { ApiError } from './respond.js';

export interface PublishRequest {
  name: string;
  data: string;
  channels: string[];
  socketId?: string;
  info: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseJsonBody(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ApiError('INVALID_PAYLOAD', 'body is not valid JSON');
  }
  if (!isRecord(value)) throw new ApiError('INVALID_PAYLOAD', 'body must be a JSON object');
  return value;
}

export function validatePublish(app: App, raw: unknown, channelsField: 'channels' | 'channel'): PublishRequest {
  const { limits } = app;
  if (!isRecord(raw)) throw new ApiError('INVALID_PAYLOAD', 'each event must be an object');
  const { name, data } = raw;
  if (typeof name !== 'string' || name.length === 0) throw new ApiError('INVALID_EVENT_NAME', '"name" must be a non-empty string');
  if (name.length > limits.maxEventNameLength) throw new ApiError('EVENT_NAME_TOO_LONG', `at most ${limits.maxEventNameLength} characters`);
  if (name.startsWith('pusher:') || name.startsWith('pusher_internal:')) {
    throw new ApiError('INVALID_EVENT_NAME', 'names starting with pusher: are reserved');
  }
  if (typeof data !== 'string') throw new ApiError('INVALID_PAYLOAD', '"data" must be a string');
  if (Buffer.byteLength(data) > limits.maxPayloadBytes) {
    throw new ApiError('PAYLOAD_TOO_LARGE', `"data" is limited to ${limits.maxPayloadBytes} bytes`);
  }

  let channels: unknown;
  if (channelsField === 'channels' && raw.channels === undefined && typeof raw.channel === 'string') channels = [raw.channel];
  else channels = channelsField === 'channel' ? [raw.channel] : raw.channels;
  if (!Array.isArray(channels) || channels.length === 0) {
    throw new ApiError('INVALID_CHANNEL_LIST', `"${channelsField}" is required`);
  }
  if (channels.length > limits.maxChannelsPerPublish) {
    throw new ApiError('INVALID_CHANNEL_LIST', `at most ${limits.maxChannelsPerPublish} channels per event`);
  }
  for (const channel of channels) {
    if (typeof channel === 'string' && channel.length > limits.maxChannelNameLength) {
      throw new ApiError('CHANNEL_NAME_TOO_LONG', `at most ${limits.maxChannelNameLength} characters`);
    }
    if (typeof channel === 'string' && isUserChannel(channel)) continue;
    const problem = channelNameProblem(channel, limits.maxChannelNameLength);
    if (problem) throw new ApiError('INVALID_CHANNEL_NAME', problem);
  }

  const socketId = raw.socket_id;
  if (socketId !== undefined && (typeof socketId !== 'string' || !socketIdPattern.test(socketId))) {
    throw new ApiError('INVALID_PAYLOAD', '"socket_id" must look like 123.456');
  }
  const info = typeof raw.info === 'string' ? raw.info.split(',').map((s) => s.trim()).filter(Boolean) : [];
  return { name, data, channels: channels as string[], socketId: socketId as string | undefined, info };
}
