#!/usr/bin/env node
// The baseline for every ratio in the benchmark: a minimal Pusher-protocol server built the
// naive way most Node servers are, on `ws`: JSON.stringify once per event, then ws.send()
// per subscriber (ws frames and writes each one separately).
//
// It answers only what the benchmark uses: pusher:connection_established, pusher:subscribe /
// pusher:unsubscribe for public channels, pusher:ping, and POST /apps/{id}/events and
// /batch_events. It does NOT check HTTP API signatures (so it does less work per publish than
// a real server), which only favours the baseline.
//
// With --coalesce it is instead the plain "frame once and coalesce" server the burst latency is
// compared with: each event framed once, each socket written once per event-loop turn with every
// frame it is owed (no spacing of flushes, no budget), the way Pogo writes when not under load.
//
// Usage: node bench/baseline-server.mjs --host 127.0.0.1 --port 0 [--coalesce]
import { createServer } from 'node:http';
import { randomInt } from 'node:crypto';
import { WebSocketServer } from 'ws';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const host = arg('host', '127.0.0.1');
const port = Number(arg('port', '0'));
const coalesce = process.argv.includes('--coalesce');

/** channel name -> Set of sockets */
const channels = new Map();
/** socket_id -> socket, for socket_id exclusion on publish */
const sockets = new Map();

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 65536 });

wss.on('connection', (ws) => {
  const socketId = `${randomInt(1, 2 ** 31)}.${randomInt(1, 2 ** 31)}`;
  ws.socketId = socketId;
  ws.channels = new Set();
  sockets.set(socketId, ws);
  ws.send(JSON.stringify({ event: 'pusher:connection_established', data: JSON.stringify({ socket_id: socketId, activity_timeout: 120 }) }));
  ws.on('message', (raw) => onClientMessage(ws, raw));
  ws.on('close', () => {
    sockets.delete(socketId);
    for (const name of ws.channels) leave(ws, name);
  });
  ws.on('error', () => {});
});

function onClientMessage(ws, raw) {
  let msg;
  try {
    msg = JSON.parse(raw.toString());
  } catch {
    return;
  }
  const channel = msg?.data?.channel;
  switch (msg?.event) {
    case 'pusher:ping':
      ws.send('{"event":"pusher:pong","data":{}}');
      return;
    case 'pusher:subscribe':
      if (typeof channel !== 'string' || channel.startsWith('private-') || channel.startsWith('presence-')) {
        ws.send(JSON.stringify({ event: 'pusher:error', data: { code: 4009, message: 'baseline serves public channels only' } }));
        return;
      }
      if (!channels.has(channel)) channels.set(channel, new Set());
      channels.get(channel).add(ws);
      ws.channels.add(channel);
      ws.send(JSON.stringify({ event: 'pusher_internal:subscription_succeeded', channel, data: '{}' }));
      return;
    case 'pusher:unsubscribe':
      if (typeof channel === 'string') leave(ws, channel);
      return;
    default:
  }
}

function leave(ws, name) {
  ws.channels.delete(name);
  const set = channels.get(name);
  if (!set) return;
  set.delete(ws);
  if (set.size === 0) channels.delete(name);
}

/** The naive fanout: one ws.send (one frame, one write) per subscriber. */
function publish(name, channelNames, data, exceptSocketId) {
  for (const channel of channelNames) {
    const set = channels.get(channel);
    if (!set) continue;
    const message = JSON.stringify({ event: name, channel, data });
    if (coalesce) {
      const frame = textFrame(message);
      for (const ws of set) if (ws.socketId !== exceptSocketId) queue(ws, frame);
    } else for (const ws of set) if (ws.socketId !== exceptSocketId) ws.send(message);
  }
}

/** One unmasked final text frame. */
function textFrame(text) {
  const body = Buffer.from(text);
  const n = body.length;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x81;
  if (n < 126) frame[1] = n;
  else if (n < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  body.copy(frame, head);
  return frame;
}

/** --coalesce: frames owed this turn, per socket; written at the end of the turn, one write each. */
let dirty = [];
function queue(ws, frame) {
  if (!ws.owed) {
    ws.owed = [];
    if (dirty.length === 0) setImmediate(flush);
    dirty.push(ws);
  }
  ws.owed.push(frame);
}
function flush() {
  const sockets = dirty;
  dirty = [];
  for (const ws of sockets) {
    const frames = ws.owed;
    ws.owed = null;
    if (ws.readyState === ws.OPEN) ws._socket.write(frames.length === 1 ? frames[0] : Buffer.concat(frames));
  }
}

const server = createServer((req, res) => {
  const reply = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const path = req.url.split('?')[0];
  if (req.method === 'GET' && path === '/up') return reply(200, {});
  const m = /^\/apps\/[^/]+\/(events|batch_events)$/.exec(path);
  if (req.method !== 'POST' || !m) return reply(404, { error: 'Not found' });
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString());
    } catch {
      return reply(400, { error: 'Invalid payload' });
    }
    const events = m[1] === 'events' ? [body] : Array.isArray(body.batch) ? body.batch : [];
    for (const e of events) {
      const names = Array.isArray(e.channels) ? e.channels : [e.channel];
      publish(e.name, names, e.data, e.socket_id);
    }
    reply(200, m[1] === 'events' ? {} : { batch: events.map(() => ({})) });
  });
});

server.on('upgrade', (req, socket, head) => {
  if (!req.url.startsWith('/app/')) return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

server.listen(port, host, () => {
  const a = server.address();
  console.log(`${coalesce ? 'coalescing baseline' : 'baseline'} listening on http://${a.address}:${a.port}`);
});

const stop = () => server.close(() => process.exit(0)) && setTimeout(() => process.exit(0), 500).unref();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
