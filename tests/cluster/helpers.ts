// Shared pieces of the cluster suites: a real redis-server of our own (so a test may kill and
// restart it), a webhook receiver, and the server config that points nodes at Redis.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultApp, type ServerConfig, type TestApp } from '../helpers/server.js';

export const redisServerBinary = process.env.POGO_REDIS_SERVER ?? '/usr/bin/redis-server';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Sends one command in RESP (arguments may hold spaces and newlines, unlike inline commands) and
 * resolves with the raw reply, or rejects when nobody answers within `timeoutMs`.
 */
export function redisCall(port: number, args: string[], timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const command = `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no reply'));
    }, timeoutMs);
    socket.on('connect', () => socket.write(command));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.endsWith('\r\n')) {
        clearTimeout(timer);
        socket.end();
        resolve(reply);
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export interface TestRedis {
  port: number;
  url: string;
  /** Kills the process (SIGKILL: nothing saved). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  /** SIGSTOP / SIGCONT: Redis hangs without closing connections. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

export async function startRedis(extraArgs: string[] = []): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pogo-redis-'));
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(redisServerBinary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extraArgs], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 100; i++) {
      // Any answer means it listens (-NOAUTH too, when the default user is off).
      if ((await redisCall(port, ['PING'], 200).catch(() => '')) !== '') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not answer on port ${port}`);
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((r) => running.once('exit', r));
    running.kill('SIGKILL');
    await exited;
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    restart: launch,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface WebhookEvent {
  name: string;
  channel: string;
  user_id?: string;
}

/** An HTTP endpoint that records every webhook event it is sent. */
export async function webhookReceiver(): Promise<{ url: string; events: WebhookEvent[]; close(): Promise<void> }> {
  const events: WebhookEvent[] = [];
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      events.push(...(JSON.parse(body) as { events: WebhookEvent[] }).events);
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    events,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ClusterOptions {
  app?: TestApp;
  prefix?: string;
  redis?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A config for nodes sharing `redisUrl`; each test file uses its own key prefix. */
export function clusterConfig(redisUrl: string, options: ClusterOptions = {}): ServerConfig {
  const { app = defaultApp, prefix = 'pogo-test:', redis = {}, ...rest } = options;
  return { apps: [app], redis: { url: redisUrl, prefix, nodeTimeoutSeconds: 2, commandTimeoutMs: 500, ...redis }, ...rest };
}

/** Polls until `check` passes or the time is up (then throws its last error). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

/** Three redis-server masters in cluster mode on loopback, slots split evenly. */
export async function startRedisCluster(): Promise<{ nodes: string[]; stop(): Promise<void> }> {
  const servers = await Promise.all([0, 1, 2].map(() => startRedis(['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'])));
  // Like `redis-cli --cluster create`, without its fixed one-second waits.
  const ranges = [[0, 5460], [5461, 10922], [10923, 16383]] as const;
  await Promise.all(servers.map((s, i) => redisCall(s.port, ['CLUSTER', 'ADDSLOTSRANGE', String(ranges[i]![0]), String(ranges[i]![1])])));
  for (const s of servers.slice(1)) await redisCall(servers[0]!.port, ['CLUSTER', 'MEET', '127.0.0.1', String(s.port)]);
  await eventually(async () => {
    for (const s of servers) {
      const info = await new Promise<string>((resolve, reject) => {
        const socket = createConnection({ host: '127.0.0.1', port: s.port });
        let text = '';
        socket.on('connect', () => socket.write('CLUSTER INFO\r\n'));
        socket.on('data', (chunk) => {
          text += chunk.toString();
          if (text.includes('cluster_known_nodes')) {
            socket.end();
            resolve(text);
          }
        });
        socket.on('error', reject);
      });
      if (!info.includes('cluster_state:ok') || !info.includes('cluster_known_nodes:3')) throw new Error(`cluster not ready: ${info}`);
    }
  }, 15_000, 100);
  return {
    nodes: servers.map((s) => `127.0.0.1:${s.port}`),
    stop: async () => {
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}
