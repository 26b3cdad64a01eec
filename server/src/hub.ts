// This node's live state: apps, their clients and channels. Every change to who is subscribed
// where goes through here (subscribing itself in channels/subscriptions.ts), so presence, caches,
// counts and observers stay in step. The hub sees clients as ClientSubscriber, never a socket.
// Over 300 lines on purpose: it is the one facade the transports, the HTTP API and the adapter talk
// to; nearly every method hands on to channels/, recovery/, watchlist/ or apps/app-registry.ts, and
// splitting the facade would give each caller several objects to keep in step instead of one.
import type { Adapter, ChannelSummary } from './adapter/adapter.js';
import type { App } from './apps/app.js';
import { AppRegistry } from './apps/app-registry.js';
import { ServerSideAuthorizer } from './auth/server-side-auth.js';
import { AppChannels, type ChannelCounts } from './channels/app-channels.js';
import type { Channel } from './channels/channel.js';
import { CountBatcher } from './channels/count-batcher.js';
import type { ClientSubscriber } from './channels/subscriber.js';
import { Subscriptions, type AppSubscriptionState, type PresenceJoin } from './channels/subscriptions.js';
import { ObserverSink, type ServerObserver } from './observe/observer.js';
import { channelType, userChannel } from './protocol/channel-name.js';
import { textFrame } from './protocol/frame.js';
import * as messages from './protocol/messages.js';
import type { ChannelMessage } from './protocol/messages.js';
import { AppRecovery, type ResumePoint, type StoredEntry } from './recovery/recovery.js';
import type { OnlineEntry } from './watchlist/online-users.js';
import { Watchlist } from './watchlist/watchlist.js';
import { closeCode, type CodeEntry } from './schema.js';

interface AppState<C extends ClientSubscriber> extends AppSubscriptionState {
  connections: Map<string, C>;
  /** Signed-in user id → that user's connections on this node. */
  users: Map<string, Set<C>>;
}

/** An event the application publishes (the HTTP API's validated request). */
export interface PublishedEvent {
  name: string;
  data: string;
  channels: string[];
  socketId?: string;
}

/** `C`: the transport's client type (its Connection), handed back by connections(). */
export class Hub<C extends ClientSubscriber = ClientSubscriber> {
  /** The observer sink: everything the core reports goes here (metrics, webhooks, the dashboard subscribe). */
  readonly events = new ObserverSink();
  private readonly registry = new AppRegistry<AppState<C>>((app) => this.newState(app));
  /** The seam to the other nodes (local: none), made by the factory given to the constructor. */
  readonly adapter: Adapter;

  private readonly subscriptions = new Subscriptions(() => this.adapter, this.events);
  /** Pusher's watchlist: who is online, and the connections watching them. */
  private readonly watchlist = new Watchlist(() => this.adapter, this.events);

  constructor(apps: App[], adapter: (hub: Hub<C>) => Adapter) {
    for (const app of apps) this.registry.add(app);
    this.adapter = adapter(this);
  }

  private newState(app: App): AppState<C> {
    const channels = new AppChannels();
    const counts = new CountBatcher(app, channels, () => this.adapter, this.events);
    return { app, channels, counts, recovery: new AppRecovery(app, this.events), connections: new Map(), users: new Map() };
  }

  // ── reload (SIGHUP, deploy/reload.ts): apps come, change and go while the server runs ──────

  /** A new app: clients and the HTTP API find it at once. */
  addApp(app: App): void {
    const state = this.registry.add(app);
    if (this.adapter.shared) state.recovery.share();
  }

  /** New settings for an app (same id), in effect for its open connections too; `closeWith`: it was disabled. */
  updateApp(app: App, closeWith?: CodeEntry): void {
    if (this.registry.update(app, closeWith)) this.authorizers.delete(app.id); // made with the old endpoint and secret
  }

  /** An app no longer configured: unknown to new clients and the API; its connections closed with `closeWith`. */
  removeApp(id: string, closeWith: CodeEntry): void {
    if (this.registry.remove(id, closeWith)) this.authorizers.delete(id);
  }

  private readonly authorizers = new Map<string, ServerSideAuthorizer>();

  /** The app's server-side authorizer, when it has an auth endpoint. */
  authorizer(app: App): ServerSideAuthorizer | undefined {
    if (!app.authEndpoint) return undefined;
    let authorizer = this.authorizers.get(app.id);
    if (!authorizer) {
      authorizer = new ServerSideAuthorizer(app, app.authEndpoint, (outcome) => this.events.emit('serverAuth', outcome));
      this.authorizers.set(app.id, authorizer);
    }
    return authorizer;
  }

  observe(observer: ServerObserver): void {
    this.events.observe(observer);
  }

  appByKey(key: string): App | undefined {
    return this.registry.withKey(key)?.app;
  }

  appById(id: string): App | undefined {
    return this.registry.withId(id)?.app;
  }

  get apps(): App[] {
    return [...this.registry.values()].map((s) => s.app);
  }

  private state(app: App): AppState<C> {
    return this.registry.of(app);
  }

