// This node's live state: apps, their connections and channels. Every change to who is
// subscribed where goes through here, so presence, caches, counts and observers stay in step.
import type { Adapter, ChannelSummary, ClusterMembership } from './adapter/adapter.js';
import type { App } from './apps/app.js';
import { ServerSideAuthorizer, type ServerAuthOutcome } from './auth/server-side-auth.js';
import { AppChannels, type ChannelCounts, type JoinResult } from './channels/app-channels.js';
import type { Channel } from './channels/channel.js';
import { AppHistory, entryOverheadBytes, type RecoveryReason } from './channels/history.js';
import { channelType, isUserChannel, userChannel } from './protocol/channel-name.js';
import { textFrame } from './protocol/frame.js';
import * as messages from './protocol/messages.js';
import { closeCode, schema } from './schema.js';
import type { Connection } from './transport/connection.js';

/** What a serial is spliced in with: `,"id":"` (the schema names the field). */
const serialPrefix = `,"${schema.recovery.serialField}":"`;

/** What webhooks, metrics and the dashboard may watch. Every callback is optional. */
export interface HubObserver {
  connected?(app: App, connection: Connection): void;
  /** A client sent a message (any frame the transport accepted). */
  received?(app: App, connection: Connection): void;
  disconnected?(app: App, connection: Connection): void;
  channelOccupied?(app: App, channel: string): void;
  channelVacated?(app: App, channel: string): void;
  memberAdded?(app: App, channel: string, userId: string): void;
  memberRemoved?(app: App, channel: string, userId: string): void;
  clientEvent?(app: App, channel: string, event: string, data: unknown, socketId: string, userId?: string): void;
  cacheMiss?(app: App, channel: string): void;
  subscriptionCount?(app: App, channel: string, count: number): void;
  /** A connection joined a channel (every successful subscription, not only the first). */
  subscribed?(app: App, channel: string, socketId: string): void;
  /** A connection left a channel (unsubscribed or disconnected). */
  unsubscribed?(app: App, channel: string, socketId: string): void;
  /**
   * A channel message was queued for this node's subscribers. `startedAt` is performance.now()
   * when delivery began if `Hub.timeDeliveries` is on, else 0.
   */
  delivered?(app: App, channel: string, recipients: number, startedAt: number): void;
  /** A resuming subscriber was sent `count` missed events. */
  replayed?(app: App, channel: string, count: number): void;
  /** A resuming subscriber could not be given everything it missed. */
  discontinuity?(app: App, channel: string, reason: RecoveryReason): void;
  /** A server-side authorization finished (or was refused without a call). */
  serverAuth?(outcome: ServerAuthOutcome): void;
  /** An event was accepted by the HTTP API and handed to the adapter (once per event, not per channel). */
  httpPublished?(app: App, channels: string[], event: string, data: string, socketId: string | undefined): void;
}

interface AppState {
  app: App;
  channels: AppChannels;
  connections: Map<string, Connection>;
  /** Signed-in user id → that user's connections on this node. */
  users: Map<string, Set<Connection>>;
  /** Channels whose subscription count changed this turn. */
  countsDue: Set<string>;
  /** Connection recovery's recent events, when the app has recovery on. */
  history: AppHistory | undefined;
}

/** What a resuming subscriber saw last (`resume_from`) and the socket it had then. */
export interface ResumePoint {
  serial: string;
  previousSocketId: string | undefined;
}

export interface PresenceJoin {
  userId: string;
  info: unknown;
}

function newHistory(app: App, shared: boolean): AppHistory {
  return new AppHistory(app.limits.recoveryWindowSeconds * 1000, app.limits.recoveryMaxBytes, shared, entryOverheadBytes);
}

/** Recovery covers an app's channels except the prefixes it switched off, and never user channels. */
function recoveryCovers(app: App, channel: string): boolean {
  return !isUserChannel(channel) && !app.recovery.disabledPrefixes.some((prefix) => channel.startsWith(prefix));
}

