// The apps this node serves, by key (clients connect with it) and by id (the HTTP API names it),
// with the per-app state the hub keeps beside each. A reload (SIGHUP) adds, updates and removes
// apps while the server runs; a removed app's state stays reachable until its last connection has
// closed, so the disconnects still find their channels.
import type { CodeEntry } from '../schema.js';
import type { App } from './app.js';

/** What the registry needs of an app's state: the app, and its connections to close. */
export interface AppEntry {
  app: App;
  connections: Map<string, { closeWith(entry: CodeEntry): void }>;
}

export class AppRegistry<S extends AppEntry> {
  private readonly byKey = new Map<string, S>();
  private readonly byId = new Map<string, S>();
  /** Removed apps whose connections are still closing. */
  private readonly leaving = new Map<string, S>();

  constructor(private readonly newState: (app: App) => S) {}

  /** A new app: clients and the HTTP API find it at once. */
  add(app: App): S {
    this.leaving.delete(app.id);
    const state = this.newState(app);
    this.byKey.set(app.key, state);
    this.byId.set(app.id, state);
    return state;
  }

  /**
   * New settings for an app (same id), copied into the App object everything holds, so a rotated
   * secret, new limits or origins apply to its open connections too. `closeWith`: its connections
   * are closed with that code (the app was disabled). False when the app is unknown.
   */
  update(app: App, closeWith?: CodeEntry): boolean {
    const state = this.byId.get(app.id);
    if (!state) return false;
    if (state.app.key !== app.key) {
      this.byKey.delete(state.app.key);
      this.byKey.set(app.key, state);
    }
    Object.assign(state.app, app);
    if (closeWith) for (const connection of [...state.connections.values()]) connection.closeWith(closeWith);
    return true;
  }

  /** An app no longer configured: unknown to new clients and the API; its connections closed with `closeWith`. */
  remove(id: string, closeWith: CodeEntry): boolean {
    const state = this.byId.get(id);
    if (!state) return false;
    this.byId.delete(id);
    this.byKey.delete(state.app.key);
    if (state.connections.size > 0) this.leaving.set(id, state);
    for (const connection of [...state.connections.values()]) connection.closeWith(closeWith);
    return true;
  }

  /** A removed app's last connection closed: its state can go. */
  disconnected(state: S): void {
    if (state.connections.size === 0) this.leaving.delete(state.app.id);
  }

  withKey(key: string): S | undefined {
    return this.byKey.get(key);
  }

  withId(id: string): S | undefined {
    return this.byId.get(id);
  }

  /** The state of an app that has connections here, removed or not. */
  of(app: App): S {
    const state = this.byId.get(app.id) ?? this.leaving.get(app.id);
    if (!state) throw new Error(`unknown app ${app.id}`);
    return state;
  }

  /** The configured apps' states. */
  values(): IterableIterator<S> {
    return this.byId.values();
  }
}
