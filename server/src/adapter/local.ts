// The single-node adapter: everything is already here.
import type { Hub } from '../hub.js';
import type { Adapter, ChannelSummary } from './adapter.js';
import type { ChannelCounts } from '../channels/app-channels.js';

export class LocalAdapter implements Adapter {
  constructor(private readonly hub: Hub) {}

  publish(appId: string, channel: string, message: string, exceptSocketId?: string, seq?: number): void {
    this.hub.deliver(appId, channel, message, exceptSocketId, seq);
  }

  async channels(appId: string, prefix: string): Promise<ChannelSummary[]> {
    return this.hub.localChannels(appId, prefix);
  }

  async channel(appId: string, name: string): Promise<ChannelCounts> {
    return this.hub.localChannel(appId, name);
  }

  async presenceUsers(appId: string, name: string): Promise<string[]> {
    return this.hub.localPresenceUsers(appId, name);
  }

  async terminateUser(appId: string, userId: string): Promise<void> {
    this.hub.terminateLocalUser(appId, userId);
  }

  async close(): Promise<void> {}
}
