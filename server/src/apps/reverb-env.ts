// A Reverb app's environment served as it is: when only Reverb's variables are set (REVERB_APP_*,
// no WS_APP_ID), `pogo-ws start` binds where `php artisan reverb:start` would and takes over what
// has a Pogo equivalent, with the same precedence as `php artisan pogo:ws-start`. The rest is
// named at start-up as ignored, never silently dropped.

type Env = Record<string, string | undefined>;

/** Reverb variables with no equivalent in the environment-only configuration, and why. */
const IGNORED: Record<string, string> = {
  REVERB_SERVER_PATH: 'the server answers on /app and /apps',
  REVERB_APP_PING_INTERVAL: 'pings follow activityTimeoutSeconds',
  REVERB_SCALING_CHANNEL: 'Redis keys use the Pogo prefix',
  REVERB_MAX_REQUEST_SIZE: 'set limits.maxHttpBodyBytes in a --config file, or use php artisan pogo:ws-start',
  REVERB_APP_MAX_MESSAGE_SIZE: 'set limits.maxFrameBytes in a --config file, or use php artisan pogo:ws-start',
  REVERB_APP_ACTIVITY_TIMEOUT: 'set limits.activityTimeoutSeconds in a --config file, or use php artisan pogo:ws-start',
  REVERB_APP_MAX_CONNECTIONS: 'set limits.maxConnections in a --config file, or use php artisan pogo:ws-start',
};

function truthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'on', 'yes'].includes(value.trim().toLowerCase());
}

/** The Redis connection Reverb scales over: Laravel's default one (REDIS_URL, else REDIS_HOST and friends). */
function laravelRedisUrl(env: Env): string {
  if (env.REDIS_URL) return env.REDIS_URL;
  const password = env.REDIS_PASSWORD && env.REDIS_PASSWORD !== 'null' ? env.REDIS_PASSWORD : '';
  const user = env.REDIS_USERNAME && env.REDIS_USERNAME !== 'null' ? env.REDIS_USERNAME : '';
  const auth = password ? `${encodeURIComponent(user)}:${encodeURIComponent(password)}@` : '';
  return `redis://${auth}${env.REDIS_HOST || '127.0.0.1'}:${env.REDIS_PORT || '6379'}/${env.REDIS_DB || '0'}`;
}

/**
 * The environment with WS_SERVER_HOST, WS_SERVER_PORT and WS_REDIS_URL filled from Reverb's
 * variables where the app sets none of its own: REVERB_SERVER_HOST; REVERB_SERVER_PORT, else
 * REVERB_PORT; Laravel's Redis when REVERB_SCALING_ENABLED is on.
 */
export function withReverbEnv(env: Env, warn?: (message: string) => void): Env {
  if (env.WS_APP_ID || !env.REVERB_APP_ID) return env;
  const filled: Env = { ...env };
  const taken: string[] = [];
  if (!env.WS_SERVER_HOST && env.REVERB_SERVER_HOST) {
    filled.WS_SERVER_HOST = env.REVERB_SERVER_HOST;
    taken.push('REVERB_SERVER_HOST');
  }
  const port = env.REVERB_SERVER_PORT || env.REVERB_PORT;
  if (!env.WS_SERVER_PORT && !env.WS_PORT && port) {
    filled.WS_SERVER_PORT = port;
    taken.push(env.REVERB_SERVER_PORT ? 'REVERB_SERVER_PORT' : 'REVERB_PORT');
  }
  if (!env.WS_REDIS_URL && truthy(env.REVERB_SCALING_ENABLED)) {
    filled.WS_REDIS_URL = laravelRedisUrl(env);
    taken.push('REVERB_SCALING_ENABLED');
  }
  if (taken.length > 0) warn?.(`Serving the Reverb app ${env.REVERB_APP_ID} from REVERB_* variables: ${taken.join(', ')} taken over.`);
  const ignored = Object.keys(IGNORED).filter((name) => env[name]);
  if (ignored.length > 0) warn?.(`Reverb settings ignored: ${ignored.map((name) => `${name} (${IGNORED[name]})`).join('; ')}.`);
  return filled;
}
