// SIGHUP: the configuration read again as at start-up (the --config file, the --env-file, the
// environment), and what may change without a restart applied to the running server: apps come
// (they work at once), go (their clients closed with 4001) or are disabled (4003), and change in
// place (a rotated secret signs the next API call, subscription and webhook); unchanged apps'
// connections stay open. Each app's webhook targets follow its configuration for events after the
// reload (webhooks/dispatcher.ts, reconfigure: a removed target still delivers what it held). The
// certificate is read again too. A configuration that does not load changes nothing.
// Not reloaded (a restart applies them): the port, Redis, trustedProxies, the server-wide webhook
// delivery settings (`webhooks`: batching, retries, queue size), metrics and dashboard settings,
// an app's recovery switch and history budget.
import type { App } from '../apps/app.js';
import type { ServerConfig } from '../config/server-config.js';
import type { Hub } from '../hub.js';
import type { WebhookTargetsChange } from '../webhooks/dispatcher.js';
import { closeCode } from '../schema.js';

export interface AppsChange {
  added: string[];
  removed: string[];
  changed: string[];
  disabled: string[];
}

/** Brings the hub's apps in line with `next`; answers what changed (app ids). */
export function reloadApps(hub: Hub, next: readonly App[]): AppsChange {
  const change: AppsChange = { added: [], removed: [], changed: [], disabled: [] };
  const wanted = new Map(next.map((app) => [app.id, app]));
  for (const current of hub.apps) {
    if (!wanted.has(current.id)) {
      hub.removeApp(current.id, closeCode('APP_NOT_FOUND'));
      change.removed.push(current.id);
    }
  }
  for (const app of next) {
    const current = hub.appById(app.id);
    if (!current) {
      hub.addApp(app);
      change.added.push(app.id);
    } else if (JSON.stringify(current) !== JSON.stringify(app)) {
      const disabled = current.enabled && !app.enabled;
      hub.updateApp(app, disabled ? closeCode('APP_DISABLED') : undefined);
      (disabled ? change.disabled : change.changed).push(app.id);
    }
  }
  return change;
}

/** One line for the log: what the reload did (app ids only, never a secret). */
export function describeChange(change: AppsChange): string {
  const parts = (['added', 'removed', 'disabled', 'changed'] as const)
    .filter((kind) => change[kind].length > 0)
    .map((kind) => `${kind} ${change[kind].join(', ')}`);
  return parts.length > 0 ? parts.join('; ') : 'apps unchanged';
}

const labels = { kept: 'kept', refiltered: 'events changed', added: 'added', retired: 'removed' } as const;

/**
 * The webhook part of the log line, '' when no target changed: app ids and target counts only,
 * never a URL (it may carry credentials), e.g. `webhooks: a 1 target (1 added); b 0 targets (2 removed)`.
 */
export function describeWebhookChange(changes: readonly WebhookTargetsChange[]): string {
  if (changes.length === 0) return '';
  const apps = changes.map((change) => {
    const what = (['kept', 'refiltered', 'added', 'retired'] as const)
      .filter((kind) => change[kind] > 0)
      .map((kind) => `${change[kind]} ${labels[kind]}`);
    return `${change.appId} ${change.targets} target${change.targets === 1 ? '' : 's'} (${what.join(', ')})`;
  });
  return `webhooks: ${apps.join('; ')}`;
}

export interface Reloader {
  /** Reads the configuration again: throws (a ConfigError) when it does not load. */
  load(): ServerConfig;
  apply(config: ServerConfig): string;
  log: { info(message: string): void; warn(message: string): void };
}

/** SIGHUP's work: load, then apply; a configuration that does not load keeps everything as it is. */
export function reload(reloader: Reloader): void {
  let config: ServerConfig;
  try {
    config = reloader.load();
  } catch (error) {
    reloader.log.warn(`SIGHUP: configuration not reloaded, the running one stays: ${(error as Error).message}`);
    return;
  }
  try {
    reloader.log.info(`SIGHUP: configuration reloaded (${reloader.apply(config)})`);
  } catch (error) {
    reloader.log.warn(`SIGHUP: reloading failed part way: ${(error as Error).message}`);
  }
}