export class Hub {
  private readonly byKey = new Map<string, AppState>();
  private readonly byId = new Map<string, AppState>();
  private readonly observers: HubObserver[] = [];
  adapter!: Adapter;

  constructor(apps: App[]) {
    for (const app of apps) {
      const history = app.recovery.enabled ? newHistory(app, false) : undefined;
      const state: AppState = { app, channels: new AppChannels(), connections: new Map(), users: new Map(), countsDue: new Set(), history };
      this.byKey.set(app.key, state);
      this.byId.set(app.id, state);
    }
  }

  private readonly authorizers = new Map<string, ServerSideAuthorizer>();

  /** The app's server-side authorizer, when it has an auth endpoint. */
  authorizer(app: App): ServerSideAuthorizer | undefined {
    if (!app.authEndpoint) return undefined;
    let authorizer = this.authorizers.get(app.id);
    if (!authorizer) {
      authorizer = new ServerSideAuthorizer(app, app.authEndpoint, (outcome) => this.emit('serverAuth', outcome));
      this.authorizers.set(app.id, authorizer);
    }
    return authorizer;
  }

  observe(observer: HubObserver): void {
    this.observers.push(observer);
  }

  private emit<K extends keyof HubObserver>(name: K, ...args: Parameters<NonNullable<HubObserver[K]>>): void {
    for (const observer of this.observers) {
      const callback = observer[name] as ((...a: typeof args) => void) | undefined;
      callback?.apply(observer, args);
    }
  }

  appByKey(key: string): App | undefined {
    return this.byKey.get(key)?.app;
  }

  appById(id: string): App | undefined {
    return this.byId.get(id)?.app;
  }

  get apps(): App[] {
    return [...this.byId.values()].map((s) => s.app);
  }

  private state(app: App): AppState {
    return this.byId.get(app.id)!;
  }

  socketIdInUse = (socketId: string): boolean => {
    for (const state of this.byId.values()) if (state.connections.has(socketId)) return true;
    return false;
  };

  connectionCount(app?: App): number {
    if (app) return this.state(app).connections.size;
    let total = 0;
    for (const state of this.byId.values()) total += state.connections.size;
    return total;
  }

  *connections(): Iterable<Connection> {
    for (const state of this.byId.values()) yield* state.connections.values();
  }

  /** The transport accepted a frame from this client. */
  received(connection: Connection): void {
    this.emit('received', connection.app, connection);
  }

  connect(connection: Connection): void {
    this.state(connection.app).connections.set(connection.socketId, connection);
    this.emit('connected', connection.app, connection);
  }

  disconnect(connection: Connection): void {
    const state = this.state(connection.app);
    if (!state.connections.delete(connection.socketId)) return;
    for (const channel of [...connection.channels.keys()]) this.unsubscribe(connection, channel);
    if (connection.user) this.forgetUser(state, connection);
    this.emit('disconnected', connection.app, connection);
  }

  channel(app: App, name: string): Channel | undefined {
    return this.state(app).channels.get(name);
  }

  /** Subscribes and answers the client: success, presence snapshot, cache replay, member_added. */
  subscribe(connection: Connection, name: string, member?: PresenceJoin, resume?: ResumePoint): void {
    const { app } = connection;
    const state = this.state(app);
    const result = state.channels.join(connection, name, member);
    const { channel } = result;
    connection.channels.set(name, member?.userId);
    const membership = this.adapter.membership;
    if (membership) return this.subscribeInCluster(membership, connection, state, result, member, resume);

    let presence: messages.PresenceSnapshot | undefined;
    if (channel.members) {
      const hash: Record<string, unknown> = {};
      for (const [id, m] of channel.members) hash[id] = m.info ?? null;
      presence = { ids: Object.keys(hash), hash, count: channel.members.size };
    }
    connection.sendText(messages.subscriptionSucceeded(name, presence));
    if (resume) this.replay(state, connection, name, resume);
    this.emit('subscribed', app, name, connection.socketId);

    if (result.occupied) this.emit('channelOccupied', app, name);
    if (member && result.firstConnectionOfUser) {
      this.adapter.publish(app.id, name, messages.memberAdded(name, member.userId, member.info), connection.socketId);
      this.emit('memberAdded', app, name, member.userId);
    }
    if (channel.type.cache) {
      if (channel.lastEvent && Date.now() - channel.lastEventAt < app.limits.cacheTtlSeconds * 1000) {
        connection.send(channel.lastEvent);
      } else {
        connection.sendText(messages.cacheMiss(name));
        this.emit('cacheMiss', app, name);
      }
    }
    this.countChanged(state, channel);
  }

