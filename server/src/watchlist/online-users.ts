// Who is online, as this node sees it, and the cluster's word on it. A user is online while any
// connection of theirs is signed in (`pusher:signin`) anywhere in the cluster. This node counts
// its own signed-in connections per user; their first one enters the user into the cluster's
// store as a presence member of `#online-{id}`, and the last one leaves it (after the presence
// grace period, so a page reload is neither offline nor online). The store answers whether that
// was the cluster-wide flip, so each change is announced by exactly one node; a dead node's
// users are removed by the same reaping as its presence members.
import { whenAnswered, type Adapter } from '../adapter/adapter.js';
import type { App } from '../apps/app.js';
import { onlineKey } from './keys.js';

interface LocalUser {
  /** Signed-in connections of this user on this node. */
  connections: number;
  /** Running while the last connection is gone but the grace period is not over. */
  grace: NodeJS.Timeout | undefined;
}

/** Told once per cluster-wide change. */
export type AnnounceChange = (app: App, userId: string, online: boolean) => void;

/** One online user held by this node, as re-registering with the store after an outage needs it. */
export interface OnlineEntry {
  appId: string;
  channel: string;
  userId: string;
  info: null;
}

export class OnlineUsers {
  /** App id → user id → this node's connections of that user. Bounded by the signed-in connections. */
  private readonly byApp = new Map<string, Map<string, LocalUser>>();

  constructor(
    private readonly adapter: () => Adapter,
    private readonly announce: AnnounceChange,
  ) {}

  private users(appId: string): Map<string, LocalUser> {
    let users = this.byApp.get(appId);
    if (!users) {
      users = new Map();
      this.byApp.set(appId, users);
    }
    return users;
  }

  /** A connection signed in as `userId`. */
  add(app: App, userId: string): void {
    const users = this.users(app.id);
    const known = users.get(userId);
    if (known) {
      known.connections++;
      clearTimeout(known.grace); // back within the grace period: nothing changed for anyone
      known.grace = undefined;
      return;
    }
    users.set(userId, { connections: 1, grace: undefined });
    whenAnswered(
      this.adapter().membership.enter(app.id, onlineKey(userId), false, { userId, info: null }, false),
      (entered) => entered.memberAdded && this.announce(app, userId, true),
      // The broker is away: this node's watchers still learn it; the store catches up on reconnect.
      () => this.announce(app, userId, true),
    );
  }

  /** A connection signed in as `userId` closed or signed in as someone else. */
  remove(app: App, userId: string): void {
    const user = this.byApp.get(app.id)?.get(userId);
    if (!user || --user.connections > 0) return;
    const graceMs = app.limits.presenceLeaveGraceMs;
    if (graceMs <= 0) {
      this.leave(app, userId);
      return;
    }
    user.grace = setTimeout(() => {
      if (user.connections <= 0) this.leave(app, userId);
    }, graceMs);
    user.grace.unref();
  }

  private leave(app: App, userId: string): void {
    const users = this.byApp.get(app.id);
    users?.delete(userId);
    if (users?.size === 0) this.byApp.delete(app.id);
    whenAnswered(
      this.adapter().membership.exit(app.id, onlineKey(userId), false, userId),
      (exited) => exited.memberRemoved && this.announce(app, userId, false),
      () => this.announce(app, userId, false),
    );
  }

  /** Of these users, those online through this node (a connection, or a grace period running). */
  localOnline(appId: string, userIds: string[]): string[] {
    const users = this.byApp.get(appId);
    return users ? userIds.filter((id) => users.has(id)) : [];
  }

  /** Every user online through this node. */
  *entries(): Iterable<OnlineEntry> {
    for (const [appId, users] of this.byApp) {
      for (const userId of users.keys()) yield { appId, channel: onlineKey(userId), userId, info: null };
    }
  }
}
