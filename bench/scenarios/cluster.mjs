// Scenario 6: scaling out. (a) two Pogo nodes sharing state through Redis, subscribers split
// over both, publishes sent to the first; (b) one process against `--workers 2`.
// Each part first proves cross-node delivery with a small probe; a server that rejects the
// option or the config, or does not deliver across nodes, is reported as skipped with why.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alternating, burstWithSubscribers, connectClients, closeClients, measureFanout, median, sleep } from '../lib/harness.mjs';
import { pogoBundle, pogoConfig } from '../lib/servers.mjs';

const skipped = (reason) => ({ skipped: true, reason });

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

async function startRedis(ctx) {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pogo-bench-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  ctx.pinServer(child.pid); // Redis is part of the server side
  for (let i = 0; i < 50; i++) {
    await sleep(100);
    const up = await new Promise((r) => {
      const s = createServer();
      s.once('error', () => r(true)); // port taken: redis is listening
      s.listen(port, '127.0.0.1', () => s.close(() => r(false)));
    });
    if (up) break;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((r) => {
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          r();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Publishes a few events and checks that every probe subscriber received them. */
async function probe(ctx, server, { targets, publishTo, cpuOf }) {
  const conn = await connectClients(ctx, server, { count: 20, channel: 'bench-probe', targets, sampleEvery: 0 });
  if (conn.failed) return `probe subscribers failed to connect: ${JSON.stringify(conn.failures)}`;
  const r = await measureFanout(ctx, server, { subscribers: conn.ok, publishTo, cpuOf, channel: 'bench-probe', mode: 'steady', rate: 10, durationMs: 500, inflight: 4 });
  await closeClients(ctx);
  if (r.acceptedEvents === 0) return `probe publishes were not accepted: ${r.sampleRejection ?? JSON.stringify(r.publishErrors)}`;
  if (r.lost > 0) return `probe: ${r.delivered} of ${r.expectedDeliveries} deliveries arrived, so publishes do not reach subscribers on every node/worker`;
  return null;
}

async function burstAcross(ctx, server, { targets, publishTo, cpuOf }) {
  const r = await burstWithSubscribers(ctx, server, { count: ctx.opts.subscribers, channel: 'bench-burst', targets }, { publishTo, cpuOf, durationMs: ctx.opts.quick ? 3000 : 8000 });
  return { inflight: ctx.opts.inflight, ...r };
}

async function redisPair(ctx) {
  const redis = await startRedis(ctx);
  if (!redis) return skipped('redis-server is not installed');
  const nodes = [];
  try {
    const config = pogoConfig('pogo-redis', { redis: { url: redis.url, prefix: 'pogo-bench:' } });
    for (let i = 0; i < 2; i++) {
      try {
        nodes.push(await ctx.start('pogo', { config }));
      } catch (e) {
        return skipped(`the server did not start with a redis config: ${e.message.split('\n').slice(0, 4).join(' ')}`);
      }
    }
    const opts = { targets: nodes, publishTo: nodes[0], cpuOf: nodes.map((n) => n.pid) };
    const bad = await probe(ctx, nodes[0], opts);
    if (bad) return skipped(`not available: ${bad}`);
    return { nodes: 2, subscribersPerNode: ctx.opts.subscribers / 2, publishTo: 'node 1', ...(await burstAcross(ctx, nodes[0], opts)) };
  } finally {
    for (const n of nodes) await n.stop();
    await redis.stop();
  }
}

/**
 * The workloads the worker comparison runs: the burst fanout with one event per request (as
 * `burst`), the same with 10 events per `/batch_events` request (the publisher, which shares the
 * two CPUs here, then costs next to nothing), and API publishes that each reach one subscriber.
 */
const fanoutWorkload = (batch) => ({ count: (ctx) => ctx.opts.subscribers, connect: { channel: 'bench-burst', sampleEvery: 10 }, publish: (ctx) => ({ subscribers: ctx.opts.subscribers, channel: 'bench-burst', inflight: ctx.opts.inflight, batch }) });
const workerWorkloads = {
  fanout: fanoutWorkload(0),
  fanoutBatched: fanoutWorkload(10),
  // Many Laravel processes publishing to private-user-like channels: the server's work is per request.
  api: { count: () => 1000, connect: { channelPrefix: 'bench-user-', sampleEvery: 1 }, publish: () => ({ subscribers: 1, channel: 'bench-user-', channels: 1000, inflight: 64 }) },
};

async function runWorkload(ctx, server, workload) {
  const w = workerWorkloads[workload];
  const r = await burstWithSubscribers(ctx, server, { count: w.count(ctx), ...w.connect }, { publishTo: server, cpuOf: [server.pid], durationMs: ctx.opts.quick ? 3000 : 6000, ...w.publish(ctx) });
  if (r.connectFailures) throw new Error(`${r.connectFailures} subscribers failed to connect`);
  return r;
}

/**
 * Does a second worker add throughput on this machine? One process against `--workers 2`, with
 * nothing pinned — servers and load generator share every CPU, as they would in production next
 * to their app — for each workload above; pairs alternate which goes first, medians of the
 * rounds are the headline.
 */
async function workers(ctx) {
  let help = '';
  try {
    help = execFileSync(process.execPath, [pogoBundle, '--help'], { encoding: 'utf8', timeout: 10000 });
  } catch (e) {
    help = `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
  if (!help.includes('--workers')) return skipped('not available: `pogo-ws --help` lists no --workers option');
  const start = (kind) => ctx.start('pogo', { pin: false, args: kind === 'two' ? ['--workers', '2'] : [] });
  let server;
  try {
    server = await start('two');
  } catch (e) {
    return skipped(`not available: the server rejected --workers 2: ${e.message.split('\n').slice(0, 4).join(' ')}`);
  }
  try {
    const bad = await probe(ctx, server, { targets: null, publishTo: server, cpuOf: [server.pid] });
    if (bad) return skipped(`not available: ${bad}`);
  } finally {
    await server.stop();
  }
  return ctx.onWholeMachine(async () => {
    const out = {};
    for (const workload of Object.keys(workerWorkloads)) {
      const runs = await alternating(ctx.opts.quick ? 1 : 3, ['one', 'two'], async (kind) => {
        const s = await start(kind);
        try {
          const r = await runWorkload(ctx, s, workload);
          ctx.log(`    ${workload}, ${kind === 'two' ? '2 workers' : '1 process'}: ${r.deliveriesPerSec} deliveries/s, lost ${r.lost}, server CPU ${r.cpu.serverPct}%`);
          return r;
        } finally {
          await s.stop();
        }
      });
      const rate = (kind) => median(runs[kind].map((r) => r.deliveriesPerSec));
      const lost = (kind) => runs[kind].reduce((sum, r) => sum + r.lost, 0);
      const cpu = (kind) => median(runs[kind].map((r) => r.cpu.serverPct));
      out[workload] = {
        ...workerWorkloads[workload].publish(ctx),
        oneProcess: rate('one'),
        twoWorkers: rate('two'),
        lost: { oneProcess: lost('one'), twoWorkers: lost('two') },
        serverCpuPct: { oneProcess: cpu('one'), twoWorkers: cpu('two') },
        rounds: { one: runs.one.map((r) => r.deliveriesPerSec), two: runs.two.map((r) => r.deliveriesPerSec) },
      };
    }
    return out;
  });
}

export const cluster = {
  name: 'cluster',
  title: 'Two nodes through Redis; two workers',
  async run(ctx) {
    if (!ctx.has('pogo')) return { redisPair: skipped(ctx.missing('pogo')), workers: skipped(ctx.missing('pogo')) };
    const out = {};
    for (const [name, fn] of [['redisPair', redisPair], ['workers', workers]]) {
      ctx.log(`  ${name}…`);
      try {
        out[name] = await fn(ctx);
      } catch (e) {
        out[name] = { error: e.message };
      }
      const r = out[name];
      const summary = r.fanout ? Object.entries(r).map(([w, x]) => `${w}: 1 process ${x.oneProcess}, 2 workers ${x.twoWorkers} deliveries/s`).join('; ') : `${r.deliveriesPerSec} deliveries/s, lost ${r.lost}`;
      ctx.log(`  ${name}: ${r.skipped ? `skipped (${r.reason})` : r.error ? `error: ${r.error}` : summary}`);
    }
    return out;
  },
};
