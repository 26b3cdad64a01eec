// Webhooks for every app: routes each event to the targets that asked for it, and holds
// channel_vacated / member_removed for `vacatedDelayMs` so that a client that reconnects
// (or a page that reloads) does not make the receiver see vacated+occupied, removed+added.
// Nothing here waits on the network: targets queue and send on their own. A reload (SIGHUP)
// brings each app's targets in line with its configuration (see reconfigure).
import type { App, WebhookTarget } from '../apps/app.js';
import type { WebhookDeliveryConfig } from '../config/server-config.js';
import type { WebhookDropReason } from '../observe/counters.js';
import type { WebhookEvent } from './events.js';
import { describeUrl } from './sender.js';
import { WebhookTargetQueue, type Send } from './target-queue.js';

export interface WebhookSink {
  delivered(appId: string, events: number): void;
  dropped(appId: string, reason: WebhookDropReason, events: number): void;
  warn(message: string): void;
}

interface Delayed {
  timer: NodeJS.Timeout;
  fire: () => Promise<void>;
}

/**
 * In a cluster, a client that leaves one node may come back on another within the delay: that
 * node reports channel_occupied (or member_added) while this one holds channel_vacated. Before a
 * held event goes out, ask the cluster whether it is still true, so the receiver never ends on
 * "vacated" for an occupied channel. (On one node the re-join itself cancels the held event.)
 */
export interface ClusterRecheck {
  channelEmpty(app: App, channel: string): Promise<boolean>;
  memberGone(app: App, channel: string, userId: string): Promise<boolean>;
}

/** What a reload did to one app's webhook targets (counts only: a URL may carry credentials). */
export interface WebhookTargetsChange {
  appId: string;
  /** Targets the app has now. */
  targets: number;
  /** Same URL and events: their queues untouched. */
  kept: number;
  /** Same URL, other `events`: their queues kept, the new filter for later events. */
  refiltered: number;
  /** New URLs (or a new app's targets). */
  added: number;
  /** URLs no longer configured (or a removed app's): what they hold is still sent. */
  retired: number;
}

/** One warning per target and reason per interval, with how many drops it stands for. */
const warnIntervalMs = 10_000;

export class WebhookDispatcher {
  private readonly targets = new Map<string, WebhookTargetQueue[]>();
  /** Targets a reload removed that still send what they held. */
  private readonly retiring = new Set<WebhookTargetQueue>();
  /** Per app: the union of the events its targets want. */
  private readonly wanted = new Map<string, ReadonlySet<string> | 'all'>();
  private readonly delayedVacated = new Map<string, Delayed>();
  private readonly delayedRemoved = new Map<string, Delayed>();
  private readonly warned = new Map<string, { at: number; since: number }>();

  constructor(
    apps: App[],
    private readonly options: WebhookDeliveryConfig,
    private readonly sink: WebhookSink,
    private readonly send?: Send,
    private readonly recheck?: ClusterRecheck,
  ) {
    this.reconfigure(apps);
  }

  /**
   * Each app's targets as `apps` configures them, for events from now on. A target is known by its
   * URL: one still configured keeps its queue (nothing queued is lost or sent twice; a new `events`
   * filter applies to later events; the app's current secret signs from the next request on). A
   * target no longer configured, or whose app is gone, takes no new events, but what it already
   * holds is still delivered under the usual retries: those events happened while it was
   * configured, and the receiver's state (occupied channels, members) depends on them. A removed
   * app's later events (the vacated of its closed clients too) go nowhere, as for an app without targets.
   */
  reconfigure(apps: readonly App[]): WebhookTargetsChange[] {
    const changes: WebhookTargetsChange[] = [];
    const configured = new Set(apps.map((app) => app.id));
    for (const [appId, queues] of this.targets) {
      if (configured.has(appId)) continue;
      for (const queue of queues) this.retire(queue);
      changes.push({ appId, targets: 0, kept: 0, refiltered: 0, added: 0, retired: queues.length });
      this.targets.delete(appId);
      this.wanted.delete(appId);
    }
    for (const app of apps) {
      const change = this.reconfigureApp(app);
      if (change.refiltered + change.added + change.retired > 0) changes.push(change);
    }
    return changes;
  }

  private reconfigureApp(app: App): WebhookTargetsChange {
    const change: WebhookTargetsChange = { appId: app.id, targets: app.webhooks.length, kept: 0, refiltered: 0, added: 0, retired: 0 };
    const unmatched = [...(this.targets.get(app.id) ?? [])];
    // The same URL with the same events first, so a list that names a URL twice keeps both queues.
    const take = (target: WebhookTarget, sameEvents: boolean) => {
      const href = new URL(target.url).href;
      const at = unmatched.findIndex((queue) => queue.url.href === href && (!sameEvents || queue.sameEvents(target)));
      return at < 0 ? undefined : unmatched.splice(at, 1)[0];
    };
    const exact = app.webhooks.map((target) => take(target, true));
    const queues = app.webhooks.map((target, i) => {
      const kept = exact[i];
      if (kept) change.kept++;
      const queue = kept ?? take(target, false);
      if (queue && !kept) change.refiltered++;
      if (queue) {
        queue.reconfigure(app, target);
        return queue;
      }
      change.added++;
      return this.newQueue(app, target);
    });
    for (const queue of unmatched) this.retire(queue);
    change.retired = unmatched.length;
    if (queues.length === 0) {
      this.targets.delete(app.id);
      this.wanted.delete(app.id);
    } else {
      this.targets.set(app.id, queues);
      this.wanted.set(app.id, app.webhooks.some((t) => t.events.length === 0) ? 'all' : new Set(app.webhooks.flatMap((t) => t.events)));
    }
    return change;
  }

