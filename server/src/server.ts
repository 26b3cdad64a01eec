// Wiring: configuration in, a listening HTTP + WebSocket server out. Nothing imports this but the CLI.
import cluster from 'node:cluster';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { selectAdapter } from './adapter/select.js';
import { ClusterAdapter } from './adapter/cluster.js';
import { Dashboard } from './dashboard/dashboard.js';
import type { ServerConfig } from './config/server-config.js';
import { Hub } from './hub.js';
import { livenessRoute } from './http/liveness.js';
import { ApiRouter } from './http/router.js';
import { ApiConnections } from './http/api-connections.js';
import type { Connection } from './transport/connection.js';
import type { RoundObserver } from './transport/outbound.js';
import { PusherWebSocketServer } from './transport/websocket-server.js';
import { FallbackServer } from './fallback/fallback-server.js';
import { closeGracefully } from './transport/graceful-close.js';
import { guard } from './transport/listener-guard.js';
import { refuseConnect, requestTimeouts } from './http/timeouts.js';
import { ServerMetrics } from './metrics/metrics.js';
import { CounterStore } from './observe/counters.js';
import { countingObserver } from './observe/counting.js';
import { attachMetrics } from './metrics/attach.js';
import { adapterProblem, listenForMetrics, metricsRoute, readinessRoute, type MetricsListener } from './metrics/routes.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';
import { webhookObserver } from './webhooks/observer.js';
import { clusterRecheck } from './webhooks/recheck.js';
import { primaryLink } from './workers/primary-link.js';
import { tlsContextOptions } from './deploy/tls.js';
import { describeChange, describeWebhookChange, reloadApps } from './deploy/reload.js';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface PogoServer {
  host: string;
  port: number;
  hub: Hub;
  /** Graceful: stop accepting, ask clients to reconnect (4200), drain, close. */
  close(): Promise<void>;
  /** SIGHUP: applies a configuration read again (apps, their webhook targets, the certificate); answers what it did, for the log. */
  reload(config: ServerConfig): string;
}

