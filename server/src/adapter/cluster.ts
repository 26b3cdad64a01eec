// The adapter for several nodes: delivers locally at once, fans each publish out to the other
// nodes through a broker (serialised once per publish, never per recipient), asks the other
// nodes for their counts when the HTTP API wants cluster-wide numbers, and keeps presence and
// occupancy in the broker's store so that every flip is announced by exactly one node.
// Over 300 lines on purpose: it is the one Adapter for many nodes, and its parts (the bus frames,
// questions to the other nodes, store calls, re-registering after Redis lost its data) share this
// node's id, its broker and one reconnect story; split, each would take all three again.
import type { ChannelCounts } from '../channels/app-channels.js';
import type { Hub } from '../hub.js';
import { channelType } from '../protocol/channel-name.js';
import type { ChannelMessage, ChannelMessageKind } from '../protocol/messages.js';
import type { Adapter, ChannelSummary, ClusterMembership, EnterResult, ExitResult, MemberEntry, NodeNotes } from './adapter.js';
import { entryOverheadBytes } from '../recovery/history.js';
import { BrokerError, nodeIdLength, type Broker, type NodeEntry, type ReapedChange } from '../brokers/broker.js';
import { frameBodyAt, frameTypeAt, wirePrefix } from '../brokers/wire-format.js';
import { ForeignNodes } from '../brokers/foreign-nodes.js';
import { onlineKey } from '../watchlist/keys.js';

export interface ClusterAdapterOptions {
  /** How long a cluster-wide query waits for the other nodes' answers. */
  requestTimeoutMs: number;
  log: { info(message: string): void; warn(message: string): void };
}

type Query = { q: 'channels'; app: string; prefix: string } | { q: 'channel'; app: string; name: string };

type Control =
  | { t: 'terminate'; app: string; user: string }
  | { t: 'restart'; app: string; reason?: string }
  | { t: 'ask'; id: number; query: Query }
  | { t: 'answer'; to: string; id: number; body: ChannelSummary[] | ChannelCounts };

interface PendingQuery {
  need: number;
  answers: unknown[];
  done(answers: unknown[]): void;
}

// Bus frames, after wirePrefix (frames of another release are dropped unread): 'p' + node id + "\n" + app + "\n" + channel + "\n" + except + "\n" + seq + "\n" + kind + message
// (kind: one letter, see kindLetters), 'c' + node id + "\n" + control JSON, or 'n' + node id + "\n" + an observer's note.
const PUBLISH = 112; // 'p'
const NOTE = 110; // 'n'
const kindLetters: Record<ChannelMessageKind, string> = { event: 'e', member: 'm', count: 'c' };
const kindsByLetter: Record<string, ChannelMessageKind> = { e: 'event', m: 'member', c: 'count' };
/** Presence notices kept while the broker is away (oldest first; beyond this they are lost). */
const maxUnsentPresence = 10_000;

export class ClusterAdapter implements Adapter, ClusterMembership {
  readonly membership: ClusterMembership = this;
  readonly shared = true;
  private readonly pending = new Map<number, PendingQuery>();
  /** Bus frames of member_added/member_removed that the broker refused (it was away). */
  private readonly unsentPresence: [payload: string, channel: string][] = [];
  private nextQueryId = 1;
  private receiveNote: (note: string) => void = () => undefined;
  readonly notes: NodeNotes;
  /** Nodes of another release seen on the broker lately (their frames are dropped): `foreign.list()` for /up. */
  readonly foreign: ForeignNodes;

  constructor(
    private readonly hub: Hub,
    private readonly broker: Broker,
    private readonly options: ClusterAdapterOptions,
  ) {
    hub.shareHistory();
    this.foreign = new ForeignNodes((message) => options.log.warn(message), (origin) => hub.events.emit('foreignBusFrame', origin.node, origin.version));
    this.notes = {
      nodeId: broker.nodeId,
      via: broker.via,
      send: (note) => void broker.send(`${wirePrefix}n${broker.nodeId}\n${note}`, '').catch(() => undefined),
      listen: (receive) => { this.receiveNote = receive; },
    };
  }

  async start(): Promise<void> {
    await this.broker.start({
      message: (payload) => this.receive(payload),
      reaped: (changes) => this.announceReaped(changes),
      resumed: (dataLost) => {
        this.hub.historyGap(); // what the bus carried during the outage never arrived here
        void this.reregister(dataLost);
      },
      undelivered: (payloads) => {
        for (const payload of payloads) if (payload.charCodeAt(frameTypeAt) === PUBLISH) this.hub.events.emit('brokerDropped', payload.slice(frameBodyAt, payload.indexOf('\n', frameBodyAt)), 1);
      },
      foreignNodes: (origins) => this.foreign.registered(origins),
    });
    await this.loadHistory();
  }

