// The connections on this node that watch someone: each one's watchlist, and per app the index
// from a watched user to the connections watching them, so that a change is one lookup and one
// shared frame. Memory is O(watchlist size) per watcher; the number of watchers per app on this
// node is capped by `maxWatchlistConnections`.
import type { App } from '../apps/app.js';
import type { ClientSubscriber } from '../channels/subscriber.js';

interface Watcher {
  app: App;
  userIds: string[];
  /**
   * While the initial online set is being fetched: the users a change arrived for meanwhile.
   * The change is newer than the answer, so those are left out of it.
   */
  changedDuringSync: Set<string> | undefined;
}

export interface WatchCounts {
  /** Connections with a watchlist. */
  watchers: number;
  /** Distinct users they watch. */
  watchedUsers: number;
}

export class Watchers {
  private readonly watchers = new Map<ClientSubscriber, Watcher>();
  /**
   * App id → watched user id → the connection watching them, or a set once there are several (most users
   * are watched by few: one entry, not a Set, per watched user keeps a watcher's cost near its id list).
   */
  private readonly byApp = new Map<string, Map<string, ClientSubscriber | Set<ClientSubscriber>>>();
  private readonly watcherCounts = new Map<string, number>();

  /** Starts watching `userIds`; false (and nothing kept) when the app is at its cap on this node. */
  add(connection: ClientSubscriber, userIds: string[]): boolean {
    this.remove(connection);
    const { app } = connection;
    const count = this.watcherCounts.get(app.id) ?? 0;
    if (count >= app.limits.maxWatchlistConnections) return false;
    this.watcherCounts.set(app.id, count + 1);
    this.watchers.set(connection, { app, userIds, changedDuringSync: new Set() });
    let index = this.byApp.get(app.id);
    if (!index) {
      index = new Map();
      this.byApp.set(app.id, index);
    }
    for (const id of userIds) {
      const watching = index.get(id);
      if (watching === undefined) index.set(id, connection);
      else if (watching instanceof Set) watching.add(connection);
      else if (watching !== connection) index.set(id, new Set([watching, connection]));
    }
    return true;
  }

  /** Stops watching; true when the connection was a watcher. */
  remove(connection: ClientSubscriber): boolean {
    const watcher = this.watchers.get(connection);
    if (!watcher) return false;
    this.watchers.delete(connection);
    const appId = watcher.app.id;
    const remaining = (this.watcherCounts.get(appId) ?? 1) - 1;
    if (remaining > 0) this.watcherCounts.set(appId, remaining);
    else this.watcherCounts.delete(appId);
    const index = this.byApp.get(appId);
    if (!index) return true;
    for (const id of watcher.userIds) {
      const watching = index.get(id);
      if (watching === connection) index.delete(id);
      else if (watching instanceof Set) {
        watching.delete(connection);
        if (watching.size === 1) index.set(id, watching.values().next().value as ClientSubscriber);
      }
    }
    if (index.size === 0) this.byApp.delete(appId);
    return true;
  }

  /** Queues `frame` (a change of `userId`) to this node's watchers of that user; answers how many. */
  deliver(appId: string, userId: string, frame: Buffer): number {
    const watching = this.byApp.get(appId)?.get(userId);
    if (watching === undefined) return 0;
    const connections = watching instanceof Set ? watching : [watching];
    for (const connection of connections) {
      this.watchers.get(connection)?.changedDuringSync?.add(userId);
      connection.send(frame);
    }
    return watching instanceof Set ? watching.size : 1;
  }

  /** The initial online set arrived: what of it is still news (undefined: the connection stopped watching). */
  synced(connection: ClientSubscriber, online: string[]): string[] | undefined {
    const watcher = this.watchers.get(connection);
    if (!watcher) return undefined;
    const changed = watcher.changedDuringSync;
    watcher.changedDuringSync = undefined;
    return changed && changed.size > 0 ? online.filter((id) => !changed.has(id)) : online;
  }

  counts(appId: string): WatchCounts {
    return { watchers: this.watcherCounts.get(appId) ?? 0, watchedUsers: this.byApp.get(appId)?.size ?? 0 };
  }
}
