// Scenario 6: scaling out. (a) two Pogo nodes sharing state through Redis, subscribers split
// over both, publishes sent to the first; (b) one Pogo started with `--workers 2`.
// Each part first proves cross-node delivery with a small probe; a server that rejects the
// option or the config, or does not deliver across nodes, is reported as skipped with why.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alternating, connectClients, closeClients, measureFanout, median, sleep } from '../lib/harness.mjs';
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
  const subscribers = ctx.opts.subscribers;
  const conn = await connectClients(ctx, server, { count: subscribers, channel: 'bench-burst', targets, ratePerSec: 2000, sampleEvery: 10 });
  try {
    const r = await measureFanout(ctx, server, { subscribers: conn.ok, publishTo, cpuOf, channel: 'bench-burst', mode: 'burst', durationMs: ctx.opts.quick ? 3000 : 8000, inflight: ctx.opts.inflight });
    return { connectFailures: conn.failed, inflight: ctx.opts.inflight, ...r };
  } finally {
    await closeClients(ctx);
  }
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

async function twoWorkers(ctx) {
  let help = '';
  try {
    help = execFileSync(process.execPath, [pogoBundle, '--help'], { encoding: 'utf8', timeout: 10000 });
  } catch (e) {
    help = `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
  if (!help.includes('--workers')) return skipped('not available: `pogo-ws --help` lists no --workers option');
  let server;
  try {
    server = await ctx.start('pogo', { args: ['--workers', '2'] });
  } catch (e) {
    return skipped(`not available: the server rejected --workers 2: ${e.message.split('\n').slice(0, 4).join(' ')}`);
  }
  try {
    const opts = { targets: null, publishTo: server, cpuOf: [server.pid] };
    const bad = await probe(ctx, server, opts);
    if (bad) return skipped(`not available: ${bad}`);
    return { workers: 2, ...(await burstAcross(ctx, server, opts)) };
  } finally {
    await server.stop();
  }
}

/**
 * Does a second worker add throughput? Pinned, every server process shares the server's one CPU
 * here, so this part leaves the servers unpinned (the generator stays on its own CPU): one
 * process against `--workers 2`, pairs alternating which goes first, medians of the rounds.
 */
async function workerScaling(ctx) {
  let lost;
  const rates = await alternating(ctx.opts.quick ? 1 : 2, ['one', 'two'], async (kind) => {
    const server = await ctx.start('pogo', { pin: false, args: kind === 'two' ? ['--workers', '2'] : [] });
    try {
      const r = await burstAcross(ctx, server, { targets: null, publishTo: server, cpuOf: [server.pid] });
      if (r.lost > 0) lost ??= `${r.lost} deliveries lost with ${kind === 'two' ? '2 workers' : '1 process'}`;
      return r.deliveriesPerSec;
    } finally {
      await server.stop();
    }
  });
  if (lost) return { error: lost };
  return { oneProcess: median(rates.one), twoWorkers: median(rates.two), rounds: rates };
}

export const cluster = {
  name: 'cluster',
  title: 'Two nodes through Redis; two workers',
  async run(ctx) {
    if (!ctx.has('pogo')) return { redisPair: skipped(ctx.missing('pogo')), twoWorkers: skipped(ctx.missing('pogo')) };
    const out = {};
    for (const [name, fn] of [['redisPair', redisPair], ['twoWorkers', twoWorkers], ['workerScaling', workerScaling]]) {
      ctx.log(`  ${name}…`);
      try {
        out[name] = await fn(ctx);
      } catch (e) {
        out[name] = { error: e.message };
      }
      const r = out[name];
      const summary = r.oneProcess ? `1 process ${r.oneProcess}, 2 workers ${r.twoWorkers} deliveries/s` : `${r.deliveriesPerSec} deliveries/s, lost ${r.lost}`;
      ctx.log(`  ${name}: ${r.skipped ? `skipped (${r.reason})` : r.error ? `error: ${r.error}` : summary}`);
    }
    return out;
  },
};
