// The environment the configuration is read from: the process's own, then the --env-file for
// what the process does not set (as process.loadEnvFile does). Kept so that SIGHUP reads the
// file again: its new values count, the process's own still win. `--workers` workers inherit the
// primary's environment with the file already in it; the names it added travel with them
// (POGO_ENV_FILE_KEYS) so their reload, too, takes those from the file as it is now.
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { ConfigError, type Env } from '../config/values.js';

const fileKeysVariable = 'POGO_ENV_FILE_KEYS';

function readEnvFile(file: string): Env {
  try {
    return parseEnv(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError('--env-file', `cannot be read: ${(error as Error).message}`);
  }
}

/** Loads `file` into process.env; answers a function that reads the environment again (SIGHUP). */
export function loadEnvironment(file: string | undefined): () => Env {
  const inherited = new Set((process.env[fileKeysVariable] ?? '').split(',').filter(Boolean));
  const own: Env = {};
  for (const [name, value] of Object.entries(process.env)) if (!inherited.has(name) && name !== fileKeysVariable) own[name] = value;
  if (file === undefined) return () => ({ ...process.env });
  const added: string[] = [];
  for (const [name, value] of Object.entries(readEnvFile(file))) {
    if (process.env[name] === undefined) {
      process.env[name] = value;
      added.push(name);
    }
  }
  process.env[fileKeysVariable] = [...new Set([...inherited, ...added])].join(',');
  return () => ({ ...readEnvFile(file), ...own });
}
