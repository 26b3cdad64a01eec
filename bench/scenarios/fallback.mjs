// Scenario: pusher-js's HTTP fallback (xhr_streaming). Fanout to N streaming sessions beside the same
// fanout to N WebSocket connections on the same server build, and server memory per idle streaming
// session beside memory per idle WebSocket connection (memory.mjs's measurement), in one run: compare
// the ratios, not the absolute numbers. The sessions are opened from this process over raw TCP (one
// chunked response each, as a browser's XHR holds it); messages in go through xhr_send.
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { closeClients, connectClients, measureFanout, round, sleep } from '../lib/harness.mjs';
import { Histogram } from '../lib/histogram.mjs';
import { connectInspector } from '../lib/inspector.mjs';
import { signedQuery } from '../lib/pusher-sign.mjs';
import { APP, cpuMeter, rssKiB } from '../lib/servers.mjs';
import { idleMemory } from './memory.mjs';

const EVENT = 'fb-bench';
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post(port, path, body) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Opens `count` xhr_streaming sessions subscribed to `channelOf(i)`. `onSeen(i, sentIndex)` is called for
 * every bench event a session reads (its publish index, from the data).
 */
async function openSessions(server, count, channelOf, onSeen = () => undefined, ratePerSec = 1000) {
  const sessions = [];
  let failed = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      await sleep((i / ratePerSec) * 1000);
      const id = `${i % 1000}/b${i.toString(32).padStart(7, '0')}`;
      const socket = connect(server.port, '127.0.0.1');
      socket.setNoDelay(true);
      sessions.push(socket);
      let carry = '';
      let head = '';
      let open;
      const opened = new Promise((resolve) => (open = resolve));
      socket.on('error', () => undefined);
      socket.on('data', (chunk) => {
        const text = carry + chunk.toString('latin1');
        if (open) {
          head += text;
          if (head.includes('\no\n')) {
            open();
            open = undefined;
            head = '';
          }
        }
        let last = 0;
        for (const match of text.matchAll(/fbb:(\d+);/g)) {
          onSeen(i, Number(match[1]));
          last = match.index + match[0].length;
        }
        carry = text.slice(Math.max(last, text.length - 16));
      });
      socket.write(`POST /pusher/app/${APP.key}/${id}/xhr_streaming?protocol=7&client=bench HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Length: 0\r\n\r\n`);
      await Promise.race([opened, sleep(15000)]);
      const subscribe = JSON.stringify([JSON.stringify({ event: 'pusher:subscribe', data: { channel: channelOf(i) } })]);
      const status = await post(server.port, `/pusher/app/${APP.key}/${id}/xhr_send`, subscribe).catch(() => 0);
      if (status !== 204) failed++;
    }),
  );
  return { sessions, failed, ms: Date.now() - started };
}

const closeSessions = (sessions) => {
  for (const socket of sessions) socket.destroy();
};

/** Steady publishes to `channel` (`rate` a second for `durationMs`); each carries its index in the data. */
async function publishSteadily(server, channel, rate, durationMs, sentAt) {
  const path = `/apps/${APP.id}/events`;
  const total = Math.round((rate * durationMs) / 1000);
  const started = performance.now();
  let accepted = 0;
  const inFlight = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const body = JSON.stringify({ name: EVENT, channel, data: JSON.stringify({ m: `fbb:${i};` }) });
    sentAt[i] = performance.now();
    inFlight.push(post(server.port, `${path}?${signedQuery({ method: 'POST', path, body, key: APP.key, secret: APP.secret })}`, body).then((s) => s === 200 && accepted++).catch(() => undefined));
  }
  await Promise.all(inFlight);
  return { accepted, firstAt: started };
}

