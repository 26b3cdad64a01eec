// Which adapter this process uses: Redis when configured; the worker mesh and the primary's
// store when it is a `--workers N` worker without Redis; otherwise everything stays in this process.
import cluster from 'node:cluster';
import type { ServerConfig } from '../config/server-config.js';
import { IpcBroker } from '../brokers/ipc-broker.js';
import type { Hub } from '../hub.js';
import type { Adapter } from './adapter.js';
import type { Broker, BrokerLog } from '../brokers/broker.js';
import { ClusterAdapter } from './cluster.js';
import { LocalAdapter } from './local.js';
import { RedisBroker } from '../brokers/redis-broker.js';

/** The hub calls this once, from its constructor; the caller then awaits `adapter.start()`. */
export function selectAdapter(hub: Hub, config: ServerConfig, log: BrokerLog): Adapter {
  let broker: Broker | undefined;
  if (config.redis) broker = new RedisBroker(config.redis, log);
  else if (cluster.isWorker && process.env.POGO_WORKER_IPC === '1') broker = new IpcBroker(log);
  if (!broker) return new LocalAdapter(hub);
  return new ClusterAdapter(hub, broker, { requestTimeoutMs: config.redis?.requestTimeoutMs ?? 1_000, log });
}
