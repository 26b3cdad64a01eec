// GET /metrics (Prometheus text) and GET /ready (readiness), as unsigned plain routes, and
// the optional separate listener that keeps /metrics off the public port.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { send } from '../http/respond.js';
import { refuseConnect, requestTimeouts } from '../http/timeouts.js';
import { guard } from '../transport/listener-guard.js';
import type { PlainRoute } from '../http/router.js';
import type { ServerMetrics } from './metrics.js';

/** Why the node is not ready, or undefined when it is. */
export type ReadinessCheck = () => string | undefined;

function sendText(res: ServerResponse, status: number, contentType: string, body: string): void {
  send(res, status, contentType, body, { 'Cache-Control': 'no-store' });
}

export function metricsRoute(metrics: ServerMetrics): PlainRoute {
  return async (req, res, path) => {
    if (path !== '/metrics') return false;
    req.resume();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed\n');
      return true;
    }
    sendText(res, 200, metrics.contentType, await metrics.scrape());
    return true;
  };
}

/** 200 `{"status":"ready"}` when serving; 503 with the reason otherwise (starting, shutting down, Redis down). */
export function readinessRoute(check: ReadinessCheck): PlainRoute {
  return (req, res, path) => {
    if (path !== '/ready' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    req.resume();
    const problem = check();
    const body = JSON.stringify(problem === undefined ? { status: 'ready' } : { status: 'not ready', reason: problem });
    sendText(res, problem === undefined ? 200 : 503, 'application/json', body);
    return true;
  };
}

export interface MetricsListener {
  port: number;
  close(): Promise<void>;
}

/** A small HTTP server for /metrics, /ready and /up alone, on its own host and port. */
export async function listenForMetrics(host: string, port: number, routes: PlainRoute[]): Promise<MetricsListener> {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const target = req.url ?? '/';
    const mark = target.indexOf('?');
    const path = mark < 0 ? target : target.slice(0, mark);
    try {
      for (const route of routes) if (await route(req, res, path)) return;
      req.resume();
      sendText(res, 404, 'text/plain; charset=utf-8', 'Not Found\n');
    } catch {
      if (!res.headersSent) sendText(res, 500, 'text/plain; charset=utf-8', 'metrics collection failed\n');
      else res.end();
    }
  };
  const server: Server = createServer(requestTimeouts, (req, res) => guard('metrics', () => handle(req, res), () => res.destroy()));
  refuseConnect(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * An adapter may implement `ready(): boolean` (the Redis adapter: connected to Redis);
 * one without it (the local adapter) is always ready.
 */
export function adapterProblem(adapter: object): string | undefined {
  const ready = (adapter as { ready?: () => boolean }).ready;
  return typeof ready === 'function' && !ready.call(adapter) ? 'the message broker is not connected' : undefined;
}