  /**
   * `redis.history`: before taking clients, this node takes the history the broker kept (the bus
   * already delivers, so nothing falls between the two), and a client resuming here after a
   * restart gets what it missed. Without it, the node's history starts empty, as always.
   */
  private async loadHistory(): Promise<void> {
    const { broker } = this;
    if (!broker.history) return;
    for (const app of this.hub.apps) {
      if (!app.recovery.enabled) continue;
      try {
        // No more than the app's byte budget could hold (each entry costs at least its overhead).
        const maxEntries = Math.max(1, Math.ceil(app.limits.recoveryMaxBytes / entryOverheadBytes));
        const stored = await broker.history(app.id, app.limits.recoveryWindowSeconds * 1000, maxEntries);
        if (stored) this.hub.seedHistory(app.id, stored.since, stored.entries);
        if (stored) this.options.log.info(`recovery: ${stored.entries.length} event(s) of app ${app.id} taken from the broker's history`);
      } catch (error) {
        this.options.log.warn(`recovery: the broker's history of app ${app.id} could not be read (${(error as Error).message}); this node's starts empty`);
      }
    }
  }

  publish(appId: string, channel: string, message: ChannelMessage, exceptSocketId?: string, seq?: number): Promise<void> {
    this.hub.deliver(appId, channel, message, exceptSocketId, seq);
    const payload = `${wirePrefix}p${this.broker.nodeId}\n${appId}\n${channel}\n${exceptSocketId ?? ''}\n${seq ?? ''}\n${kindLetters[message.kind]}${message.json}`;
    let sent: Promise<void>;
    if (message.kind === 'event' && channelType(channel).cache) {
      const ttlMs = (this.hub.appById(appId)?.limits.cacheTtlSeconds ?? 0) * 1000;
      sent = this.broker.send(payload, channel, { appId, channel, message: message.json, ttlMs });
    } else {
      sent = this.broker.send(payload, channel);
    }
    // `redis.history`: events with a recovery serial are kept by the broker too, for nodes that start later.
    if (seq !== undefined && this.broker.remember) {
      const windowMs = (this.hub.appById(appId)?.limits.recoveryWindowSeconds ?? 0) * 1000;
      const kept = this.broker.remember({ appId, channel, seq, message: message.json, exceptSocketId, windowMs });
      sent = Promise.all([sent, kept]).then(() => undefined);
    }
    // Client events and presence notices do not wait for this; the HTTP API does (503 on failure).
    // Either way the other nodes' subscribers miss it: counted as dropped by the broker.
    sent.catch(() => {
      this.hub.events.emit('brokerDropped', appId, 1);
      // Presence notices lost on the way out are sent again once the broker is back (see reregister).
      if (message.kind === 'member' && this.unsentPresence.length < maxUnsentPresence) this.unsentPresence.push([payload, channel]);
    });
    return sent;
  }

  private receive(payload: string): void {
    if (this.foreign.dropped(payload)) return;
    const type = payload.charCodeAt(frameTypeAt);
    if (type === PUBLISH) {
      const appEnd = payload.indexOf('\n', frameBodyAt);
      const channelEnd = payload.indexOf('\n', appEnd + 1);
      const exceptEnd = payload.indexOf('\n', channelEnd + 1);
      const seqEnd = payload.indexOf('\n', exceptEnd + 1);
      if (exceptEnd < 0 || seqEnd < 0) return;
      const except = exceptEnd > channelEnd + 1 ? payload.slice(channelEnd + 1, exceptEnd) : undefined;
      // The publishing node's recovery seq: every node records the event under the same serial.
      const seq = seqEnd > exceptEnd + 1 ? Number(payload.slice(exceptEnd + 1, seqEnd)) : undefined;
      const kind = kindsByLetter[payload.charAt(seqEnd + 1)];
      if (!kind) return;
      this.hub.deliver(payload.slice(frameBodyAt, appEnd), payload.slice(appEnd + 1, channelEnd), { kind, json: payload.slice(seqEnd + 2) }, except, seq);
      return;
    }
    if (type === NOTE) { this.receiveNote(payload.slice(frameBodyAt)); return; }
    let control: Control;
    try {
      control = JSON.parse(payload.slice(frameBodyAt)) as Control;
    } catch {
      return;
    }
    if (control.t === 'terminate') this.hub.terminateLocalUser(control.app, control.user);
    else if (control.t === 'restart') this.hub.events.emit('restartRequested', control.app, control.reason);
    else if (control.t === 'ask') this.answer(payload.slice(frameTypeAt + 1, frameTypeAt + 1 + nodeIdLength), control.id, control.query);
    else if (control.t === 'answer' && control.to === this.broker.nodeId) {
      const query = this.pending.get(control.id);
      if (!query) return;
      query.answers.push(control.body);
      if (query.answers.length >= query.need) query.done(query.answers);
    }
  }

