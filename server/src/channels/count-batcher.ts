// subscription_count for one app: a channel whose count changed is sent its new count at most
// once per event-loop turn, however many joined or left in it.
import { whenAnswered, type Adapter } from '../adapter/adapter.js';
import type { App } from '../apps/app.js';
import type { ObserverSink } from '../observe/observer.js';
import { textFrame } from '../protocol/frame.js';
import * as messages from '../protocol/messages.js';
import type { AppChannels } from './app-channels.js';
import type { Channel } from './channel.js';

export class CountBatcher {
  /** Channels whose subscription count changed this turn. */
  private readonly due = new Set<string>();

  constructor(
    private readonly app: App,
    private readonly channels: AppChannels,
    private readonly adapter: () => Adapter,
    private readonly events: ObserverSink,
  ) {}

  changed(channel: Channel): void {
    if (!this.app.subscriptionCount || channel.members) return;
    if (this.due.size === 0) setImmediate(() => this.send());
    this.due.add(channel.name);
  }

  /** The count is the cluster's (a single node's own), and every node's subscribers are told it. */
  private send(): void {
    const { app } = this;
    const adapter = this.adapter();
    for (const name of this.due) {
      const local = this.channels.get(name)?.subscribers.size ?? 0;
      whenAnswered(
        adapter.membership.countSubscriptions(app.id, name, local),
        (total) => {
          if (total > 0) void adapter.publish(app.id, name, messages.subscriptionCount(name, total));
          this.events.emit('subscriptionCount', app, name, total);
        },
        // The broker is away: this node's own count is the best it can say.
        () => local > 0 && this.channels.get(name)?.broadcast(textFrame(messages.subscriptionCount(name, local).json)),
      );
    }
    this.due.clear();
  }
}