export async function startServer(config: ServerConfig, log: Logger): Promise<PogoServer> {
  // Local by default; Redis when configured; the primary process for `--workers N` without Redis.
  const hub = new Hub<Connection>(config.apps, (node) => selectAdapter(node, config, log));
  const { adapter } = hub;
  await adapter.start();
  // One counter store, counted from the hub's observer sink; metrics and the dashboard read it.
  const counters = new CounterStore();
  hub.observe(countingObserver(counters));
  const metrics = new ServerMetrics(counters);

  const webhooks = new WebhookDispatcher(
    config.apps,
    config.webhooks,
    {
      delivered: (appId, events) => metrics.webhookDelivered(appId, events),
      dropped: (appId, reason, events) => metrics.webhookDropped(appId, reason, events),
      warn: (message) => log.warn(message),
    },
    undefined,
    clusterRecheck(adapter),
  );
  hub.observe(webhookObserver(webhooks));

  const router = new ApiRouter({ hub, adapter }, config.trustedProxies);
  // Off unless configured; `GET /up` then says where it is (read by pogo:ws-doctor).
  const dashboard = config.dashboard.enabled
    ? new Dashboard({ hub, adapter, config: config.dashboard, counters, api: () => ({ host: config.host, port }) })
    : undefined;
  const liveness = livenessRoute(
    () => hub.stats(),
    () => ({ ...(dashboard ? { dashboard: dashboard.info } : {}), ...(adapter instanceof ClusterAdapter ? { cluster: { foreignNodes: adapter.foreign.list() } } : {}) }),
    config.trustedProxies,
  );
  router.addPlainRoute(liveness);
  if (dashboard && config.dashboard.port === undefined) router.addPlainRoute(dashboard.route);
  let shuttingDown = false;
  const readiness = readinessRoute(() =>
    shuttingDown ? 'shutting down' : !http.listening ? 'not listening yet' : adapterProblem(adapter),
  );
  router.addPlainRoute(readiness);
  let metricsListener: MetricsListener | undefined;
  let rounds: RoundObserver | undefined;
  if (config.metrics.enabled) {
    // A `--workers` worker's scrape answers for every worker: it asks the primary.
    const askPrimary = cluster.isWorker ? (timeoutMs: number) => primaryLink.call<string>('scrape', [], timeoutMs) : undefined;
    rounds = attachMetrics(metrics, hub, config.metrics, askPrimary);
    // With its own port, /metrics stays off the public one.
    if (config.metrics.port === undefined) router.addPlainRoute(metricsRoute(metrics));
  }

  const handle = (req: Parameters<typeof router.handle>[0], res: Parameters<typeof router.handle>[1]) => {
    // pusher-js's HTTP fallback sessions are clients, not requests in flight: the stop closes them with the WebSockets (4200).
    if (fallback.route(req, res)) return;
    guard('http', () => router.handle(req, res), () => res.destroy());
  };
  // With `tls`, the public port speaks only TLS: wss:// and https:// (the API, /up) alike.
  const tls = config.tls;
  const serverOptions = requestTimeouts;
  // A socket that never finishes its TLS handshake is cut as one that never finishes its headers.
  const secure: TlsServer | undefined = tls ? createTlsServer({ ...serverOptions, handshakeTimeout: 5_000, ...tlsContextOptions(tls) }, handle) : undefined;
  // https.Server is an http.Server to every listener here (request, upgrade, connect, close).
  const http: Server = secure ? (secure as unknown as Server) : createServer(serverOptions, handle);
  refuseConnect(http);
  // Plain API requests are read off the socket by the API's own reader; everything else goes on to Node's http.
  const apiConnections = new ApiConnections(http, router, secure !== undefined);
  const websockets = new PusherWebSocketServer(hub, { trustedProxies: config.trustedProxies });
  websockets.attach(http);
  websockets.outbound.rounds = rounds;
  // pusher-js's HTTP fallbacks (xhr_streaming, xhr_polling): sessions on the same port, through the same outbound queue.
  // Under --workers node:cluster hands each TCP connection to any worker: a session's requests are relayed to its worker.
  const fallback = new FallbackServer(hub, websockets.admission, { trustedProxies: config.trustedProxies, worker: cluster.isWorker });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  if (dashboard) {
    const own = await dashboard.start();
    log.info(`pogo-ws dashboard on ${own ?? `http://${config.host}:${port}${config.dashboard.path}/`}`);
  }
  if (config.metrics.enabled && config.metrics.port !== undefined) {
    const host = config.metrics.host ?? config.host;
    metricsListener = await listenForMetrics(host, config.metrics.port, [metricsRoute(metrics), readiness, liveness]);
    log.info(`pogo-ws metrics on http://${host}:${metricsListener.port}/metrics`);
  }
  log.info(`pogo-ws listening on ${secure ? 'https' : 'http'}://${config.host}:${port} (${config.apps.length} app${config.apps.length === 1 ? '' : 's'}: ${config.apps.map((a) => a.id).join(', ')})`);

  let closing: Promise<void> | undefined;
  return {
    host: config.host,
    port,
    hub,
    close() {
      shuttingDown = true;
      // Once a stop began, an API call (on a kept-alive connection) is refused, never accepted and then
      // delivered to nobody: the sender knows to send it again once the server is back.
      router.stop();
      closing ??= closeGracefully({
        http,
        apiConnections,
        websockets,
        connectionCount: () => hub.connectionCount(),
        requestsInFlight: () => router.inFlight,
        timeoutSeconds: config.shutdownTimeoutSeconds,
        before: async () => {
          fallback.shutdown();
          await dashboard?.close();
        },
        after: async (deadline) => {
          // Disconnections queued their channel_vacated/member_removed (in a cluster, once the
          // store answered); send them, and whatever else waits, within what is left of the timeout
          // (at least a second) and while the adapter can still re-check them.
          await new Promise((resolve) => (adapter.shared ? setTimeout(resolve, 100) : setImmediate(resolve)));
          await webhooks.drain(Math.max(deadline, Date.now() + 1_000));
          await adapter.close();
          await metricsListener?.close();
        },
      });
      return closing;
    },
    reload(next) {
      const done = [describeChange(reloadApps(hub, next.apps))];
      const targets = describeWebhookChange(webhooks.reconfigure(next.apps));
      if (targets) done.push(targets);
      if (secure && next.tls) {
        // A certificate that does not load keeps the one in use: TLS handshakes go on as before.
        try {
          secure.setSecureContext(tlsContextOptions(next.tls));
          done.push('certificate reloaded');
        } catch (error) {
          log.warn(`SIGHUP: certificate not reloaded, the one in use stays: ${(error as Error).message}`);
        }
      } else if (Boolean(secure) !== Boolean(next.tls)) {
        log.warn(`SIGHUP: tls was turned ${next.tls ? 'on' : 'off'} in the configuration; that takes a restart`);
      }
      return done.join('; ');
    },
  };
}