  socketIdInUse = (socketId: string): boolean => {
    for (const state of this.registry.values()) if (state.connections.has(socketId)) return true;
    return false;
  };

  connectionCount(app?: App): number {
    if (app) return this.state(app).connections.size;
    let total = 0;
    for (const state of this.registry.values()) total += state.connections.size;
    return total;
  }

  *connections(): Iterable<C> {
    for (const state of this.registry.values()) yield* state.connections.values();
  }

  /** The transport accepted a frame from this client. */
  received(connection: ClientSubscriber): void {
    this.events.emit('received', connection.app, connection);
  }

  connect(connection: C): void {
    this.state(connection.app).connections.set(connection.socketId, connection);
    this.events.emit('connected', connection.app, connection);
  }

  disconnect(connection: C): void {
    const state = this.state(connection.app);
    if (!state.connections.delete(connection.socketId)) return;
    for (const channel of [...connection.channels.keys()]) this.unsubscribe(connection, channel);
    if (connection.user) this.forgetUser(state, connection);
    this.events.emit('disconnected', connection.app, connection);
    this.registry.disconnected(state);
  }

  channel(app: App, name: string): Channel | undefined {
    return this.state(app).channels.get(name);
  }

  /** Subscribes and answers the client: success, presence snapshot, cache replay, member_added. */
  subscribe(connection: ClientSubscriber, name: string, member?: PresenceJoin, resume?: ResumePoint): void {
    this.subscriptions.subscribe(this.state(connection.app), connection, name, member, resume);
  }

  unsubscribe(connection: ClientSubscriber, name: string): void {
    this.subscriptions.unsubscribe(this.state(connection.app), connection, name);
  }

  /** `pusher:signin` succeeded: the connection now receives `#server-to-user-{id}`. */
  signIn(connection: C, userId: string, userData: string): void {
    const state = this.state(connection.app);
    // Online first: signing in again as the same user must not look like going offline and back.
    this.watchlist.signedIn(connection, userId);
    if (connection.user) this.forgetUser(state, connection);
    connection.user = { id: userId, userData };
    let set = state.users.get(userId);
    if (!set) {
      set = new Set();
      state.users.set(userId, set);
    }
    set.add(connection);
    state.channels.join(connection, userChannel(userId));
  }

  /** The signed-in connection watches these users (its signed `watchlist`); false when the app is at its cap. */
  watch(connection: C, userIds: string[]): boolean {
    return this.watchlist.watch(connection, userIds);
  }

  private forgetUser(state: AppState<C>, connection: C): void {
    const user = connection.user;
    if (!user) return;
    const set = state.users.get(user.id);
    set?.delete(connection);
    if (set?.size === 0) state.users.delete(user.id);
    state.channels.leave(connection, userChannel(user.id));
    this.watchlist.signedOut(connection, user.id);
    connection.user = undefined;
  }

  /**
   * An event from the application (the HTTP API): serialised once per channel, given its recovery
   * serial, handed to the adapter. Rejects when the adapter could not pass it on (reported first).
   */
  async publish(app: App, event: PublishedEvent): Promise<void> {
    const state = this.state(app);
    const { recovery } = state;
    const pending: Promise<void>[] = [];
    for (const channel of event.channels) {
      if (this.unheard(state, channel)) {
        this.events.emit('delivered', state.app, channel, 0, this.timeDeliveries ? performance.now() : 0);
        continue;
      }
      const { message, seq } = recovery.stamp(channel, messages.channelEvent(event.name, channel, event.data));
      const sent = this.adapter.publish(app.id, channel, message, event.socketId, seq);
      if (sent) pending.push(sent);
    }
    if (pending.length > 0) {
      await Promise.all(pending).catch((error: unknown) => {
        this.events.emit('publishFailed', app.id);
        throw error;
      });
    }
    this.events.emit('httpPublished', app, event.channels, event.name, event.data, event.socketId);
  }

  /**
   * A publish nothing would come of: this node alone (no peer to pass it to), nobody here
   * subscribed, no recovery history or cache to keep it, not a user channel (the watchlist's `#`
   * channels are delivered their own way). Its message and frame are then never built; observers
   * still see the delivery to 0 recipients that deliver() reports.
   */
  private unheard(state: AppState<C>, name: string): boolean {
    if (this.adapter.shared || name.charCodeAt(0) === 35 /* '#' */) return false;
    if (state.channels.get(name)?.occupied) return false;
    return !channelType(name).cache && !state.recovery.keeps(name);
  }

  /** Several nodes: recovery history is the cluster's (see AppRecovery.share). */
  shareHistory(): void {
    for (const state of this.registry.values()) state.recovery.share();
  }

  /** The broker's stored history of an app (a node starting fresh, `redis.history`); see AppRecovery.seed. */
  seedHistory(appId: string, since: number, stored: readonly StoredEntry[]): void {
    this.registry.withId(appId)?.recovery.seed(since, stored);
  }

  /** The bus lost messages: no node-local history before now can be vouched for. */
  historyGap(): void {
    for (const state of this.registry.values()) state.recovery.gap();
  }

  /** Bytes held for recovery by an app on this node. */
  historyBytes(app: App): number {
    return this.state(app).recovery.bytes;
  }