  unsubscribe(connection: Connection, name: string): void {
    if (!connection.channels.has(name)) return;
    const userId = connection.channels.get(name);
    connection.channels.delete(name);
    const { app } = connection;
    const state = this.state(app);
    const graceMs = app.limits.presenceLeaveGraceMs;
    const result = state.channels.leave(connection, name, userId, graceMs > 0);
    if (!result) return;
    this.emit('unsubscribed', app, name, connection.socketId);
    const membership = this.adapter.membership;
    if (userId !== undefined && result.lastConnectionOfUser && graceMs > 0) {
      // The member stays for the grace period; it is removed only if it has not come back by then.
      setTimeout(() => {
        if (state.channels.releaseMember(name, userId)) this.memberLeft(state, name, userId);
      }, graceMs).unref();
      if (membership && result.vacated) void membership.exit(app.id, name, true, undefined).then((exited) => this.clusterLeft(app.id, name, undefined, exited.vacated), () => {});
      else if (!membership && result.vacated) this.emit('channelVacated', app, name);
      this.countChanged(state, result.channel);
      return;
    }
    if (membership) {
      const lastUser = userId !== undefined && result.lastConnectionOfUser ? userId : undefined;
      if (result.vacated || lastUser !== undefined) {
        membership.exit(app.id, name, result.vacated, lastUser).then(
          (exited) => this.clusterLeft(app.id, name, exited.memberRemoved ? lastUser : undefined, exited.vacated),
          // The broker is away: this node's subscribers still learn it; the store catches up on reconnect.
          () => lastUser !== undefined && this.adapter.publish(app.id, name, messages.memberRemoved(name, lastUser)),
        );
      }
      this.countChanged(state, result.channel);
      return;
    }
    if (userId !== undefined && result.lastConnectionOfUser) {
      this.adapter.publish(app.id, name, messages.memberRemoved(name, userId));
      this.emit('memberRemoved', app, name, userId);
    }
    if (result.vacated) this.emit('channelVacated', app, name);
    this.countChanged(state, result.channel);
  }

  /** A presence member's grace period ended without it coming back: remove it, here and in the cluster. */
  private memberLeft(state: AppState, name: string, userId: string): void {
    const { app } = state;
    const membership = this.adapter.membership;
    if (!membership) {
      this.adapter.publish(app.id, name, messages.memberRemoved(name, userId));
      this.emit('memberRemoved', app, name, userId);
      return;
    }
    membership.exit(app.id, name, false, userId).then(
      (exited) => this.clusterLeft(app.id, name, exited.memberRemoved ? userId : undefined, false),
      () => this.adapter.publish(app.id, name, messages.memberRemoved(name, userId)),
    );
  }

  /** `pusher:signin` succeeded: the connection now receives `#server-to-user-{id}`. */
  signIn(connection: Connection, userId: string, userData: string): void {
    const state = this.state(connection.app);
    if (connection.user) this.forgetUser(state, connection);
    connection.user = { id: userId, userData };
    let set = state.users.get(userId);
    if (!set) state.users.set(userId, (set = new Set()));
    set.add(connection);
    state.channels.join(connection, userChannel(userId));
  }

