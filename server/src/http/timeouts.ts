// What every HTTP listener of the server (the public port, the dashboard's and the metrics' ports)
// does with connections that never make a proper request: a socket that never sends a byte,
// headers (or an upgrade) that never end, a body that trickles, a CONNECT. Checked once a second.
import type { Server, ServerOptions } from 'node:http';
import type { Duplex } from 'node:stream';

/** Headers, upgrades included, must be complete within this (ms) of the connection or the previous answer. */
export const headersTimeoutMs = 5_000;
/** A whole request, body included, must arrive within this (ms). */
export const requestTimeoutMs = 30_000;
/** A kept-alive connection with no request in this (ms) is closed. */
export const keepAliveTimeoutMs = 65_000;

export const requestTimeouts: ServerOptions = {
  keepAliveTimeout: keepAliveTimeoutMs,
  headersTimeout: headersTimeoutMs,
  requestTimeout: requestTimeoutMs,
  connectionsCheckingInterval: 1_000,
};

/** Node hands CONNECT to a 'connect' listener, and without one drops the socket unanswered: answer 405. */
export function refuseConnect(server: Server): void {
  server.on('connect', (_request: unknown, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, POST\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
}
