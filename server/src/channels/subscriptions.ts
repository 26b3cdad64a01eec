// Subscribe, unsubscribe and presence for one node: who joins and leaves which channel, and what
// the client, the other subscribers and the observers are told. The adapter's membership decides
// occupied/vacated and member_added/removed across nodes; one path whether there is one node or many.
import { whenAnswered, type Adapter, type EnterResult } from '../adapter/adapter.js';
import type { App } from '../apps/app.js';
import type { ObserverSink } from '../observe/observer.js';
import * as messages from '../protocol/messages.js';
import type { AppRecovery, ResumePoint } from '../recovery/recovery.js';
import type { AppChannels } from './app-channels.js';
import type { CountBatcher } from './count-batcher.js';
import type { ClientSubscriber } from './subscriber.js';

export interface PresenceJoin {
  userId: string;
  info: unknown;
}

/** One app's channel state on this node, as subscribing needs it. */
export interface AppSubscriptionState {
  readonly app: App;
  readonly channels: AppChannels;
  readonly counts: CountBatcher;
  readonly recovery: AppRecovery;
}

export class Subscriptions {
  constructor(
    private readonly adapter: () => Adapter,
    private readonly events: ObserverSink,
  ) {}

  /**
   * Subscribes and answers the client: success, presence snapshot, recovery replay, cache,
   * member_added. The adapter's membership decides occupied and member_added (each fires once
   * across nodes): at once for a single node, when the store answers for several.
   */
  subscribe(state: AppSubscriptionState, client: ClientSubscriber, name: string, member?: PresenceJoin, resume?: ResumePoint): void {
    const { app } = state;
    const result = state.channels.join(client, name, member);
    const { channel } = result;
    client.channels.set(name, member?.userId);
    const { membership } = this.adapter();
    const members = channel.members;
    const newMember = member && result.firstConnectionOfUser ? member : undefined;
    const entering = result.occupied || newMember || members ? membership.enter(app.id, name, result.occupied, newMember, members !== undefined) : undefined;
    const cacheFresh = channel.lastEvent !== undefined && Date.now() - channel.lastEventAt < app.limits.cacheTtlSeconds * 1000;
    const cached = channel.type.cache && !cacheFresh ? membership.cachedMessage(app.id, name) : undefined;
    if (cached instanceof Promise) cached.catch(() => undefined);
    if (!members) {
      client.sendText(messages.subscriptionSucceeded(name));
      if (resume) state.recovery.replay(client, name, resume);
    }
    this.events.emit('subscribed', app, name, client.socketId);
    state.counts.changed(channel);
    const stillSubscribed = () => !client.closing && client.channels.has(name);

    const entered = (answer: EnterResult | undefined) => {
      if (members && stillSubscribed()) {
        // Without the store's list (a single node, or the broker away) this node's is the list.
        const all = answer?.members ?? new Map([...members].map(([id, m]) => [id, m.info]));
        const hash: Record<string, unknown> = {};
        for (const [id, info] of all) hash[id] = info ?? null;
        client.sendText(messages.subscriptionSucceeded(name, { ids: Object.keys(hash), hash, count: all.size }));
        if (resume) state.recovery.replay(client, name, resume);
      }
      if (answer?.occupied) this.events.emit('channelOccupied', app, name);
      // Broker away: this node's subscribers still learn of the member; the store announces it on reconnect.
      if (newMember && (answer ? answer.memberAdded : true)) {
        void this.adapter().publish(app.id, name, messages.memberAdded(name, newMember.userId, newMember.info), client.socketId);
        if (answer) this.events.emit('memberAdded', app, name, newMember.userId);
      }
      if (!channel.type.cache || !stillSubscribed()) return;
      if (cacheFresh && channel.lastEvent) {
        client.send(channel.lastEvent);
        return;
      }
      const cacheMiss = () => {
        client.sendText(messages.cacheMiss(name));
        this.events.emit('cacheMiss', app, name);
      };
      whenAnswered(cached, (message) => (message !== undefined ? client.sendText(message) : cacheMiss()), cacheMiss);
    };
    // Never an unhandled rejection (it would stop the process); the client times out and retries.
    const guarded = (answer: EnterResult | undefined) => {
      try {
        entered(answer);
      } catch (error) {
        process.emitWarning(`subscribe of ${name} failed: ${(error as Error).message}`);
      }
    };
    if (entering === undefined) entered(undefined);
    else if (entering instanceof Promise) entering.then(guarded, () => guarded(undefined));
    else entered(entering);
  }

  unsubscribe(state: AppSubscriptionState, client: ClientSubscriber, name: string): void {
    if (!client.channels.has(name)) return;
    const userId = client.channels.get(name);
    client.channels.delete(name);
    const { app } = state;
    const graceMs = app.limits.presenceLeaveGraceMs;
    const result = state.channels.leave(client, name, userId, graceMs > 0);
    if (!result) return;
    this.events.emit('unsubscribed', app, name, client.socketId);
    const adapter = this.adapter();
    const lastUser = userId !== undefined && result.lastConnectionOfUser ? userId : undefined;
    if (lastUser !== undefined && graceMs > 0) {
      // The member stays for the grace period; it is removed only if it has not come back by then.
      setTimeout(() => {
        if (state.channels.releaseMember(name, lastUser)) this.memberLeft(app, name, lastUser);
      }, graceMs).unref();
      if (result.vacated) whenAnswered(adapter.membership.exit(app.id, name, true, undefined), (exited) => this.left(app, name, undefined, exited.vacated), () => {});
    } else if (result.vacated || lastUser !== undefined) {
      whenAnswered(
        adapter.membership.exit(app.id, name, result.vacated, lastUser),
        (exited) => this.left(app, name, exited.memberRemoved ? lastUser : undefined, exited.vacated),
        // The broker is away: this node's subscribers still learn it; the store catches up on reconnect.
        () => lastUser !== undefined && adapter.publish(app.id, name, messages.memberRemoved(name, lastUser)),
      );
    }
    state.counts.changed(result.channel);
  }

  /** A presence member's grace period ended without it coming back: remove it, here and in the cluster. */
  private memberLeft(app: App, name: string, userId: string): void {
    const adapter = this.adapter();
    whenAnswered(
      adapter.membership.exit(app.id, name, false, userId),
      (exited) => this.left(app, name, exited.memberRemoved ? userId : undefined, false),
      () => adapter.publish(app.id, name, messages.memberRemoved(name, userId)),
    );
  }

  /** A member, or the channel, left the whole cluster (here, or with a node that died): announce once. */
  left(app: App, name: string, removedUserId: string | undefined, vacated: boolean): void {
    if (removedUserId !== undefined) {
      void this.adapter().publish(app.id, name, messages.memberRemoved(name, removedUserId));
      this.events.emit('memberRemoved', app, name, removedUserId);
    }
    if (vacated) this.events.emit('channelVacated', app, name);
  }

  /** The cluster had lost this node's member or channel (after an outage) and has it again. */
  entered(app: App, name: string, addedMember: PresenceJoin | undefined, occupied: boolean): void {
    if (occupied) this.events.emit('channelOccupied', app, name);
    if (addedMember) {
      void this.adapter().publish(app.id, name, messages.memberAdded(name, addedMember.userId, addedMember.info));
      this.events.emit('memberAdded', app, name, addedMember.userId);
    }
  }
}