  private forgetUser(state: AppState, connection: Connection): void {
    const user = connection.user!;
    const set = state.users.get(user.id);
    set?.delete(connection);
    if (set?.size === 0) state.users.delete(user.id);
    state.channels.leave(connection, userChannel(user.id));
    connection.user = undefined;
  }

  /**
   * Gives a published event its recovery serial, spliced into the serialised message once per
   * channel (never per recipient). Events on channels without recovery come back unchanged.
   */
  stamp(app: App, channel: string, message: string): { message: string; seq?: number } {
    const history = this.state(app).history;
    if (!history || !recoveryCovers(app, channel)) return { message };
    const { seq, serial } = history.nextSerial();
    return { message: `${message.slice(0, -1)}${serialPrefix}${serial}"}`, seq };
  }

  /** Sends what a resuming subscriber missed, in order, or tells it why it cannot. */
  private replay(state: AppState, connection: Connection, name: string, resume: ResumePoint): void {
    const { app } = state;
    const replay = state.history && recoveryCovers(app, name) ? state.history.since(name, resume.serial) : ({ ok: false, reason: 'RECOVERY_DISABLED' } as const);
    if (!replay.ok) {
      connection.sendText(messages.discontinuity(name, replay.reason, resume.serial));
      this.emit('discontinuity', app, name, replay.reason);
      return;
    }
    // An event published with socket_id skipped its sender; it still skips that client now.
    const entries = replay.entries.filter((entry) => entry.exceptSocketId === undefined || entry.exceptSocketId !== resume.previousSocketId);
    // A replay counts against the outbound budget like any frame: one larger than the room left is
    // not sent at all (a flood the client could never read in time) but ends in a discontinuity.
    let bytes = 0;
    for (const entry of entries) bytes += Buffer.byteLength(entry.message) + 10;
    if (bytes > connection.outboundRoom()) {
      connection.sendText(messages.discontinuity(name, 'REPLAY_TOO_LARGE', resume.serial));
      this.emit('discontinuity', app, name, 'REPLAY_TOO_LARGE');
      return;
    }
    let sent = 0;
    for (const entry of entries) {
      connection.sendText(entry.message);
      sent++;
    }
    this.emit('replayed', app, name, sent);
  }

  /**
   * Several nodes: every node records what the bus delivers under the publisher's serials, so the
   * epoch is the cluster's, and a serial from before this node's coverage is "not here", not unknown.
   */
  shareHistory(): void {
    for (const state of this.byId.values()) {
      if (state.history) state.history = newHistory(state.app, true);
    }
  }

  /** The bus lost messages: no node-local history before now can be vouched for. */
  historyGap(): void {
    for (const state of this.byId.values()) state.history?.gap();
  }

  /** Bytes held for recovery by an app on this node. */
  historyBytes(app: App): number {
    return this.state(app).history?.bytes ?? 0;
  }

  /** Local delivery of a published message: serialised by the caller, framed once here. `seq` records it for recovery. */
  deliver(appId: string, name: string, message: string, exceptSocketId?: string, seq?: number): number {
    const state = this.byId.get(appId);
    if (!state) return 0;
    const startedAt = this.timeDeliveries ? performance.now() : 0;
    const channel = state.channels.get(name);
    const frame = textFrame(message);
    if (seq !== undefined) state.history?.record(name, seq, message, exceptSocketId);
    // Only events are cached: a member_added or subscription_count must not replace the last one.
    if ((channel ? channel.type.cache : channelType(name).cache) && !message.startsWith('{"event":"pusher_internal:')) state.channels.remember(name, frame);
    const recipients = channel ? channel.broadcast(frame, exceptSocketId) : 0;
    this.emit('delivered', state.app, name, recipients, startedAt);
    return recipients;
  }

  /** Clock every delivery for the detailed metrics (`metrics.detailed`); off by default. */
  timeDeliveries = false;

