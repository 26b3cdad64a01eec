// Apps from a configuration file's `apps` list or from the environment (`WS_APP_*`, falling back
// to `REVERB_APP_*`), validated; the development app when nothing is configured.
import type { App, WebhookTarget } from '../apps/app.js';
import { defaultLimits, type Limits } from '../schema.js';
import { bool, ConfigError, type Env, httpUrl, int, isObject, str, stringList } from './values.js';

const webhookEventNames = [
  'channel_occupied',
  'channel_vacated',
  'member_added',
  'member_removed',
  'client_event',
  'cache_miss',
  'subscription_count',
] as const;

export type WebhookEventName = (typeof webhookEventNames)[number];

/** The development app used when nothing is configured (documented in the README). */
export const developmentApp = { id: 'app-id', key: 'app-key', secret: 'app-secret' } as const;

function limits(value: unknown, key: string): Limits {
  if (value === undefined) return { ...defaultLimits };
  if (!isObject(value)) throw new ConfigError(key, 'must be an object');
  const result: Limits = { ...defaultLimits };
  for (const [name, given] of Object.entries(value)) {
    if (!(name in defaultLimits)) {
      throw new ConfigError(`${key}.${name}`, `is not a known limit (known: ${Object.keys(defaultLimits).join(', ')})`);
    }
    result[name as keyof Limits] = int(given, `${key}.${name}`, 0);
  }
  return result;
}

/** `recovery: false`, `true`, or `{enabled, disabledPrefixes}`; on by default. */
function recovery(value: unknown, key: string): App['recovery'] {
  if (value === undefined || typeof value === 'boolean' || value === 'true' || value === 'false') {
    return { enabled: bool(value, key, true), disabledPrefixes: [] };
  }
  if (!isObject(value)) throw new ConfigError(key, 'must be true, false or {enabled, disabledPrefixes}');
  return { enabled: bool(value.enabled, `${key}.enabled`, true), disabledPrefixes: stringList(value.disabledPrefixes, `${key}.disabledPrefixes`) };
}

function webhooks(value: unknown, key: string): WebhookTarget[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ConfigError(key, 'must be a list');
  return value.map((hook, i) => {
    if (!isObject(hook)) throw new ConfigError(`${key}[${i}]`, 'must be an object');
    const url = str(hook.url, `${key}[${i}].url`);
    if (!/^https?:\/\//.test(url)) throw new ConfigError(`${key}[${i}].url`, 'must be an http(s) URL');
    const events = stringList(hook.events, `${key}[${i}].events`);
    const unknown = events.find((name) => !(webhookEventNames as readonly string[]).includes(name));
    if (unknown !== undefined) {
      throw new ConfigError(`${key}[${i}].events`, `has an unknown event ${JSON.stringify(unknown)} (known: ${webhookEventNames.join(', ')})`);
    }
    return { url, events };
  });
}

export function parseApp(raw: unknown, key: string): App {
  if (!isObject(raw)) throw new ConfigError(key, 'must be an object');
  const id = str(raw.id, `${key}.id`);
  const app: App = {
    id,
    key: str(raw.key, `${key}.key`, id),
    secret: str(raw.secret, `${key}.secret`),
    enabled: bool(raw.enabled, `${key}.enabled`, true),
    clientEvents: bool(raw.clientEvents, `${key}.clientEvents`, true),
    subscriptionCount: bool(raw.subscriptionCount, `${key}.subscriptionCount`, false),
    allowedOrigins: stringList(raw.allowedOrigins, `${key}.allowedOrigins`),
    webhooks: webhooks(raw.webhooks, `${key}.webhooks`),
    authEndpoint: raw.authEndpoint === undefined || raw.authEndpoint === '' ? undefined : httpUrl(raw.authEndpoint, `${key}.authEndpoint`),
    limits: limits(raw.limits, `${key}.limits`),
    recovery: recovery(raw.recovery, `${key}.recovery`),
  };
  // The handshake's cookies go to the auth endpoint: with any origin allowed, any site a signed-in
  // user visits could open a socket and subscribe as them (cross-site WebSocket hijacking).
  if (app.authEndpoint !== undefined && app.allowedOrigins.includes('*')) {
    throw new ConfigError(
      `${key}.allowedOrigins`,
      'must not be "*" when authEndpoint is set (the server forwards the browser\'s cookies to it): list the app\'s own origins, e.g. ["https://example.com"]',
    );
  }
  return app;
}

/** `WS_APP_*`, falling back to `REVERB_APP_*` so a Reverb app can switch without editing `.env`. */
export function appFromEnv(env: Env): App | undefined {
  const pick = (name: string) => env[`WS_APP_${name}`] ?? env[`REVERB_APP_${name}`];
  const id = pick('ID');
  if (!id) return undefined;
  // WS_APP_SECRET_<APP_ID>, non-alphanumerics as `_`, as written or upper-cased.
  const suffix = id.replace(/[^A-Za-z0-9]/g, '_');
  const secret = env[`WS_APP_SECRET_${suffix}`] ?? env[`WS_APP_SECRET_${suffix.toUpperCase()}`] ?? pick('SECRET');
  const source = env.WS_APP_ID ? 'WS_APP' : 'REVERB_APP';
  if (!secret) throw new ConfigError(`${source}_SECRET`, `must be set for app ${JSON.stringify(id)}`);
  return parseApp(
    {
      id,
      key: pick('KEY') || id,
      secret,
      allowedOrigins: env.WS_ALLOWED_ORIGINS,
      clientEvents: env.WS_CLIENT_EVENTS,
      authEndpoint: env.WS_AUTH_ENDPOINT,
      recovery: env.WS_RECOVERY,
      webhooks: env.WS_WEBHOOK_URL ? [{ url: env.WS_WEBHOOK_URL, events: env.WS_WEBHOOK_EVENTS }] : undefined,
    },
    `${source}_ID`,
  );
}
