// The `pogo-ws` command.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './apps/config.js';
import { startServer, type Logger } from './server.js';

const version = '0.1.0';

const help = `pogo-ws ${version} — Pusher protocol 7 WebSocket server for Laravel

Usage:
  pogo-ws start [options]     start the server (the default command)
  pogo-ws --help | --version

Options:
  --host HOST         address to bind (default: WS_SERVER_HOST or 0.0.0.0)
  --port PORT         port to bind; 0 picks a free one (default: WS_SERVER_PORT, WS_PORT or 6001)
  --config FILE       JSON configuration: apps, limits, Redis, metrics (see the README)
  --env-file FILE     read environment variables from FILE first (default: ./.env when present)

Without --config, one app comes from the environment: WS_APP_ID, WS_APP_KEY (default: the
app id), WS_APP_SECRET or WS_APP_SECRET_<APP_ID>; REVERB_APP_* are read when WS_APP_* are not.
With nothing configured, a development app (id app-id, key app-key, secret app-secret) is used.
`;

const log: Logger = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(`warning: ${m}`),
  error: (m) => console.error(`error: ${m}`),
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      config: { type: 'string' },
      'env-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  if (values.version) {
    console.log(version);
    return 0;
  }
  const command = positionals[0] ?? 'start';
  if (command !== 'start') {
    log.error(`unknown command ${JSON.stringify(command)}; see pogo-ws --help`);
    return 2;
  }

  const envFile = values['env-file'] ?? (existsSync('.env') ? '.env' : undefined);
  if (envFile) process.loadEnvFile(envFile);
  const config = loadConfig({ file: values.config, host: values.host, port: values.port, env: process.env, warn: log.warn });
  const server = await startServer(config, log);

  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      log.info(`${signal}: closing connections (4200) and shutting down`);
      server.close().then(
        () => resolve(0),
        (error: unknown) => {
          log.error(`shutdown failed: ${(error as Error).message}`);
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      log.error((error as Error).message);
      process.exit(2);
    }
    log.error((error as Error).stack ?? String(error));
    process.exit(1);
  },
);