  /** Local delivery of a published message: serialised by the caller, framed once here. `seq` records it for recovery. */
  deliver(appId: string, name: string, message: ChannelMessage, exceptSocketId?: string, seq?: number): number {
    const state = this.registry.withId(appId);
    if (!state) return 0;
    if (name.charCodeAt(0) === 35 /* '#' */) {
      const watchers = this.watchlist.deliver(appId, name, message.json);
      if (watchers !== undefined) return watchers;
    }
    const startedAt = this.timeDeliveries ? performance.now() : 0;
    const channel = state.channels.get(name);
    if (seq !== undefined) state.recovery.record(name, seq, message.json, exceptSocketId);
    // Only events are cached: a member_added or subscription_count must not replace the last one.
    const cached = message.kind === 'event' && (channel ? channel.type.cache : channelType(name).cache);
    // Framed only for someone: a subscriber here, or the cache.
    const frame = cached || channel?.occupied ? textFrame(message.json) : undefined;
    if (cached && frame) state.channels.remember(name, frame);
    const recipients = channel && frame ? channel.broadcast(frame, exceptSocketId) : 0;
    this.events.emit('delivered', state.app, name, recipients, startedAt);
    return recipients;
  }

  /** Clock every delivery for the detailed metrics (`metrics.detailed`); off by default. */
  timeDeliveries = false;

  clientEvent(connection: ClientSubscriber, channel: string, event: string, data: unknown): void {
    const userId = connection.channels.get(channel);
    void this.adapter.publish(connection.app.id, channel, messages.channelEvent(event, channel, data, userId), connection.socketId);
    this.events.emit('clientEvent', connection.app, channel, event, data, connection.socketId, userId);
  }

  httpPublished(app: App, channels: string[], event: string, data: string, socketId: string | undefined): void {
    this.events.emit('httpPublished', app, channels, event, data, socketId);
  }

  /** What this node holds, for health checks and leak hunting. */
  stats(): { connections: number; channels: number; presenceMembers: number; signedInUsers: number; historyBytes: number } {
    const totals = { connections: 0, channels: 0, presenceMembers: 0, signedInUsers: 0, historyBytes: 0 };
    for (const state of this.registry.values()) {
      totals.connections += state.connections.size;
      totals.historyBytes += state.recovery.bytes;
      totals.signedInUsers += state.users.size;
      const counts = state.channels.totals();
      totals.channels += counts.channels;
      totals.presenceMembers += counts.members;
    }
    return totals;
  }

  expireCaches(now: number): void {
    for (const state of this.registry.values()) {
      state.channels.expireCache(state.app.limits.cacheTtlSeconds * 1000, now);
      state.recovery.expire(now);
    }
  }

  /** A member, or the channel, left the whole cluster (here, or with a node that died): announce once. */
  clusterLeft(appId: string, name: string, removedUserId: string | undefined, vacated: boolean): void {
    const app = this.appById(appId);
    if (!app) return;
    if (this.watchlist.ownsRecord(name)) {
      if (removedUserId !== undefined) this.watchlist.clusterLeft(app, removedUserId);
    } else this.subscriptions.left(app, name, removedUserId, vacated);
  }

  /** The cluster had lost this node's member or channel (after an outage) and has it again. */
  clusterEntered(appId: string, name: string, addedMember: PresenceJoin | undefined, occupied: boolean): void {
    const app = this.appById(appId);
    if (!app) return;
    if (this.watchlist.ownsRecord(name)) {
      if (addedMember) this.watchlist.clusterEntered(app, addedMember.userId);
    } else this.subscriptions.entered(app, name, addedMember, occupied);
  }

  /** Of these users, those signed in on this node (or in their grace period): the watchlist's answer for one node. */
  localOnlineUsers(appId: string, userIds: string[]): string[] {
    return this.watchlist.localOnline(appId, userIds);
  }

  /** The watchlist's online users this node holds in the cluster's store (re-registered after an outage). */
  onlineEntries(): Iterable<OnlineEntry> {
    return this.watchlist.entries();
  }

  localChannels(appId: string, prefix: string): ChannelSummary[] {
    const state = this.registry.withId(appId);
    if (!state) return [];
    return [...state.channels.occupied(prefix)].map((channel) => ({ name: channel.name, ...state.channels.counts(channel) }));
  }

  localChannel(appId: string, name: string): ChannelCounts {
    const state = this.registry.withId(appId);
    const channel = state?.channels.get(name);
    if (!state || !channel) return { subscriptionCount: 0, ...(name.startsWith('presence-') ? { userCount: 0 } : {}) };
    return state.channels.counts(channel);
  }

  localPresenceUsers(appId: string, name: string): string[] {
    const members = this.registry.withId(appId)?.channels.members(name);
    return members ? [...members.keys()] : [];
  }

  terminateLocalUser(appId: string, userId: string): void {
    const set = this.registry.withId(appId)?.users.get(userId);
    if (!set) return;
    for (const connection of [...set]) connection.closeWith(closeCode('UNAUTHORIZED'), 'terminated by the server');
  }
}
