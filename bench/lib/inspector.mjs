// Drives a server started with --inspect=127.0.0.1:0 through the DevTools protocol, so the
// harness can force a full GC and read the V8 heap without any cooperation from the server.
import WebSocket from 'ws';

/** The DevTools URL a server started with --inspect printed, once it has. */
export const inspectorUrl = (output) => /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];

export async function connectInspector(output, timeoutMs = 5000) {
  const started = Date.now();
  let url = inspectorUrl(output());
  while (!url) {
    if (Date.now() - started > timeoutMs) throw new Error('no inspector URL in server output');
    await new Promise((r) => setTimeout(r, 50));
    url = inspectorUrl(output());
  }
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((res, rej) => {
    ws.once('open', res);
    ws.once('error', rej);
  });
  let nextId = 1;
  const pending = new Map();
  ws.on('message', (raw) => {
    const m = JSON.parse(raw.toString());
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(m.error.message));
    else p.resolve(m.result);
  });
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
  return {
    /**
     * Full GCs until the heap in use stops shrinking (V8 sweeps concurrently, so one GC's
     * figure can still count garbage), at most 6; then the V8 heap in use.
     */
    async gc() {
      let last = Infinity;
      let h;
      const trail = [];
      for (let i = 0; i < 6; i++) {
        await call('HeapProfiler.collectGarbage');
        await new Promise((r) => setTimeout(r, 300));
        h = await call('Runtime.getHeapUsage');
        trail.push(Math.round(h.usedSize / 1024));
        if (i >= 1 && h.usedSize > last * 0.995) break;
        last = h.usedSize;
      }
      return { heapUsedKiB: Math.round(h.usedSize / 1024), heapTotalKiB: Math.round(h.totalSize / 1024), gcTrailKiB: trail };
    },
    close: () => ws.close(),
  };
}
