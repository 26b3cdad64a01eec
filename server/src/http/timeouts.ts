// How long any of the server's HTTP listeners (the public port, the dashboard's and the metrics'
// ports) holds a connection that has not finished its request: a socket that never sends a byte,
// headers (or an upgrade) that never end, a body that trickles. Checked once a second.
import type { ServerOptions } from 'node:http';

/** Headers, upgrades included, must be complete within this (ms) of the connection or the previous answer. */
export const headersTimeoutMs = 5_000;
/** A whole request, body included, must arrive within this (ms). */
export const requestTimeoutMs = 30_000;

export const requestTimeouts: ServerOptions = {
  headersTimeout: headersTimeoutMs,
  requestTimeout: requestTimeoutMs,
  connectionsCheckingInterval: 1_000,
};