  clientEvent(connection: Connection, channel: string, event: string, data: unknown): void {
    const userId = connection.channels.get(channel);
    this.adapter.publish(connection.app.id, channel, messages.channelEvent(event, channel, data, userId), connection.socketId);
    this.emit('clientEvent', connection.app, channel, event, data, connection.socketId, userId);
  }

  httpPublished(app: App, channels: string[], event: string, data: string, socketId: string | undefined): void {
    this.emit('httpPublished', app, channels, event, data, socketId);
  }

  private countChanged(state: AppState, channel: Channel): void {
    if (!state.app.subscriptionCount || channel.members) return;
    if (state.countsDue.size === 0) setImmediate(() => this.sendCounts(state));
    state.countsDue.add(channel.name);
  }

  /** Subscription counts go out at most once per channel per turn, however many joined. */
  private sendCounts(state: AppState): void {
    const membership = this.adapter.membership;
    if (membership) return this.sendClusterCounts(membership, state);
    for (const name of state.countsDue) {
      const channel = state.channels.get(name);
      const count = channel?.subscribers.size ?? 0;
      if (channel && count > 0) channel.broadcast(textFrame(messages.subscriptionCount(name, count)));
      this.emit('subscriptionCount', state.app, name, count);
    }
    state.countsDue.clear();
  }

  /** Several nodes: the count is the cluster's, and every node's subscribers are told it. */
  private sendClusterCounts(membership: ClusterMembership, state: AppState): void {
    const { app } = state;
    for (const name of state.countsDue) {
      const local = state.channels.get(name)?.subscribers.size ?? 0;
      membership.countSubscriptions(app.id, name, local).then(
        (total) => {
          if (total > 0) this.adapter.publish(app.id, name, messages.subscriptionCount(name, total));
          this.emit('subscriptionCount', app, name, total);
        },
        // The broker is away: this node's own count is the best it can say.
        () => local > 0 && state.channels.get(name)?.broadcast(textFrame(messages.subscriptionCount(name, local))),
      );
    }
    state.countsDue.clear();
  }

  /** What this node holds, for health checks and leak hunting. */
  stats(): { connections: number; channels: number; presenceMembers: number; signedInUsers: number; historyBytes: number } {
    const totals = { connections: 0, channels: 0, presenceMembers: 0, signedInUsers: 0, historyBytes: 0 };
    for (const state of this.byId.values()) {
      totals.connections += state.connections.size;
      totals.historyBytes += state.history?.bytes ?? 0;
      totals.signedInUsers += state.users.size;
      const counts = state.channels.totals();
      totals.channels += counts.channels;
      totals.presenceMembers += counts.members;
    }
    return totals;
  }

  expireCaches(now: number): void {
    for (const state of this.byId.values()) {
      state.channels.expireCache(state.app.limits.cacheTtlSeconds * 1000, now);
      state.history?.expire(now);
    }
  }

