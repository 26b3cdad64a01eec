// Loading and validating the server's configuration from a JSON file and the environment.
// Every problem stops start-up with a message that names the offending key.
import { readFileSync } from 'node:fs';
import type { App } from '../apps/app.js';
import { withReverbEnv } from '../apps/reverb-env.js';
import { appFromEnv, developmentApp, parseApp } from './apps.js';
import { bool, ConfigError, type Env, int, isObject, type Json, str, stringList } from './values.js';

export { ConfigError };

export interface RedisConfig {
  /** redis:// or rediss:// (TLS); user and password may be in it. Not used with `cluster`. */
  url?: string;
  /** Redis Cluster seed nodes, "host:port": the bus then uses sharded pub/sub. */
  cluster?: string[];
  /** TLS: true, or options (`ca` is a PEM file path). A rediss:// URL turns it on too. */
  tls?: boolean | { ca?: string; rejectUnauthorized?: boolean; servername?: string };
  username?: string;
  password?: string;
  /** Every key and channel starts with this, so several deployments can share one Redis. */
  prefix: string;
  /** A Redis command (a publish) fails after this long; the HTTP API then answers 503. */
  commandTimeoutMs: number;
  /** A node that stops heartbeating is presumed dead after this long; the others remove its members. */
  nodeTimeoutSeconds: number;
  /** How long a cluster-wide HTTP API query waits for the other nodes' answers. */
  requestTimeoutMs: number;
  /** Recovery history kept in Redis too (a stream per app), so a freshly started node can replay it. */
  history: boolean;
}

/** TLS on the public port: file paths (read and checked by deploy/tls.ts). */
export interface TlsConfig {
  /** PEM certificate file (the chain, leaf first). */
  cert: string;
  /** PEM private key file. */
  key: string;
  /** PEM file of extra CA certificates to present (intermediates) and trust. */
  ca?: string;
  /** Passphrase of an encrypted key. */
  passphrase?: string;
}

export interface ServerConfig {
  host: string;
  port: number;
  apps: App[];
  redis?: RedisConfig;
  metrics: MetricsConfig;
  webhooks: WebhookDeliveryConfig;
  /** Seconds a graceful shutdown may take to drain before connections are cut. */
  shutdownTimeoutSeconds: number;
  /** Proxy addresses whose X-Forwarded-For is believed for the client's IP. */
  trustedProxies: string[];
  dashboard: DashboardConfig;
  /** TLS on the public port (wss:// and https://): file paths, read by deploy/tls.ts. */
  tls?: TlsConfig;
}

/** The live dashboard (`dashboard`): off unless configured, always behind a token or basic auth. */
export interface DashboardConfig {
  enabled: boolean;
  /** URL path it is served under on the public port (or on `port`). */
  path: string;
  /** Serve it on this port (and `host`) instead of the public one. */
  port?: number;
  host?: string;
  /** Bearer token (or the login form's password). */
  token?: string;
  basicAuth?: { user: string; password: string };
}

interface MetricsConfig {
  /** GET /metrics (Prometheus). */
  enabled: boolean;
  /** Hot-path histograms: fan-out duration and publish-to-flush latency. */
  detailed: boolean;
  /** Serve /metrics on this port (and `host`) instead of the public one. */
  port?: number;
  host?: string;
}

/** How webhooks are batched and sent (server-wide; targets are per app). */
export interface WebhookDeliveryConfig {
  /** Events per request, at most. */
  batchSize: number;
  /** How long the first event of a batch waits for company. */
  batchIntervalMs: number;
  /** Per request. */
  timeoutMs: number;
  /** Extra attempts after a timeout, connection error or 5xx (never after a 4xx). */
  retries: number;
  /** First retry delay; doubles each attempt (with jitter), capped at 30 s. */
  retryBackoffMs: number;
  /** Events waiting per target (batched, queued or in flight); beyond it new events are dropped and counted. */
  maxQueuedEvents: number;
  /** Requests in flight per target. */
  concurrency: number;
  /** channel_vacated and member_removed wait this long; a re-join meanwhile cancels both events (no flapping). */
  vacatedDelayMs: number;
}