  private newQueue(app: App, target: WebhookTarget): WebhookTargetQueue {
    const url = describeUrl(new URL(target.url));
    const { sink } = this;
    return new WebhookTargetQueue(app, target, this.options, {
      delivered: (events) => sink.delivered(app.id, events),
      dropped: (reason, events, detail) => {
        sink.dropped(app.id, reason, events);
        this.warn(`${app.id} ${url} ${reason}`, events, `webhook to ${url} (app ${app.id}): ${events} event${events === 1 ? '' : 's'} dropped (${reason.replace('_', ' ')}: ${detail})`);
      },
    }, this.send);
  }

  private retire(queue: WebhookTargetQueue): void {
    this.retiring.add(queue);
    void queue.retire().then(() => this.retiring.delete(queue));
  }

  /** Cheap enough for every client event: apps without webhooks answer from one map lookup. */
  wants(app: App, name: WebhookEvent['name']): boolean {
    const wanted = this.wanted.get(app.id);
    return wanted !== undefined && (wanted === 'all' || wanted.has(name));
  }

  /** Queues the event for every target of the app that asked for it. */
  emit(app: App, event: WebhookEvent): void {
    const queues = this.targets.get(app.id);
    if (!queues) return;
    for (const queue of queues) if (queue.wants(event.name)) queue.push(event);
  }

  channelOccupied(app: App, channel: string): void {
    if (!this.wants(app, 'channel_occupied') && !this.wants(app, 'channel_vacated')) return;
    // Vacated a moment ago: neither the vacated nor this occupied is worth telling.
    if (this.cancel(this.delayedVacated, `${app.id}\n${channel}`)) return;
    this.emit(app, { name: 'channel_occupied', channel });
  }

  channelVacated(app: App, channel: string): void {
    if (!this.wants(app, 'channel_occupied') && !this.wants(app, 'channel_vacated')) return;
    this.delay(
      this.delayedVacated,
      `${app.id}\n${channel}`,
      () => this.recheck?.channelEmpty(app, channel),
      () => this.emit(app, { name: 'channel_vacated', channel }),
    );
  }

  memberAdded(app: App, channel: string, userId: string): void {
    if (!this.wants(app, 'member_added') && !this.wants(app, 'member_removed')) return;
    if (this.cancel(this.delayedRemoved, `${app.id}\n${channel}\n${userId}`)) return;
    this.emit(app, { name: 'member_added', channel, user_id: userId });
  }

  memberRemoved(app: App, channel: string, userId: string): void {
    if (!this.wants(app, 'member_added') && !this.wants(app, 'member_removed')) return;
    this.delay(
      this.delayedRemoved,
      `${app.id}\n${channel}\n${userId}`,
      () => this.recheck?.memberGone(app, channel, userId),
      () => this.emit(app, { name: 'member_removed', channel, user_id: userId }),
    );
  }

  private delay(map: Map<string, Delayed>, key: string, stillTrue: () => Promise<boolean> | undefined, send: () => void): void {
    if (map.has(key)) return;
    // Without a cluster to ask, send at once (keeps the order of events); a failed check sends
    // the event too: better a stale "vacated" than a lost one.
    const fire = async () => {
      const check = stillTrue();
      if (check === undefined) send();
      else if (await check.catch(() => true)) send();
    };
    if (this.options.vacatedDelayMs === 0) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      map.delete(key);
      void fire();
    }, this.options.vacatedDelayMs);
    map.set(key, { timer, fire });
  }

  private cancel(map: Map<string, Delayed>, key: string): boolean {
    const delayed = map.get(key);
    if (!delayed) return false;
    clearTimeout(delayed.timer);
    map.delete(key);
    return true;
  }

  private warn(key: string, events: number, message: string): void {
    const now = Date.now();
    const last = this.warned.get(key);
    if (last && now - last.at < warnIntervalMs) {
      last.since += events;
      return;
    }
    const more = last && last.since > 0 ? ` (+${last.since} more dropped since the last warning)` : '';
    this.warned.set(key, { at: now, since: 0 });
    this.sink.warn(message + more);
  }

  /** Events waiting across every target (for tests and shutdown logs). */
  get pending(): number {
    let total = 0;
    for (const queues of this.targets.values()) for (const queue of queues) total += queue.pending;
    for (const queue of this.retiring) total += queue.pending;
    return total;
  }

  /**
   * Shutdown: held vacated/removed events go now (the server is leaving), then every target
   * sends what it has until `deadline`; the rest is dropped and counted.
   */
  async drain(deadline: number): Promise<void> {
    const fired: Promise<void>[] = [];
    for (const map of [this.delayedRemoved, this.delayedVacated]) {
      for (const [key, delayed] of map) {
        clearTimeout(delayed.timer);
        map.delete(key);
        fired.push(delayed.fire());
      }
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(fired), new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))))]);
    clearTimeout(timer);
    const all: Promise<void>[] = [];
    for (const queues of this.targets.values()) for (const queue of queues) all.push(queue.drain(deadline));
    for (const queue of this.retiring) all.push(queue.drain(deadline));
    await Promise.all(all);
  }
}
