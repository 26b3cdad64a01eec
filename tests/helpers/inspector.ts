// The V8 heap of a server started with --inspect=127.0.0.1:0, after full collections, read through the
// DevTools protocol: what a leak test compares (a heap read without collecting counts garbage too, so its
// figure depends on when V8 last collected, not on what the server keeps).
import WebSocket from 'ws';

export interface Inspector {
  /** Full collections until the heap in use stops shrinking (at most 6), then the bytes in use. */
  heapUsedAfterGc(): Promise<number>;
  close(): void;
}

export async function connectInspector(output: () => string, timeoutMs = 5_000): Promise<Inspector> {
  const started = Date.now();
  let url = /Debugger listening on (ws:\/\/\S+)/.exec(output())?.[1];
  while (!url) {
    if (Date.now() - started > timeoutMs) throw new Error(`no inspector URL in the server's output:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    url = /Debugger listening on (ws:\/\/\S+)/.exec(output())?.[1];
  }
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  ws.on('message', (raw) => {
    const message = JSON.parse(raw.toString()) as { id?: number; result?: unknown };
    if (message.id === undefined) return;
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  });
  const call = <T>(method: string): Promise<T> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, (result) => resolve(result as T));
      ws.send(JSON.stringify({ id, method }));
    });
  return {
    async heapUsedAfterGc() {
      let last = Number.POSITIVE_INFINITY;
      let used = 0;
      for (let i = 0; i < 6; i++) {
        await call('HeapProfiler.collectGarbage');
        await new Promise((resolve) => setTimeout(resolve, 200));
        used = (await call<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
        if (used > last * 0.995) break;
        last = used;
      }
      return used;
    },
    close: () => ws.close(),
  };
}