  private control(message: Control): Promise<void> {
    return this.broker.send(`${wirePrefix}c${this.broker.nodeId}\n${JSON.stringify(message)}`, '');
  }

  private localAnswer(query: Query): ChannelSummary[] | ChannelCounts {
    return query.q === 'channels' ? this.hub.localChannels(query.app, query.prefix) : this.hub.localChannel(query.app, query.name);
  }

  private answer(to: string, id: number, query: Query): void {
    this.control({ t: 'answer', to, id, body: this.localAnswer(query) }).catch(() => undefined);
  }

  /** Every other alive node's answer, or as many as came within the timeout. */
  private async ask(query: Query): Promise<unknown[]> {
    let peers: number;
    try {
      peers = await this.broker.peers();
    } catch (error) {
      throw new BrokerError('count nodes', error);
    }
    if (peers === 0) return [];
    const id = this.nextQueryId++;
    return new Promise<unknown[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.options.log.warn(`cluster query answered by ${pending.answers.length} of ${peers} nodes within ${this.options.requestTimeoutMs} ms`);
        pending.done(pending.answers);
      }, this.options.requestTimeoutMs);
      const pending: PendingQuery = {
        need: peers,
        answers: [],
        done: (answers) => {
          clearTimeout(timer);
          this.pending.delete(id);
          resolve(answers);
        },
      };
      this.pending.set(id, pending);
      this.control({ t: 'ask', id, query }).catch((error: unknown) => {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(error instanceof BrokerError ? error : new BrokerError('query', error));
      });
    });
  }

  private async storeCall<T>(action: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new BrokerError(action, error);
    }
  }

  async channels(appId: string, prefix: string): Promise<ChannelSummary[]> {
    const merged = new Map<string, ChannelSummary>();
    const add = (list: ChannelSummary[]) => {
      for (const channel of list) {
        const seen = merged.get(channel.name);
        if (seen) seen.subscriptionCount += channel.subscriptionCount;
        else merged.set(channel.name, { name: channel.name, subscriptionCount: channel.subscriptionCount });
      }
    };
    add(this.hub.localChannels(appId, prefix));
    for (const answer of await this.ask({ q: 'channels', app: appId, prefix })) add(answer as ChannelSummary[]);
    // Users are counted once per cluster, not per node: the store knows.
    const presence = [...merged.values()].filter((c) => channelType(c.name).kind === 'presence');
    const counts = await this.storeCall('count users', () => Promise.all(presence.map((c) => this.broker.store.userCount(appId, c.name))));
    presence.forEach((channel, i) => {
      channel.userCount = counts[i] ?? 0;
    });
    return [...merged.values()];
  }

  async channel(appId: string, name: string): Promise<ChannelCounts> {
    let subscriptionCount = this.hub.localChannel(appId, name).subscriptionCount;
    for (const answer of await this.ask({ q: 'channel', app: appId, name })) subscriptionCount += (answer as ChannelCounts).subscriptionCount;
    if (channelType(name).kind !== 'presence') return { subscriptionCount };
    return { subscriptionCount, userCount: await this.storeCall('count users', () => this.broker.store.userCount(appId, name)) };
  }

  async presenceUsers(appId: string, name: string): Promise<string[]> {
    return [...(await this.storeCall('list users', () => this.broker.store.members(appId, name))).keys()];
  }

  async terminateUser(appId: string, userId: string): Promise<void> {
    this.hub.terminateLocalUser(appId, userId);
    await this.control({ t: 'terminate', app: appId, user: userId });
  }

  /** The other nodes first: if the bus cannot tell them, this node stays up too (the caller gets a 503). */
  async restartAll(appId: string, reason: string | undefined): Promise<void> {
    await this.control({ t: 'restart', app: appId, ...(reason !== undefined ? { reason } : {}) });
    this.hub.events.emit('restartRequested', appId, reason);
  }

  // ── membership ────────────────────────────────────────────────────────────────────────

  enter(appId: string, channel: string, occupied: boolean, member: MemberEntry | undefined, wantMembers: boolean): Promise<EnterResult> {
    return this.broker.store.enter(this.broker.nodeId, appId, channel, occupied, member, wantMembers);
  }

  exit(appId: string, channel: string, vacated: boolean, userId: string | undefined): Promise<ExitResult> {
    return this.broker.store.exit(this.broker.nodeId, appId, channel, vacated, userId);
  }

  cachedMessage(appId: string, channel: string): Promise<string | undefined> {
    return this.broker.store.cached(appId, channel);
  }

  countSubscriptions(appId: string, channel: string, localCount: number): Promise<number> {
    return this.broker.store.setCount(this.broker.nodeId, appId, channel, localCount);
  }

  /** A user is online while the store holds them as a member of `#online-{id}` (see watchlist/online-users.ts). */
  async onlineUsers(appId: string, userIds: string[]): Promise<string[]> {
    const counts = await this.broker.store.userCounts(appId, userIds.map(onlineKey));
    return userIds.filter((_, i) => (counts[i] ?? 0) > 0);
  }

  private announceReaped(changes: ReapedChange[]): void {
    for (const change of changes) this.hub.clusterLeft(change.appId, change.channel, change.removedUserId, change.vacated);
  }

  /**
   * After an outage: make the store match this node again. What it holds for us but we no
   * longer have is removed (announced if it was the last anywhere); what we have is entered
   * again (announced if the cluster had lost it, unless the broker lost everything, when
   * nothing really changed for clients).
   */
  private async reregister(dataLost: boolean): Promise<void> {
    const node = this.broker.nodeId;
    const store = this.broker.store;
    try {
      const local = new Map<string, NodeEntry & { info?: unknown }>();
      for (const app of this.hub.apps) {
        for (const { name } of this.hub.localChannels(app.id, '')) {
          if (name.startsWith('#')) continue; // user channels are not subscriptions
          local.set(JSON.stringify([app.id, name]), { appId: app.id, channel: name });
          for (const [userId, member] of this.hub.channel(app, name)?.members ?? []) {
            local.set(JSON.stringify([app.id, name, userId]), { appId: app.id, channel: name, userId, info: member.info });
          }
        }
      }
      for (const entry of this.hub.onlineEntries()) local.set(JSON.stringify([entry.appId, entry.channel, entry.userId]), entry);
      const registered = await store.entries(node);
      for (const entry of registered.filter((e) => e.count)) {
        await store.setCount(node, entry.appId, entry.channel, this.hub.localChannel(entry.appId, entry.channel).subscriptionCount);
      }
      const stale = registered.filter((e) => !e.count && !local.has(JSON.stringify(e.userId === undefined ? [e.appId, e.channel] : [e.appId, e.channel, e.userId])));
      for (const entry of stale) {
        const result = await store.exit(node, entry.appId, entry.channel, entry.userId === undefined, entry.userId);
        if (result.vacated || result.memberRemoved) this.hub.clusterLeft(entry.appId, entry.channel, result.memberRemoved ? entry.userId : undefined, result.vacated);
      }
      for (const entry of local.values()) {
        const member = entry.userId === undefined ? undefined : { userId: entry.userId, info: entry.info };
        const result = await store.enter(node, entry.appId, entry.channel, member === undefined, member, false);
        if (!dataLost && (result.occupied || result.memberAdded)) this.hub.clusterEntered(entry.appId, entry.channel, result.memberAdded ? member : undefined, result.occupied);
      }
      // When the broker kept its data, re-entering above announced what changed; when it came back
      // empty it announced nothing, so the other nodes learn here who came and went meanwhile.
      const unsent = this.unsentPresence.splice(0);
      if (dataLost) for (const [payload, channel] of unsent) await this.broker.send(payload, channel);
      this.options.log.info(`cluster: node re-registered (${local.size} entries, ${stale.length} stale${dataLost ? ', the broker had restarted empty' : ''})`);
    } catch (error) {
      this.options.log.warn(`cluster: re-registering failed: ${(error as Error).message}`);
    }
  }

  /** Read by the readiness route: not ready while the broker is unreachable. */
  ready(): boolean {
    return this.broker.ready();
  }

  async close(): Promise<void> {
    for (const query of this.pending.values()) query.done(query.answers);
    await this.broker.close();
  }
}
