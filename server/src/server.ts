// Wiring: configuration in, a listening HTTP + WebSocket server out. Nothing imports this but the CLI.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalAdapter } from './adapter/local.js';
import type { ServerConfig } from './apps/config.js';
import { Hub } from './hub.js';
import { ApiRouter } from './http/router.js';
import { sendJson } from './http/respond.js';
import { PusherWebSocketServer } from './transport/websocket-server.js';

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
}

export async function startServer(config: ServerConfig, log: Logger): Promise<PogoServer> {
  const hub = new Hub(config.apps);
  const adapter = new LocalAdapter(hub);
  hub.adapter = adapter;

  const router = new ApiRouter({ hub, adapter });
  router.addPlainRoute((req, res, path) => {
    if (req.method !== 'GET' || (path !== '/up' && path !== '/')) return false;
    sendJson(res, 200, { status: 'ok', connections: hub.connectionCount() });
    return true;
  });

  const http: Server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => void router.handle(req, res));
  const websockets = new PusherWebSocketServer(hub, { trustedProxies: config.trustedProxies });
  websockets.attach(http);

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  log.info(`pogo-ws listening on http://${config.host}:${port} (${config.apps.length} app${config.apps.length === 1 ? '' : 's'}: ${config.apps.map((a) => a.id).join(', ')})`);

  let closing: Promise<void> | undefined;
  return {
    host: config.host,
    port,
    hub,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => http.close(() => resolve()));
        websockets.shutdown();
        const deadline = Date.now() + config.shutdownTimeoutSeconds * 1000;
        while (hub.connectionCount() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        http.closeAllConnections();
        await adapter.close();
        await closed;
      })();
      return closing;
    },
  };
}
