// The `pogo-ws` command.
import { existsSync } from 'node:fs';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { workerMetricsGatherer } from './metrics/workers.js';
import { runPrimary } from './workers/primary.js';
import { ConfigError, loadConfig } from './config/server-config.js';
import { startServer, type Logger } from './server.js';
import { loadEnvironment } from './deploy/environment.js';
import { reload } from './deploy/reload.js';
import { restartObserver } from './deploy/restart.js';
import { tlsContextOptions } from './deploy/tls.js';

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
  --workers N|auto    run N processes on the one port (auto: one per CPU core; default: WS_WORKERS
                      or 1). They share state through Redis when configured, else through this
                      process over IPC, with no extra service.

Without --config, one app comes from the environment: WS_APP_ID, WS_APP_KEY (default: the
app id), WS_APP_SECRET or WS_APP_SECRET_<APP_ID>; REVERB_APP_* are read when WS_APP_* are not.
With nothing configured, a development app (id app-id, key app-key, secret app-secret) is used.

More environment variables (each also a key of the --config file; the README has the tables):
  WS_ALLOWED_ORIGINS, WS_TRUSTED_PROXIES, WS_CLIENT_EVENTS, WS_AUTH_ENDPOINT, WS_RECOVERY,
  WS_REDIS_URL, WS_REDIS_PASSWORD, WS_WEBHOOK_URL, WS_WEBHOOK_EVENTS,
  WS_METRICS_ENABLED, WS_METRICS_PORT, WS_METRICS_HOST, WS_METRICS_DETAILED,
  WS_DASHBOARD_ENABLED, WS_DASHBOARD_PATH, WS_DASHBOARD_PORT, WS_DASHBOARD_HOST,
  WS_DASHBOARD_TOKEN, WS_DASHBOARD_USER, WS_DASHBOARD_PASSWORD,
  WS_TLS_CERT, WS_TLS_KEY, WS_TLS_CA, WS_TLS_PASSPHRASE (wss:// and https:// on the port),
  WS_REDIS_HISTORY (recovery history kept in Redis too, so it outlives a restart)

Signals: SIGTERM/SIGINT stop gracefully (clients get 4200, exit 0); SIGHUP reads the configuration
again (apps, secrets, the certificate) without dropping connections. POST /apps/{id}/restart (signed)
stops every process of the deployment as SIGTERM does, for its supervisor to start it again.
`;

const log: Logger = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(`warning: ${m}`),
  error: (m) => console.error(`error: ${m}`),
};

/** `--workers`: a positive integer, or `auto` for one per core. */
function workerCount(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  if (value === 'auto') return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw new ConfigError('--workers', 'must be a positive integer or "auto"');
  return n;
}

/** Workers prefix their lines; the primary prints the one "listening" line once all listen. */
function workerLog(parent: Logger): Logger {
  const id = cluster.worker?.id ?? 0;
  return {
    info: (m) => (m.startsWith('pogo-ws listening') ? process.send?.({ pogo: 'listening', line: m }) : parent.info(`[worker ${id}] ${m}`)),
    warn: (m) => parent.warn(`[worker ${id}] ${m}`),
    error: (m) => parent.error(`[worker ${id}] ${m}`),
  };
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      config: { type: 'string' },
      'env-file': { type: 'string' },
      workers: { type: 'string' },
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

  // SIGHUP's default would end the process; until the server is up it is ignored.
  let onHangup = () => log.warn('SIGHUP before start-up finished: ignored');
  process.on('SIGHUP', () => onHangup());
  const envFile = values['env-file'] ?? (existsSync('.env') ? '.env' : undefined);
  const environment = loadEnvironment(envFile);
  // Workers read the same configuration as their primary, which already warned about it.
  const config = loadConfig({ file: values.config, host: values.host, port: values.port, env: process.env, warn: cluster.isWorker ? undefined : log.warn });
  // The certificate files are checked here, in the primary too: a bad one stops start-up with its key and file.
  if (config.tls) tlsContextOptions(config.tls);
  const workers = workerCount(values.workers ?? process.env.WS_WORKERS);
  if (workers > 1 && cluster.isPrimary) {
    onHangup = () => undefined; // the primary passes it on to its workers (runPrimary)
    return runPrimary({ workers, ipc: !config.redis, log, gatherMetrics: workerMetricsGatherer() });
  }
  const serverLog = cluster.isWorker ? workerLog(log) : log;
  const server = await startServer(config, serverLog);
  // SIGHUP: the configuration read again as at start-up; what does not load changes nothing.
  onHangup = () =>
    reload({
      load: () => loadConfig({ file: values.config, host: values.host, port: values.port, env: environment() }),
      apply: (next) => server.reload(next),
      log: serverLog,
    });
  // A worker whose primary is gone (killed) must not linger on the port.
  if (cluster.isWorker) process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));

  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      if (signal !== 'restart') log.info(`${signal}: closing connections (4200) and shutting down`);
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
    // POST /apps/{id}/restart (here or on another node): the same stop, exit 0, for the supervisor to start us again.
    server.hub.observe(restartObserver({ info: serverLog.info, stop: () => stop('restart') }));
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
