// Closing gracefully: stop accepting, let the HTTP requests in flight finish (a publish accepted
// before the stop reaches its subscribers before they are closed), ask every client to reconnect
// elsewhere (4200), wait for them to leave until the shutdown timeout, then cut whatever is left.
// What comes before (the dashboard's own streams) and after (webhooks, the adapter, metrics) is
// passed in by the wiring. SIGTERM, SIGINT and a restart asked through the API all end here.
import type { Server } from 'node:http';
import type { Server as TlsServer } from 'node:https';
import type { PusherWebSocketServer } from './websocket-server.js';

/** Connections the HTTP server's listeners hold themselves (the API's own reader). */
interface HeldConnections {
  /** Ends those waiting for a request; the rest end after their answer. */
  close(): void;
  /** Cuts every one still held. */
  destroyAll(): void;
}

interface GracefulClose {
  http: Server | TlsServer;
  apiConnections: HeldConnections;
  websockets: PusherWebSocketServer;
  /** Clients still connected. */
  connectionCount: () => number;
  /** HTTP requests (API calls) not yet answered. */
  requestsInFlight: () => number;
  timeoutSeconds: number;
  /** Runs once the HTTP server stops accepting, before the clients are asked to go. */
  before: () => Promise<void>;
  /** Runs once every connection is closed; `deadline`: when the shutdown timeout ends (ms). */
  after: (deadline: number) => Promise<void>;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function closeGracefully(steps: GracefulClose): Promise<void> {
  const { http } = steps;
  const deadline = Date.now() + steps.timeoutSeconds * 1000;
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  steps.apiConnections.close();
  await steps.before();
  // Publishes in flight are delivered while their subscribers are still connected (half the timeout at most).
  const requestsDeadline = Date.now() + (steps.timeoutSeconds * 1000) / 2;
  while (steps.requestsInFlight() > 0 && Date.now() < requestsDeadline) await wait(10);
  steps.websockets.shutdown();
  while (steps.connectionCount() > 0 && Date.now() < deadline) await wait(50);
  http.closeAllConnections();
  steps.apiConnections.destroyAll();
  await closed;
  await steps.after(deadline);
}
