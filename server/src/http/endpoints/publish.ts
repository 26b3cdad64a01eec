// POST /apps/{id}/events and POST /apps/{id}/batch_events
import { metrics } from '../../metrics/metrics.js';
import { channelEvent } from '../../protocol/messages.js';
import type { ApiContext, ApiRequest, Endpoint } from '../endpoint.js';
import { parseJsonBody, validatePublish, type PublishRequest } from '../publish-validation.js';
import { ApiError } from '../respond.js';
import type { App } from '../../apps/app.js';

/** Serialises once per channel and hands the message to the adapter; the frame is built once per node. */
async function publish(context: ApiContext, app: App, event: PublishRequest): Promise<void> {
  const pending: Promise<void>[] = [];
  for (const channel of event.channels) {
    const { message, seq } = context.hub.stamp(app, channel, channelEvent(event.name, channel, event.data));
    const sent = context.adapter.publish(app.id, channel, message, event.socketId, seq);
    if (sent) pending.push(sent);
  }
  if (pending.length > 0) {
    await Promise.all(pending).catch((error: unknown) => {
      metrics.publishFailed(app.id);
      throw error;
    });
  }
  context.hub.httpPublished(app, event.channels, event.name, event.data, event.socketId);
}

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
  await publish(context, app, event);
  return event.info.length > 0 ? { channels: await channelInfo(context, app, event.channels, event.info) } : {};
};

export const batchEvents: Endpoint = async (context: ApiContext, { app, body }: ApiRequest) => {
  const { batch } = parseJsonBody(body);
  if (!Array.isArray(batch)) throw new ApiError('INVALID_PAYLOAD', '"batch" must be a list of events');
  if (batch.length > app.limits.maxBatchEvents) {
    throw new ApiError('BATCH_TOO_LARGE', `at most ${app.limits.maxBatchEvents} events`);
  }
  // Validate all before publishing any: a batch is accepted whole or not at all.
  const events = batch.map((raw) => validatePublish(app, raw, 'channel'));
  for (const event of events) await publish(context, app, event);
  if (!events.some((e) => e.info.length > 0)) return {};
  const infos = [];
  for (const event of events) {
    infos.push(event.info.length > 0 ? (await channelInfo(context, app, event.channels, event.info))[event.channels[0]!] : {});
  }
  return { batch: infos };
};