function redisConfig(raw: Json, env: Env): RedisConfig {
  const url = raw.url ?? env.WS_REDIS_URL;
  const cluster = raw.cluster === undefined ? undefined : stringList(raw.cluster, 'redis.cluster');
  if (cluster !== undefined) {
    if (cluster.length === 0) throw new ConfigError('redis.cluster', 'must list at least one "host:port"');
    for (const [i, node] of cluster.entries()) {
      if (!/^[^:\s]+:\d+$/.test(node)) throw new ConfigError(`redis.cluster[${i}]`, 'must be "host:port"');
    }
  } else if (url === undefined) {
    throw new ConfigError('redis.url', 'must be set (or WS_REDIS_URL, or redis.cluster)');
  }
  if (url !== undefined && !/^rediss?:\/\//.test(str(url, 'redis.url'))) throw new ConfigError('redis.url', 'must start with redis:// or rediss://');
  let tls: RedisConfig['tls'];
  if (isObject(raw.tls)) {
    const { ca, rejectUnauthorized, servername } = raw.tls;
    tls = {
      ...(ca !== undefined ? { ca: str(ca, 'redis.tls.ca') } : {}),
      ...(rejectUnauthorized !== undefined ? { rejectUnauthorized: bool(rejectUnauthorized, 'redis.tls.rejectUnauthorized', true) } : {}),
      ...(servername !== undefined ? { servername: str(servername, 'redis.tls.servername') } : {}),
    };
  } else {
    tls = bool(raw.tls, 'redis.tls', false) || undefined;
  }
  return {
    ...(url !== undefined ? { url: str(url, 'redis.url') } : {}),
    ...(cluster !== undefined ? { cluster } : {}),
    ...(tls !== undefined ? { tls } : {}),
    ...(raw.username !== undefined ? { username: str(raw.username, 'redis.username') } : {}),
    ...(raw.password ?? env.WS_REDIS_PASSWORD) !== undefined ? { password: str(raw.password ?? env.WS_REDIS_PASSWORD, 'redis.password') } : {},
    prefix: str(raw.prefix, 'redis.prefix', 'pogo:'),
    commandTimeoutMs: int(raw.commandTimeoutMs, 'redis.commandTimeoutMs', 1000, 1),
    nodeTimeoutSeconds: int(raw.nodeTimeoutSeconds, 'redis.nodeTimeoutSeconds', 10, 1),
    requestTimeoutMs: int(raw.requestTimeoutMs, 'redis.requestTimeoutMs', 1000, 1),
    history: bool(raw.history ?? env.WS_REDIS_HISTORY, 'redis.history', false),
  };
}

export interface LoadOptions {
  file?: string;
  host?: string;
  port?: string | number;
  env: Env;
  /** Called when nothing configures an app and the development default is used. */
  warn?: (message: string) => void;
}

function metricsConfig(raw: Json, env: Env): MetricsConfig {
  const port = raw.port ?? env.WS_METRICS_PORT;
  return {
    enabled: bool(raw.enabled ?? env.WS_METRICS_ENABLED, 'metrics.enabled', true),
    detailed: bool(raw.detailed ?? env.WS_METRICS_DETAILED, 'metrics.detailed', false),
    ...(port !== undefined && port !== '' ? { port: int(port, 'metrics.port', 0) } : {}),
    ...(raw.host !== undefined || env.WS_METRICS_HOST ? { host: str(raw.host ?? env.WS_METRICS_HOST, 'metrics.host') } : {}),
  };
}

function dashboardConfig(raw: unknown, env: Env): DashboardConfig {
  if (raw !== undefined && !isObject(raw)) throw new ConfigError('dashboard', 'must be an object');
  const o = (raw ?? {}) as Json;
  const known = ['enabled', 'path', 'port', 'host', 'token', 'basicAuth'];
  const stray = Object.keys(o).find((k) => !known.includes(k));
  if (stray !== undefined) throw new ConfigError(`dashboard.${stray}`, `is not a known option (known: ${known.join(', ')})`);
  const token = o.token ?? (env.WS_DASHBOARD_TOKEN || undefined);
  const basicRaw = o.basicAuth ?? (env.WS_DASHBOARD_USER ? { user: env.WS_DASHBOARD_USER, password: env.WS_DASHBOARD_PASSWORD } : undefined);
  if (basicRaw !== undefined && !isObject(basicRaw)) throw new ConfigError('dashboard.basicAuth', 'must be an object {user, password}');
  const basicAuth = basicRaw && { user: str(basicRaw.user, 'dashboard.basicAuth.user'), password: str(basicRaw.password, 'dashboard.basicAuth.password') };
  if (basicAuth?.user.includes(':')) throw new ConfigError('dashboard.basicAuth.user', 'must not contain ":"');
  const port = o.port ?? env.WS_DASHBOARD_PORT;
  // Configuring it (the object, or a credential in the environment) turns it on.
  const enabled = bool(o.enabled ?? env.WS_DASHBOARD_ENABLED, 'dashboard.enabled', raw !== undefined || token !== undefined || basicAuth !== undefined);
  const path = str(o.path ?? (env.WS_DASHBOARD_PATH || undefined), 'dashboard.path', '/dashboard').replace(/\/+$/, '');
  if (!/^\/[A-Za-z0-9._~\-/]+$/.test(path)) throw new ConfigError('dashboard.path', 'must be a URL path like "/dashboard"');
  if (/^\/(apps|app|up|ready|metrics)(\/|$)/.test(path)) throw new ConfigError('dashboard.path', 'must not overlap the server\'s own routes (/app, /apps, /up, /ready, /metrics)');
  const result: DashboardConfig = {
    enabled,
    path,
    ...(port !== undefined && port !== '' ? { port: int(port, 'dashboard.port', 0) } : {}),
    ...(o.host !== undefined || env.WS_DASHBOARD_HOST ? { host: str(o.host ?? env.WS_DASHBOARD_HOST, 'dashboard.host') } : {}),
    ...(token !== undefined ? { token: str(token, 'dashboard.token') } : {}),
    ...(basicAuth ? { basicAuth } : {}),
  };
  if (enabled && result.token === undefined && basicAuth === undefined) {
    throw new ConfigError('dashboard', 'needs a token or basicAuth (or WS_DASHBOARD_TOKEN): it is never served without credentials');
  }
  if (result.token !== undefined && result.token.length < 16) throw new ConfigError('dashboard.token', 'must be at least 16 characters');
  return result;
}

function webhookDelivery(raw: unknown): WebhookDeliveryConfig {
  if (raw !== undefined && !isObject(raw)) throw new ConfigError('webhooks', 'must be an object');
  const o = (raw ?? {}) as Json;
  const known = ['batchSize', 'batchIntervalMs', 'timeoutMs', 'retries', 'retryBackoffMs', 'maxQueuedEvents', 'concurrency', 'vacatedDelayMs'];
  const stray = Object.keys(o).find((k) => !known.includes(k));
  if (stray !== undefined) throw new ConfigError(`webhooks.${stray}`, `is not a known option (known: ${known.join(', ')})`);
  return {
    batchSize: int(o.batchSize, 'webhooks.batchSize', 50, 1),
    batchIntervalMs: int(o.batchIntervalMs, 'webhooks.batchIntervalMs', 50),
    timeoutMs: int(o.timeoutMs, 'webhooks.timeoutMs', 5_000, 1),
    retries: int(o.retries, 'webhooks.retries', 3),
    retryBackoffMs: int(o.retryBackoffMs, 'webhooks.retryBackoffMs', 500),
    maxQueuedEvents: int(o.maxQueuedEvents, 'webhooks.maxQueuedEvents', 10_000, 1),
    concurrency: int(o.concurrency, 'webhooks.concurrency', 4, 1),
    vacatedDelayMs: int(o.vacatedDelayMs, 'webhooks.vacatedDelayMs', 3_000),
  };
}

/** `tls: {cert, key, ca?, passphrase?}`, each falling back to WS_TLS_*; off when neither cert nor key is set. */
function tlsConfig(raw: unknown, env: Env): TlsConfig | undefined {
  if (raw !== undefined && !isObject(raw)) throw new ConfigError('tls', 'must be an object {cert, key, ca?, passphrase?}');
  const o = (raw ?? {}) as Json;
  const known = ['cert', 'key', 'ca', 'passphrase'];
  const stray = Object.keys(o).find((k) => !known.includes(k));
  if (stray !== undefined) throw new ConfigError(`tls.${stray}`, `is not a known option (known: ${known.join(', ')})`);
  const cert = o.cert ?? (env.WS_TLS_CERT || undefined);
  const key = o.key ?? (env.WS_TLS_KEY || undefined);
  const ca = o.ca ?? (env.WS_TLS_CA || undefined);
  const passphrase = o.passphrase ?? (env.WS_TLS_PASSPHRASE || undefined);
  if (cert === undefined && key === undefined) {
    if (ca !== undefined || passphrase !== undefined) throw new ConfigError('tls.cert', 'must be set (or WS_TLS_CERT) when tls.ca or tls.passphrase is');
    return undefined;
  }
  if (cert === undefined) throw new ConfigError('tls.cert', 'must be set (or WS_TLS_CERT) with tls.key');
  if (key === undefined) throw new ConfigError('tls.key', 'must be set (or WS_TLS_KEY) with tls.cert');
  return {
    cert: str(cert, 'tls.cert'),
    key: str(key, 'tls.key'),
    ...(ca !== undefined ? { ca: str(ca, 'tls.ca') } : {}),
    ...(passphrase !== undefined ? { passphrase: str(passphrase, 'tls.passphrase') } : {}),
  };
}

export function loadConfig(options: LoadOptions): ServerConfig {
  const env = withReverbEnv(options.env, options.warn);
  let file: Json = {};
  if (options.file) {
    let text: string;
    try {
      text = readFileSync(options.file, 'utf8');
    } catch (error) {
      throw new ConfigError('--config', `cannot be read: ${(error as Error).message}`);
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (!isObject(parsed)) throw new Error('the top level must be an object');
      file = parsed;
    } catch (error) {
      throw new ConfigError(options.file, `is not valid JSON: ${(error as Error).message}`);
    }
  }

  let apps: App[];
  if (file.apps !== undefined) {
    if (!Array.isArray(file.apps) || file.apps.length === 0) throw new ConfigError('apps', 'must be a non-empty list');
    apps = file.apps.map((raw, i) => parseApp(raw, `apps[${i}]`));
  } else {
    const fromEnv = appFromEnv(env);
    if (fromEnv) {
      apps = [fromEnv];
    } else {
      options.warn?.(
        `No app configured (WS_APP_ID or --config): using the development app id=${developmentApp.id} key=${developmentApp.key}. Never use it in production.`,
      );
      apps = [parseApp({ ...developmentApp }, 'development app')];
    }
  }
  for (const [field, label] of [['id', 'id'], ['key', 'key']] as const) {
    const seen = new Set<string>();
    for (const app of apps) {
      if (seen.has(app[field])) throw new ConfigError(`apps`, `has two apps with the ${label} ${JSON.stringify(app[field])}`);
      seen.add(app[field]);
    }
  }

  let redis: RedisConfig | undefined;
  const redisRaw = file.redis ?? (env.WS_REDIS_URL ? { url: env.WS_REDIS_URL } : undefined);
  if (redisRaw !== undefined) {
    if (!isObject(redisRaw)) throw new ConfigError('redis', 'must be an object');
    redis = redisConfig(redisRaw, env);
  }

  const metricsRaw = isObject(file.metrics) ? file.metrics : {};
  const tls = tlsConfig(file.tls, env);
  return {
    host: str(options.host ?? file.host ?? env.WS_SERVER_HOST, 'host', '0.0.0.0'),
    port: int(options.port ?? file.port ?? env.WS_SERVER_PORT ?? env.WS_PORT, 'port', 6001),
    apps,
    redis,
    metrics: metricsConfig(metricsRaw, env),
    webhooks: webhookDelivery(file.webhooks),
    shutdownTimeoutSeconds: int(file.shutdownTimeoutSeconds, 'shutdownTimeoutSeconds', 10),
    trustedProxies: stringList(file.trustedProxies ?? env.WS_TRUSTED_PROXIES, 'trustedProxies'),
    dashboard: dashboardConfig(file.dashboard, env),
    ...(tls ? { tls } : {}),
  };
}
