// The publisher child process: sends signed Pusher HTTP API requests over keep-alive
// connections with a bounded number in flight. Each event's data is exactly `dataBytes`
// long and starts with '@' + 16-digit send time (microseconds, CLOCK_MONOTONIC).
import { HttpConnection } from './http-client.mjs';
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
  const pool = Array.from({ length: a.inflight }, () => new HttpConnection(a.host, a.port));
  const path = `/apps/${a.appId}/${a.batch > 0 ? 'batch_events' : 'events'}`;
  const out = { requests: 0, acceptedRequests: 0, acceptedEvents: 0, rejected: {}, errors: {}, skipped: 0, firstUs: 0, lastUs: 0, sampleRejection: null };
  const rtt = new Histogram();
  let seq = 0;
  const mark = usageMark();
  const started = Date.now();
  const deadline = started + a.durationMs;

  // `channels` > 0: events go round-robin to `${channel}0` … `${channel}${channels - 1}`.
  const channelOf = (n) => (a.channels > 0 ? `${a.channel}${n % a.channels}` : a.channel);
  const body = () => {
    if (a.batch > 0) {
      const batch = [];
      for (let i = 0; i < a.batch; i++) batch.push({ name: a.eventName, channel: channelOf(seq), data: eventData(a.dataBytes, seq++) });
      return JSON.stringify({ batch });
    }
    return JSON.stringify({ name: a.eventName, channels: [channelOf(seq)], data: eventData(a.dataBytes, seq++) });
  };

  const sendOne = async (conn) => {
    const payload = body();
    const query = signedQuery({ method: 'POST', path, body: payload, key: a.key, secret: a.secret });
    const sentUs = nowUs();
    if (out.firstUs === 0) out.firstUs = sentUs;
    out.requests++;
    try {
      const res = await conn.request('POST', `${path}?${query}`, payload, 'Content-Type: application/json\r\n');
      const at = nowUs();
      rtt.record(at - sentUs);
      out.lastUs = at;
      // Soketi 1.6.1 answers some refusals with 200 and {"error": ...}: a refusal all the same.
      if (res.status === 200 && !res.body.includes('"error"')) {
        out.acceptedRequests++;
        out.acceptedEvents += a.batch > 0 ? a.batch : 1;
      } else {
        const why = res.status === 200 ? '200 with an error' : res.status;
        out.rejected[why] = (out.rejected[why] ?? 0) + 1;
        out.sampleRejection ??= res.body.slice(0, 200);
      }
    } catch (e) {
      out.errors[e.code ?? e.message] = (out.errors[e.code ?? e.message] ?? 0) + 1;
    }
  };

  if (a.mode === 'burst') {
    const lane = async (conn) => {
      while (Date.now() < deadline) await sendOne(conn);
    };
    await Promise.all(pool.map(lane));
  } else {
    const pending = [];
    const intervalMs = 1000 / a.rate;
    for (let i = 0; ; i++) {
      const due = started + i * intervalMs;
      if (due >= deadline) break;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const idle = pool.find((c) => !c.pending);
      if (!idle) out.skipped++;
      else pending.push(sendOne(idle));
    }
    await Promise.all(pending);
  }
  for (const c of pool) c.close();
  return { ...out, elapsedMs: Date.now() - started, httpLatencyMs: rtt.summaryMs(), usage: usageSince(mark) };
}

serve({ run });
