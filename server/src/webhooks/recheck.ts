// In a cluster, a held channel_vacated or member_removed is checked against the adapter's
// cluster-wide answer before it goes out (see ClusterRecheck); alone, nothing to check.
import type { Adapter } from '../adapter/adapter.js';
import type { ClusterRecheck } from './dispatcher.js';

export function clusterRecheck(adapter: Adapter): ClusterRecheck | undefined {
  if (!adapter.shared) return undefined;
  return {
    channelEmpty: async (app, channel) => (await adapter.channel(app.id, channel)).subscriptionCount === 0,
    memberGone: async (app, channel, userId) => !(await adapter.presenceUsers(app.id, channel)).includes(userId),
  };
}
