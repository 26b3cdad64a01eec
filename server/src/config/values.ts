// The readers every configuration value goes through: each names the key it read when the
// value is wrong, and stops start-up with a ConfigError.

export class ConfigError extends Error {
  constructor(key: string, problem: string) {
    super(`Invalid configuration: ${key} ${problem}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown, key: string, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value.length === 0) throw new ConfigError(key, 'must be a non-empty string');
  return value;
}

export function bool(value: unknown, key: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(key, 'must be true or false');
}

export function int(value: unknown, key: string, fallback: number, min = 0): number {
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) {
    throw new ConfigError(key, `must be an integer ≥ ${min}`);
  }
  return n;
}

export function stringList(value: unknown, key: string): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new ConfigError(key, 'must be a list of strings');
  }
  return value as string[];
}

export function httpUrl(value: unknown, key: string): string {
  const url = str(value, key);
  if (!/^https?:\/\/[^/]/.test(url)) throw new ConfigError(key, 'must be an http(s) URL');
  return url;
}
