// Reads and validates the connection settings that `php artisan pogo:ws-install` writes to .env
// (Vite exposes them as import.meta.env.VITE_POGO_*). Every bad value fails here, naming the variable,
// instead of surfacing later as a WebSocket that silently never connects.

/** The Vite variables the preset reads. */
export const envVariables = {
  key: 'VITE_POGO_APP_KEY',
  host: 'VITE_POGO_HOST',
  port: 'VITE_POGO_PORT',
  scheme: 'VITE_POGO_SCHEME',
} as const;

/** Anything shaped like `import.meta.env` (or `process.env`): variable name → value. */
export type EnvSource = Readonly<Record<string, string | boolean | number | undefined>>;

export type Scheme = 'http' | 'https';

export interface ConnectionSettings {
  key: string;
  host: string;
  port: number;
  scheme: Scheme;
}

/** Explicit values; each one overrides its variable. */
export interface ConnectionOverrides {
  key?: string;
  host?: string;
  port?: number | string;
  scheme?: Scheme | string;
}

export class PogoConfigError extends Error {
  /** The variable (or option) that is missing or invalid, e.g. `VITE_POGO_PORT`. */
  readonly variable: string;

  constructor(variable: string, problem: string) {
    super(`@pogo/echo: ${variable} ${problem}`);
    this.name = 'PogoConfigError';
    this.variable = variable;
  }
}

/** `import.meta.env` when the bundler provides it (Vite does), otherwise undefined. */
export function viteEnv(): EnvSource | undefined {
  // A cast rather than a global ImportMeta augmentation: the app's own vite/client types stay authoritative.
  try {
    return (import.meta as unknown as { env?: EnvSource }).env;
  } catch {
    return undefined;
  }
}

const keyPattern = /^[A-Za-z0-9._~-]+$/;
// A DNS name, IPv4 address or bracketed IPv6 address: no scheme, port or path.
const hostPattern = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])$/;

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : s;
}

function whereToSet(variable: string, option: string, env: EnvSource | undefined): string {
  const where = `set ${variable} in .env (php artisan pogo:ws-install writes it) or pass { ${option} } to createEcho()`;
  // Vite fills import.meta.env only in the app's own modules in some setups (pre-bundled dependencies in dev).
  return env === undefined ? `${where}; import.meta.env was not available to @pogo/echo: pass createEcho({ env: import.meta.env })` : where;
}

/**
 * Resolves key, host, port and scheme: explicit values first, then the variables.
 * Defaults follow Laravel's Reverb stubs: scheme https, port 443 for https and 80 for http.
 */
export function resolveConnectionSettings(env: EnvSource | undefined, overrides: ConnectionOverrides = {}): ConnectionSettings {
  const source = env ?? {};
  const missing = (variable: string, option: string) => `is missing: ${whereToSet(variable, option, env)}`;
  const pick = (option: keyof ConnectionOverrides): { value: string | undefined; from: string } => {
    const explicit = text(overrides[option]);
    if (explicit !== undefined) return { value: explicit, from: `option "${option}"` };
    const variable = envVariables[option];
    return { value: text(source[variable]), from: variable };
  };

  const key = pick('key');
  if (key.value === undefined) throw new PogoConfigError(envVariables.key, missing(envVariables.key, 'key'));
  if (!keyPattern.test(key.value)) {
    throw new PogoConfigError(key.from, 'is invalid: an app key is letters, digits, ".", "_", "~" or "-" (no spaces or slashes)');
  }

  const host = pick('host');
  if (host.value === undefined) throw new PogoConfigError(envVariables.host, missing(envVariables.host, 'host'));
  if (!hostPattern.test(host.value)) {
    const hint = /^[a-z]+:\/\//i.test(host.value) || /[:/]/.test(host.value) ? ' (a host name only: no scheme, port or path)' : '';
    throw new PogoConfigError(host.from, `is invalid: "${host.value}" is not a host name${hint}`);
  }

  const scheme = pick('scheme');
  const schemeValue = (scheme.value ?? 'https').toLowerCase();
  if (schemeValue !== 'http' && schemeValue !== 'https') {
    throw new PogoConfigError(scheme.from, `is invalid: "${scheme.value}" must be "http" or "https"`);
  }

  const port = pick('port');
  let portValue = schemeValue === 'https' ? 443 : 80;
  if (port.value !== undefined) {
    portValue = Number(port.value);
    if (!/^\d+$/.test(port.value) || !Number.isInteger(portValue) || portValue < 1 || portValue > 65535) {
      throw new PogoConfigError(port.from, `is invalid: "${port.value}" must be a port number from 1 to 65535`);
    }
  }

  return { key: key.value, host: host.value.replace(/\.$/, ''), port: portValue, scheme: schemeValue };
}