async function streamingFanout(server, subscribers, rate, durationMs) {
  const hist = new Histogram();
  const sentAt = [];
  let delivered = 0;
  let lastAt = 0;
  const onSeen = (_session, index) => {
    delivered++;
    lastAt = performance.now();
    if (sentAt[index] !== undefined) hist.record((lastAt - sentAt[index]) * 1000);
  };
  const opened = await openSessions(server, subscribers, () => 'fanout-http', onSeen);
  try {
    await sleep(500);
    const meter = cpuMeter([server.pid]);
    const pub = await publishSteadily(server, 'fanout-http', rate, durationMs, sentAt);
    const expected = pub.accepted * (subscribers - opened.failed);
    const deadline = Date.now() + 15000;
    while (delivered < expected && Date.now() < deadline) await sleep(100);
    return {
      transport: 'xhr_streaming',
      subscribers,
      subscribeFailures: opened.failed,
      acceptedEvents: pub.accepted,
      expectedDeliveries: expected,
      delivered,
      lost: Math.max(0, expected - delivered),
      deliveriesPerSec: lastAt > pub.firstAt ? round(delivered / ((lastAt - pub.firstAt) / 1000)) : 0,
      latencyMs: hist.summaryMs(),
      cpu: { serverPct: meter() },
    };
  } finally {
    closeSessions(opened.sessions);
  }
}

async function webSocketFanout(ctx, server, subscribers, rate, durationMs) {
  const conn = await connectClients(ctx, server, { count: subscribers, channel: 'fanout-ws', ratePerSec: 2000, sampleEvery: 1 });
  try {
    const r = await measureFanout(ctx, server, { subscribers: conn.ok, channel: 'fanout-ws', mode: 'steady', durationMs, inflight: 64, rate });
    return { transport: 'ws', subscribers: conn.ok, connectFailures: conn.failed, acceptedEvents: r.acceptedEvents, expectedDeliveries: r.expectedDeliveries, delivered: r.delivered, lost: r.lost, deliveriesPerSec: r.deliveriesPerSec, latencyMs: r.latencyMs, cpu: { serverPct: r.cpu.serverPct } };
  } finally {
    await closeClients(ctx);
  }
}

/** RSS and heap growth per idle streaming session (each subscribed to its own channel), as memory.mjs measures a WebSocket's. */
async function idleSessionMemory(ctx, count) {
  const server = await ctx.start('pogo', { nodeFlags: ['--inspect=127.0.0.1:0'] });
  const inspector = await connectInspector(server.output);
  try {
    const warm = await openSessions(server, 200, (i) => `warm-${i}`);
    closeSessions(warm.sessions);
    await sleep(1500);
    const heap0 = await inspector.gc();
    await sleep(1000);
    const before = { rssKiB: rssKiB(server.pid), ...heap0 };
    const opened = await openSessions(server, count, (i) => `idle-${i}`);
    await sleep(5000);
    const idle = rssKiB(server.pid);
    const heap1 = await inspector.gc();
    await sleep(1000);
    const after = { rssKiB: rssKiB(server.pid), ...heap1 };
    closeSessions(opened.sessions);
    const ok = count - opened.failed;
    const per = (a, b) => round((a - b) / Math.max(1, ok), 2);
    return { sessions: ok, subscribeFailures: opened.failed, rssKiBPerConnection: per(idle, before.rssKiB), rssKiBPerConnectionAfterGc: per(after.rssKiB, before.rssKiB), heapKiBPerConnection: per(after.heapUsedKiB, before.heapUsedKiB) };
  } finally {
    inspector.close();
    await server.stop();
  }
}

export const fallback = {
  name: 'fallback',
  title: 'HTTP fallback (xhr_streaming) beside WebSocket',
  async run(ctx) {
    const q = ctx.opts.quick;
    const subscribers = ctx.opts.subscribers;
    const rate = ctx.opts.steadyRate;
    const durationMs = q ? 3000 : 8000;
    const idle = q ? 1000 : 5000;
    const out = await ctx.eachKind(['pogo'], async () => {
      const server = await ctx.start('pogo');
      let streaming;
      let ws;
      try {
        streaming = await streamingFanout(server, subscribers, rate, durationMs);
        ws = await webSocketFanout(ctx, server, subscribers, rate, durationMs);
      } finally {
        await server.stop();
      }
      const sessionMemory = await idleSessionMemory(ctx, idle);
      const wsMemory = await idleMemory(ctx, 'pogo', idle);
      return {
        fanout: { xhr_streaming: streaming, ws },
        memory: { xhr_streaming: sessionMemory, ws: { connections: wsMemory.connections, rssKiBPerConnection: wsMemory.rssKiBPerConnection, rssKiBPerConnectionAfterGc: wsMemory.rssKiBPerConnectionAfterGc, heapKiBPerConnection: wsMemory.heapKiBPerConnection } },
      };
    });
    return out;
  },
};
