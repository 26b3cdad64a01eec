// POST /apps/{id}/events and POST /apps/{id}/batch_events
import type { ApiContext, ApiRequest, Endpoint } from '../endpoint.js';
import { parseJsonBody, validatePublish } from '../publish-validation.js';
import { ApiError, emptyAnswer } from '../respond.js';
import type { App } from '../../apps/app.js';

async function channelInfo(context: ApiContext, app: App, channels: string[], info: string[]) {
  const result: Record<string, { user_count?: number; subscription_count?: number }> = {};
  for (const channel of channels) {
    const counts = await context.adapter.channel(app.id, channel);
    const entry: { user_count?: number; subscription_count?: number } = {};
    if (info.includes('user_count') && counts.userCount !== undefined) entry.user_count = counts.userCount;
    if (info.includes('subscription_count')) entry.subscription_count = counts.subscriptionCount;
    result[channel] = entry;
  }
  return result;
}

export const events: Endpoint = async (context: ApiContext, { app, body }: ApiRequest) => {
  const event = validatePublish(app, parseJsonBody(body), 'channels');
  await context.hub.publish(app, event);
  return event.info.length > 0 ? { channels: await channelInfo(context, app, event.channels, event.info) } : emptyAnswer;
};

export const batchEvents: Endpoint = async (context: ApiContext, { app, body }: ApiRequest) => {
  const { batch } = parseJsonBody(body);
  if (!Array.isArray(batch)) throw new ApiError('INVALID_PAYLOAD', '"batch" must be a list of events');
  if (batch.length > app.limits.maxBatchEvents) {
    throw new ApiError('BATCH_TOO_LARGE', `at most ${app.limits.maxBatchEvents} events`);
  }
  // Validate all before publishing any: a batch is accepted whole or not at all.
  const events = batch.map((raw) => validatePublish(app, raw, 'channel'));
  for (const event of events) await context.hub.publish(app, event);
  if (!events.some((e) => e.info.length > 0)) return emptyAnswer;
  const infos = [];
  for (const event of events) {
    infos.push(event.info.length > 0 ? (await channelInfo(context, app, event.channels, event.info))[event.channels[0] ?? ''] : {});
  }
  return { batch: infos };
};
