// Pusher's watchlist (online status): a connection signed in with a `watchlist` in its user_data
// is told when a watched user comes online (their first signed-in connection anywhere in the
// cluster) or goes offline (their last one, after the presence grace period), and right after
// signing in which of them are online then. The hub owns one; it sees sign-ins and sign-outs, the
// adapter carries the changes to every node and keeps who is online in the cluster's store. State,
// not events: nothing here is recorded for connection recovery; a reconnecting client signs in
// again and gets the current set.
import { whenAnswered, type Adapter } from '../adapter/adapter.js';
import type { App } from '../apps/app.js';
import type { ClientSubscriber } from '../channels/subscriber.js';
import type { ObserverSink } from '../observe/observer.js';
import { textFrame } from '../protocol/frame.js';
import { isOnlineKey, watchedUserOf, watchersKey } from './keys.js';
import { watchlistEvents } from './messages.js';
import { OnlineUsers, type OnlineEntry } from './online-users.js';
import { Watchers } from './watchers.js';

export class Watchlist {
  private readonly online: OnlineUsers;
  private readonly watchers = new Watchers();

  constructor(
    private readonly adapter: () => Adapter,
    private readonly events: ObserverSink,
  ) {
    this.online = new OnlineUsers(adapter, (app, userId, online) => this.announce(app, userId, online));
  }

  /** A connection signed in as `userId` (with or without a watchlist of its own): the user is online. */
  signedIn(connection: ClientSubscriber, userId: string): void {
    this.online.add(connection.app, userId);
  }

  /** The connection signed in as `userId` closed, or signed in again. */
  signedOut(connection: ClientSubscriber, userId: string): void {
    if (this.watchers.remove(connection)) this.reportCounts(connection.app);
    this.online.remove(connection.app, userId);
  }

  /**
   * The signed-in connection watches `userIds` from now on and is sent the ones online now.
   * False when the app is at `maxWatchlistConnections` on this node (nothing watched).
   */
  watch(connection: ClientSubscriber, userIds: string[]): boolean {
    if (!this.watchers.add(connection, userIds)) return false;
    const { app } = connection;
    this.reportCounts(app);
    const send = (online: string[]) => {
      const news = this.watchers.synced(connection, online);
      if (news && news.length > 0 && !connection.closing) connection.sendText(watchlistEvents('online', news));
    };
    // The broker away: nothing is known; the changes that follow still arrive.
    whenAnswered(this.adapter().membership.onlineUsers(app.id, userIds), send, () => send([]));
    return true;
  }

  /** A user left the whole cluster with a node that died (or the store lost them): tell the watchers. */
  clusterLeft(app: App, userId: string): void {
    this.announce(app, userId, false);
  }

  /** The store had lost a user of this node (an outage) and has them again. */
  clusterEntered(app: App, userId: string): void {
    this.announce(app, userId, true);
  }

  /** Is `name` one of the store records the watchlist keeps (not a channel)? */
  ownsRecord(name: string): boolean {
    return isOnlineKey(name);
  }

  /**
   * A message the adapter delivers under `name`: a watchlist change is queued to this node's
   * watchers of that user (answers how many); undefined when `name` is not the watchlist's.
   */
  deliver(appId: string, name: string, json: string): number | undefined {
    const userId = watchedUserOf(name);
    return userId === undefined ? undefined : this.watchers.deliver(appId, userId, textFrame(json));
  }

  localOnline(appId: string, userIds: string[]): string[] {
    return this.online.localOnline(appId, userIds);
  }

  /** What this node holds in the store, for re-registering after an outage. */
  entries(): Iterable<OnlineEntry> {
    return this.online.entries();
  }

  private announce(app: App, userId: string, online: boolean): void {
    void this.adapter().publish(app.id, watchersKey(userId), { kind: 'event', json: watchlistEvents(online ? 'online' : 'offline', [userId]) });
  }

  private reportCounts(app: App): void {
    const { watchers, watchedUsers } = this.watchers.counts(app.id);
    this.events.emit('watchlistChanged', app, watchers, watchedUsers);
  }
}
