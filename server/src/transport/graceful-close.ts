// Closing gracefully: stop accepting, ask every client to reconnect elsewhere (4200), wait for
// them to leave until the shutdown timeout, then cut whatever is left. What comes before (the
// dashboard's own streams) and after (webhooks, the adapter, metrics) is passed in by the wiring.
import type { Server } from 'node:http';
import type { PusherWebSocketServer } from './websocket-server.js';

interface GracefulClose {
  http: Server;
  websockets: PusherWebSocketServer;
  /** Clients still connected. */
  connectionCount: () => number;
  timeoutSeconds: number;
  /** Runs once the HTTP server stops accepting, before the clients are asked to go. */
  before: () => Promise<void>;
  /** Runs once every connection is closed; `deadline`: when the shutdown timeout ends (ms). */
  after: (deadline: number) => Promise<void>;
}

export async function closeGracefully(steps: GracefulClose): Promise<void> {
  const { http } = steps;
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  await steps.before();
  steps.websockets.shutdown();
  const deadline = Date.now() + steps.timeoutSeconds * 1000;
  while (steps.connectionCount() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  http.closeAllConnections();
  await closed;
  await steps.after(deadline);
}
