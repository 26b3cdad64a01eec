// The publisher child process: sends signed Pusher HTTP API requests over keep-alive
// connections with a bounded number in flight. Each event's data is exactly `dataBytes`
// long and starts with '@' + 16-digit send time (microseconds, CLOCK_MONOTONIC).
import { Agent, request } from 'node:http';
import { signedQuery } from './pusher-sign.mjs';
import { Histogram } from './histogram.mjs';
import { serve, usageMark, usageSince } from './rpc.mjs';

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

function eventData(bytes, seq) {
  const head = `@${String(nowUs()).padStart(16, '0')}#${seq}:`;
  return head + 'x'.repeat(Math.max(0, bytes - head.length));
}

/**
 * mode 'burst': keep `inflight` requests outstanding for `durationMs`.
 * mode 'steady': start `rate` requests per second (never more than `inflight` outstanding;
 *   a due request that finds the cap full is counted as `skipped`).
 * `batch` > 0 sends /batch_events with that many events per request, else /events.
 */
async function run(a) {
  const agent = new Agent({ keepAlive: true, maxSockets: a.inflight, maxFreeSockets: a.inflight });
  const path = `/apps/${a.appId}/${a.batch > 0 ? 'batch_events' : 'events'}`;
  const out = { requests: 0, acceptedRequests: 0, acceptedEvents: 0, rejected: {}, errors: {}, skipped: 0, firstUs: 0, lastUs: 0, sampleRejection: null };
  const rtt = new Histogram();
  let seq = 0;
  let inflight = 0;
  const mark = usageMark();
  const started = Date.now();
  const deadline = started + a.durationMs;

  const body = () => {
    if (a.batch > 0) {
      const batch = [];
      for (let i = 0; i < a.batch; i++) batch.push({ name: a.eventName, channel: a.channel, data: eventData(a.dataBytes, seq++) });
      return JSON.stringify({ batch });
    }
    return JSON.stringify({ name: a.eventName, channels: [a.channel], data: eventData(a.dataBytes, seq++) });
  };

  const sendOne = () =>
    new Promise((resolve) => {
      const payload = body();
      const query = signedQuery({ method: 'POST', path, body: payload, key: a.key, secret: a.secret });
      const sentUs = nowUs();
      if (out.firstUs === 0) out.firstUs = sentUs;
      out.requests++;
      inflight++;
      const req = request({ host: a.host, port: a.port, method: 'POST', path: `${path}?${query}`, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          inflight--;
          const at = nowUs();
          rtt.record(at - sentUs);
          out.lastUs = at;
          if (res.statusCode === 200) {
            out.acceptedRequests++;
            out.acceptedEvents += a.batch > 0 ? a.batch : 1;
          } else {
            out.rejected[res.statusCode] = (out.rejected[res.statusCode] ?? 0) + 1;
            out.sampleRejection ??= Buffer.concat(chunks).toString().slice(0, 200);
          }
          resolve();
        });
      });
      req.on('error', (e) => {
        inflight--;
        out.errors[e.code ?? e.message] = (out.errors[e.code ?? e.message] ?? 0) + 1;
        resolve();
      });
      req.end(payload);
    });

  if (a.mode === 'burst') {
    const lane = async () => {
      while (Date.now() < deadline) await sendOne();
    };
    await Promise.all(Array.from({ length: a.inflight }, lane));
  } else {
    const pending = [];
    const intervalMs = 1000 / a.rate;
    for (let i = 0; ; i++) {
      const due = started + i * intervalMs;
      if (due >= deadline) break;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (inflight >= a.inflight) out.skipped++;
      else pending.push(sendOne());
    }
    await Promise.all(pending);
  }
  agent.destroy();
  return { ...out, elapsedMs: Date.now() - started, httpLatencyMs: rtt.summaryMs(), usage: usageSince(mark) };
}

serve({ run });
