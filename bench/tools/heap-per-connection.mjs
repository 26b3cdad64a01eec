#!/usr/bin/env node
// Where an idle subscribed connection's memory goes: V8 heap snapshots of the server before
// and after N connections (each subscribed to its own public channel), diffed by constructor.
// Usage: node bench/tools/heap-per-connection.mjs [pogo|baseline] [N=2000]
import { startServer } from '../lib/servers.mjs';
import { startWorker } from '../lib/rpc.mjs';
import { APP } from '../lib/servers.mjs';
import WebSocket from 'ws';
import { inspectorUrl } from '../lib/inspector.mjs';

const kind = process.argv[2] ?? 'pogo';
const n = Number(process.argv[3] ?? 2000);

async function inspector(output) {
  let url = inspectorUrl(output());
  while (!url) {
    await new Promise((r) => setTimeout(r, 50));
    url = inspectorUrl(output());
  }
  const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 2 ** 31 });
  await new Promise((r) => ws.once('open', r));
  let id = 0;
  const pending = new Map();
  let chunks = [];
  ws.on('message', (raw) => {
    const m = JSON.parse(raw.toString());
    if (m.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(m.params.chunk);
    else if (pending.has(m.id)) {
      pending.get(m.id)(m.result);
      pending.delete(m.id);
    }
  });
  const call = (method, params = {}) =>
    new Promise((r) => {
      pending.set(++id, r);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return {
    async snapshot() {
      await call('HeapProfiler.collectGarbage');
      chunks = [];
      await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      return summarise(JSON.parse(chunks.join('')));
    },
    close: () => ws.close(),
  };
}

/** self size and count per "type:name" (objects by constructor, strings, closures, …). */
function summarise(snap) {
  const f = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((k) => f.indexOf(k));
  const out = new Map();
  for (let i = 0; i < snap.nodes.length; i += f.length) {
    const type = types[snap.nodes[i + iType]];
    const name = type === 'object' || type === 'closure' || type === 'native' ? snap.strings[snap.nodes[i + iName]] : `(${type})`;
    const key = `${type}:${name}`;
    const e = out.get(key) ?? { size: 0, count: 0 };
    e.size += snap.nodes[i + iSize];
    e.count++;
    out.set(key, e);
  }
  return out;
}

const server = await startServer(kind, { nodeFlags: ['--inspect=127.0.0.1:0'] });
const insp = await inspector(server.output);
const worker = startWorker(new URL('../lib/client-worker.mjs', import.meta.url), 'clients');
try {
  await worker.call('connect', { host: server.host, port: server.port, key: APP.key, count: 100, startIndex: 0, channelPrefix: 'warm-', ratePerSec: 1000, sampleEvery: 0, timeoutMs: 15000 });
  await worker.call('closeAll');
  await new Promise((r) => setTimeout(r, 500));
  const before = await insp.snapshot();
  const c = await worker.call('connect', { host: server.host, port: server.port, key: APP.key, count: n, startIndex: 0, channelPrefix: 'idle-', ratePerSec: 1000, sampleEvery: 0, timeoutMs: 15000 }, 120000);
  await new Promise((r) => setTimeout(r, 500));
  const after = await insp.snapshot();
  const rows = [];
  let total = 0;
  for (const [k, a] of after) {
    const b = before.get(k) ?? { size: 0, count: 0 };
    const d = (a.size - b.size) / c.ok;
    total += d;
    rows.push([k, d, (a.count - b.count) / c.ok]);
  }
  rows.sort((x, y) => y[1] - x[1]);
  console.log(`${kind}: ${c.ok} idle subscribed connections, V8 heap ${total.toFixed(0)} B per connection\n\n  bytes  objects  type:constructor`);
  for (const [k, d, cnt] of rows.slice(0, 30)) console.log(`${d.toFixed(0).padStart(7)}  ${cnt.toFixed(2).padStart(7)}  ${k}`);
} finally {
  insp.close();
  worker.stop();
  await server.stop();
}
