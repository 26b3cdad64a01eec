// A load-generator child process: holds raw WebSocket clients over node:net and counts what
// they receive. Per delivered message it reads only the frame header; sampled sockets also
// read the 16-digit send timestamp (microseconds, CLOCK_MONOTONIC, same clock in every
// process) that the publisher put after an '@' in the event data.
import { connect as netConnect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { clientFrame, parseFrames, OP_CLOSE, OP_PING, OP_PONG } from './frames.mjs';
import { Histogram } from './histogram.mjs';
import { channelAuth } from './pusher-sign.mjs';
import { serve, usageMark, usageSince } from './rpc.mjs';

const AT = 0x40; // '@' marks the timestamp inside a benchmark event
const MIN_EVENT_BYTES = 64; // shorter text frames are protocol chatter (pong, errors)
// performance.now() reads the same monotonic clock as process.hrtime without a BigInt; the
// offset between them is taken from the tightest of many bracketed readings, so a process
// preempted mid-reading (a busy machine) does not skew every latency.
function calibrate() {
  let best = Infinity;
  let offset = 0;
  for (let i = 0; i < 200; i++) {
    const a = Number(process.hrtime.bigint() / 1000n);
    const p = performance.now() * 1000;
    const b = Number(process.hrtime.bigint() / 1000n);
    if (b - a < best) {
      best = b - a;
      offset = (a + b) / 2 - p;
    }
  }
  return offset;
}
let clockOffsetUs = calibrate();
const nowUs = () => clockOffsetUs + performance.now() * 1000;
// Every socket reads into this one buffer (reads are synchronous, one at a time), so a read
// allocates nothing; parseFrames copies the few bytes of a frame split across reads.
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

// Every connection from 127.0.0.1 to the server's one port needs its own ephemeral port. Linux's
// connect() searches one half of ip_local_port_range (28 232 ports here) first, and once some
// 14 000 are taken (this run's sockets plus the TIME_WAITs of the last one) it scans every taken
// one per connect(), synchronously, in the generator's event loop: measured in `many`, connect()
// reached 25% of a client process's CPU and stalled its loop for up to 9 s, while the server,
// idle, answered 408 to the sockets whose upgrade request was written 10-19 s after the kernel
// connected them. Each source address of 127/8 has its own ports, so 16 of them make that scan short.
const LOOPBACK = '127.0.0.1';
const SOURCE_ADDRESSES = 16;
const sourceAddress = (idx) => `127.0.0.${2 + (idx % SOURCE_ADDRESSES)}`;
/** Handshakes in progress per client process at most: a generator that falls behind never piles up connected sockets whose request is not written. */
const MAX_PENDING_HANDSHAKES = 256;

/** @type {Conn[]} */
let conns = [];
const m = { measuring: false, delivered: 0, lastUs: 0, hist: new Histogram(), closes: 0, closeReasons: {}, mark: usageMark() };
let cur = null; // the connection whose read is being parsed
let readUs = 0; // arrival time of the current read, shared by all its frames

function onFrame(buf, op, s, e) {
  if (op === 1) {
    if (m.measuring && e - s >= MIN_EVENT_BYTES) {
      m.delivered++;
      if (cur.sampled) {
        const at = buf.indexOf(AT, s);
        if (at !== -1 && at + 17 <= e) {
          let t = 0;
          for (let i = at + 1; i < at + 17; i++) t = t * 10 + (buf[i] - 48);
          m.hist.record(readUs - t);
        }
      }
    } else cur.onText(buf.toString('utf8', s, e));
  } else if (op === OP_PING) cur.sock.write(clientFrame(Buffer.from(buf.subarray(s, e)), OP_PONG));
  else if (op === OP_CLOSE) {
    cur.closeInfo = `server closed with ${e - s >= 2 ? (buf[s] << 8) | buf[s + 1] : 'no code'} ${buf.toString('utf8', s + 2, e)}`.trim();
    cur.sock.end();
  }
}

class Conn {
  constructor(idx, sampled) {
    this.idx = idx;
    this.sampled = sampled;
    this.sock = null;
    this.carry = null;
    this.open = false;
    this.socketId = null;
    this.waiter = null; // {event, resolve, reject}
    this.onText = (text) => this.setupText(text);
  }

  /** The hot path: one call per socket read. */
  onBytes(buf, n) {
    if (!this.open) return this.onHandshakeBytes(buf, n);
    cur = this;
    readUs = this.sampled ? nowUs() : 0;
    const before = m.delivered;
    this.carry = parseFrames(this.carry, buf, n, onFrame);
    if (m.delivered !== before) m.lastUs = this.sampled ? readUs : nowUs();
  }

  send(obj) {
    this.sock.write(clientFrame(JSON.stringify(obj)));
  }

  /** Resolves on the next message whose event is `event`; rejects on pusher:error. */
  expect(event, timeoutMs) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
      this.waiter = {
        event,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  setupText(text) {
    let msg;
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    const w = this.waiter;
    if (!w) return;
    if (msg.event === w.event) {
      this.waiter = null;
      w.resolve(msg);
    } else if (msg.event === 'pusher:error' || msg.event === 'pusher:subscription_error') {
      this.waiter = null;
      w.reject(new Error(`${msg.event}: ${typeof msg.data === 'string' ? msg.data : JSON.stringify(msg.data)}`));
    }
  }

  /** TCP connect, HTTP upgrade, then wait for pusher:connection_established. */
  connect({ host, port, key, timeoutMs }) {
    return new Promise((resolve, reject) => {
      const sock = netConnect({ host, port, ...(host === LOOPBACK ? { localAddress: sourceAddress(this.idx) } : {}), onread: { buffer: READ_BUFFER, callback: (n, buf) => this.onBytes(buf, n) } });
      this.sock = sock;
      sock.setNoDelay(true);
      let head = '';
      let settled = false;
      const fail = (err) => {
        if (!settled) {
          settled = true;
          reject(err);
        }
        sock.destroy();
      };
      const timer = setTimeout(() => fail(new Error(`connect timeout after ${timeoutMs} ms`)), timeoutMs);
      const established = this.expect('pusher:connection_established', timeoutMs);
      established.then(
        (msg) => {
          this.socketId = JSON.parse(msg.data).socket_id;
          settled = true;
          clearTimeout(timer);
          resolve();
        },
        (err) => fail(err),
      );
      sock.on('connect', () => {
        sock.write(
          `GET /app/${key}?protocol=7&client=js&version=8.4.0&flash=false HTTP/1.1\r\nHost: ${host}:${port}\r\n` +
            `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
            'Sec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1\r\n\r\n',
        );
      });
      this.onHandshakeBytes = (buf, n) => {
        head += buf.toString('latin1', 0, n);
        const end = head.indexOf('\r\n\r\n');
        if (end === -1) return;
        if (!head.startsWith('HTTP/1.1 101')) return fail(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
        this.open = true;
        const rest = Buffer.from(head.slice(end + 4), 'latin1');
        head = '';
        if (rest.length > 0) this.onBytes(rest, rest.length);
      };
      sock.on('error', (err) => {
        this.closeInfo ??= `socket error ${err.code ?? err.message}`;
        fail(err);
      });
      sock.on('close', () => {
        if (m.measuring && this.open) {
          m.closes++;
          const why = this.closeInfo ?? 'closed by the server without a close frame';
          m.closeReasons[why] = (m.closeReasons[why] ?? 0) + 1;
        }
        this.open = false;
        if (this.waiter) this.waiter.reject(new Error('socket closed'));
        fail(new Error('socket closed'));
      });
    });
  }

  async subscribe(channel, auth, channelData, timeoutMs) {
    const ok = this.expect('pusher_internal:subscription_succeeded', timeoutMs);
    this.send({ event: 'pusher:subscribe', data: { channel, ...(auth ? { auth } : {}), ...(channelData ? { channel_data: channelData } : {}) } });
    await ok;
  }
}

/** Opens `count` clients paced at `ratePerSec`, each subscribed to its channel. */
async function connectMany(a) {
  const started = Date.now();
  const failures = new Map();
  let ok = 0;
  const spacingMs = 1000 / a.ratePerSec;
  const jobs = [];
  let pending = 0;
  let slotFreed = null;
  for (let i = 0; i < a.count; i++) {
    const due = started + i * spacingMs;
    const wait = due - Date.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    while (pending >= MAX_PENDING_HANDSHAKES) await new Promise((r) => (slotFreed = r));
    pending++;
    const idx = a.startIndex + i;
    const conn = new Conn(idx, a.sampleEvery > 0 && idx % a.sampleEvery === 0);
    conns.push(conn);
    jobs.push(
      (async () => {
        await conn.connect({ host: a.host, port: a.port, key: a.key, timeoutMs: a.timeoutMs });
        const channel = a.channel ?? (a.channelPrefix ? `${a.channelPrefix}${idx}` : null);
        if (channel) await conn.subscribe(channel, null, null, a.timeoutMs);
        ok++;
      })()
        .catch((e) => failures.set(e.message, (failures.get(e.message) ?? 0) + 1))
        .finally(() => {
          pending--;
          slotFreed?.();
          slotFreed = null;
        }),
    );
  }
  await Promise.all(jobs);
  return { ok, failed: a.count - ok, failures: Object.fromEntries(failures), ms: Date.now() - started };
}

/** Presence churn: observers stay; churners subscribe, and on success unsubscribe and resubscribe. */
async function presenceChurn(a) {
  const live = conns.filter((c) => c.open);
  const C = a.channels.length;
  if (live.length < C * 2) throw new Error(`need at least ${C * 2} open connections, have ${live.length}`);
  const observers = live.slice(0, C);
  const churners = live.slice(C);
  const counts = { joins: 0, leavesSent: 0, memberAdded: 0, memberRemoved: 0, errors: 0 };
  const rtt = new Histogram();
  const member = (c, id) => {
    const channelData = JSON.stringify({ user_id: id, user_info: { name: id } });
    return { channelData, auth: channelAuth({ key: a.key, secret: a.secret, socketId: c.socketId, channel: c.channel, channelData }) };
  };
  await Promise.all(
    observers.map((c, i) => {
      c.channel = a.channels[i];
      const { auth, channelData } = member(c, `obs-${a.workerTag}-${i}`);
      return c.subscribe(c.channel, auth, channelData, 10000);
    }),
  );
  const mark = usageMark();
  const started = Date.now();
  const deadline = started + a.durationMs;
  for (const c of observers) {
    c.onText = (text) => {
      if (text.includes('member_added')) counts.memberAdded++;
      else if (text.includes('member_removed')) counts.memberRemoved++;
    };
  }
  const subscribe = (c) => {
    c.sentUs = nowUs();
    c.sock.write(c.subscribeFrame);
  };
  churners.forEach((c, j) => {
    c.channel = a.channels[j % C];
    const { auth, channelData } = member(c, `u-${a.workerTag}-${j}`);
    c.subscribeFrame = clientFrame(JSON.stringify({ event: 'pusher:subscribe', data: { channel: c.channel, auth, channel_data: channelData } }));
    c.unsubscribeFrame = clientFrame(JSON.stringify({ event: 'pusher:unsubscribe', data: { channel: c.channel } }));
    c.onText = (text) => {
      if (text.includes('pusher_internal:subscription_succeeded')) {
        counts.joins++;
        rtt.record(nowUs() - c.sentUs);
        c.sock.write(c.unsubscribeFrame);
        counts.leavesSent++;
        if (Date.now() < deadline) subscribe(c);
      } else if (text.includes('pusher:error') || text.includes('subscription_error')) counts.errors++;
    };
  });
  churners.forEach(subscribe);
  await new Promise((r) => setTimeout(r, a.durationMs));
  const usage = usageSince(mark);
  await new Promise((r) => setTimeout(r, 1000)); // let the last leaves arrive at the observers
  for (const c of live) c.onText = (text) => c.setupText(text);
  return { ...counts, seconds: a.durationMs / 1000, observers: observers.length, churners: churners.length, joinLatencyMs: rtt.summaryMs(), usage };
}

serve({
  connect: connectMany,
  reset() {
    clockOffsetUs = calibrate();
    Object.assign(m, { measuring: true, delivered: 0, lastUs: 0, hist: new Histogram(), closes: 0, closeReasons: {}, mark: usageMark() });
    return { open: conns.filter((c) => c.open).length };
  },
  stats({ stop }) {
    if (stop) m.measuring = false;
    return { delivered: m.delivered, lastUs: m.lastUs, hist: m.hist.toJSON(), closes: m.closes, closeReasons: m.closeReasons, open: conns.filter((c) => c.open).length, usage: usageSince(m.mark) };
  },
  presenceChurn,
  async closeAll() {
    m.measuring = false;
    const all = conns;
    conns = [];
    await Promise.all(
      all.map(
        (c) =>
          new Promise((r) => {
            if (!c.sock || c.sock.destroyed) return r();
            c.sock.once('close', r);
            c.sock.destroy();
          }),
      ),
    );
    return { closed: all.length };
  },
});