  /**
   * Subscribing when several nodes share state: the cluster's store decides occupied and
   * member_added (so each fires once cluster-wide) and holds the presence list and cache.
   */
  private subscribeInCluster(
    membership: ClusterMembership,
    connection: Connection,
    state: AppState,
    result: JoinResult,
    member?: PresenceJoin,
    resume?: ResumePoint,
  ): void {
    const { app } = connection;
    const { channel } = result;
    const { name } = channel;
    const presence = channel.members !== undefined;
    const newMember = member && result.firstConnectionOfUser ? member : undefined;
    const entering = result.occupied || newMember || presence ? membership.enter(app.id, name, result.occupied, newMember, presence) : undefined;
    const cacheFresh = channel.lastEvent !== undefined && Date.now() - channel.lastEventAt < app.limits.cacheTtlSeconds * 1000;
    const cached = channel.type.cache && !cacheFresh ? membership.cachedMessage(app.id, name) : undefined;
    cached?.catch(() => undefined);
    if (!presence) {
      connection.sendText(messages.subscriptionSucceeded(name));
      if (resume) this.replay(state, connection, name, resume);
    }
    this.emit('subscribed', app, name, connection.socketId);
    this.countChanged(state, channel);
    const stillSubscribed = () => !connection.closing && connection.channels.has(name);
    void (async () => {
      // Broker away: answer from this node; the store catches up (and announces) on reconnect.
      const entered = await entering?.catch(() => undefined);
      if (presence && stillSubscribed()) {
        const all = entered?.members ?? new Map([...channel.members!].map(([id, m]) => [id, m.info]));
        const hash: Record<string, unknown> = {};
        for (const [id, info] of all) hash[id] = info ?? null;
        connection.sendText(messages.subscriptionSucceeded(name, { ids: Object.keys(hash), hash, count: all.size }));
        if (resume) this.replay(state, connection, name, resume);
      }
      if (entered?.occupied) this.emit('channelOccupied', app, name);
      if (newMember && (entered ? entered.memberAdded : true)) {
        this.adapter.publish(app.id, name, messages.memberAdded(name, newMember.userId, newMember.info), connection.socketId);
        if (entered) this.emit('memberAdded', app, name, newMember.userId);
      }
      if (!channel.type.cache || !stillSubscribed()) return;
      const message = cacheFresh ? undefined : await cached?.catch(() => undefined);
      if (cacheFresh) connection.send(channel.lastEvent!);
      else if (message !== undefined) connection.sendText(message);
      else {
        connection.sendText(messages.cacheMiss(name));
        this.emit('cacheMiss', app, name);
      }
    })().catch((error: unknown) => {
      // Never an unhandled rejection (it would stop the process); the client times out and retries.
      process.emitWarning(`cluster subscribe of ${name} failed: ${(error as Error).message}`);
    });
  }

  /** A member, or the channel, left the whole cluster (here, or with a node that died): announce once. */
  clusterLeft(appId: string, name: string, removedUserId: string | undefined, vacated: boolean): void {
    const app = this.appById(appId);
    if (!app) return;
    if (removedUserId !== undefined) {
      this.adapter.publish(appId, name, messages.memberRemoved(name, removedUserId));
      this.emit('memberRemoved', app, name, removedUserId);
    }
    if (vacated) this.emit('channelVacated', app, name);
  }

  /** The cluster had lost this node's member or channel (after an outage) and has it again. */
  clusterEntered(appId: string, name: string, addedMember: PresenceJoin | undefined, occupied: boolean): void {
    const app = this.appById(appId);
    if (!app) return;
    if (occupied) this.emit('channelOccupied', app, name);
    if (addedMember) {
      this.adapter.publish(appId, name, messages.memberAdded(name, addedMember.userId, addedMember.info));
      this.emit('memberAdded', app, name, addedMember.userId);
    }
  }

  localChannels(appId: string, prefix: string): ChannelSummary[] {
    const state = this.byId.get(appId);
    if (!state) return [];
    return [...state.channels.occupied(prefix)].map((channel) => ({ name: channel.name, ...state.channels.counts(channel) }));
  }

  localChannel(appId: string, name: string): ChannelCounts {
    const state = this.byId.get(appId);
    const channel = state?.channels.get(name);
    if (!state || !channel) return { subscriptionCount: 0, ...(name.startsWith('presence-') ? { userCount: 0 } : {}) };
    return state.channels.counts(channel);
  }

  localPresenceUsers(appId: string, name: string): string[] {
    const members = this.byId.get(appId)?.channels.members(name);
    return members ? [...members.keys()] : [];
  }

  terminateLocalUser(appId: string, userId: string): void {
    const set = this.byId.get(appId)?.users.get(userId);
    if (!set) return;
    for (const connection of [...set]) connection.closeWith(closeCode('UNAUTHORIZED'), 'terminated by the server');
  }
}
