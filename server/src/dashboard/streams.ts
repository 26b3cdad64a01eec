// The dashboards watching live: Server-Sent Event streams carrying the once-a-second sample
// and the console batches. A bounded number at once; a slow one misses console batches
// rather than growing the server's memory.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityHeaders, sendJson } from './answers.js';

const maxStreams = 32;
/** A console whose socket has this much unsent is skipped until it catches up. */
const maxStreamBacklog = 4 * 1024 * 1024;

export class EventStreams {
  private readonly streams = new Set<ServerResponse>();

  /** `changed`: a stream opened or closed (the console feed runs only while one is open). */
  constructor(private readonly changed: () => void) {}

  get size(): number {
    return this.streams.size;
  }

  broadcast(event: 'console' | 'sample', payload: string): void {
    const frame = `event: ${event}\ndata: ${payload}\n\n`;
    for (const stream of this.streams) {
      // A slow console misses console batches rather than growing the server's memory.
      if (event === 'console' && stream.writableLength > maxStreamBacklog) continue;
      stream.write(frame);
    }
  }

  /** Opens a stream whose first event is `overview()`; 503 when too many are open. */
  open(req: IncomingMessage, res: ServerResponse, overview: () => unknown): void {
    if (this.streams.size >= maxStreams) {
      sendJson(res, 503, { error: `at most ${maxStreams} dashboards may stream at once` });
      return;
    }
    req.socket.setNoDelay(true);
    res.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write(`retry: 2000\nevent: overview\ndata: ${JSON.stringify(overview())}\n\n`);
    this.streams.add(res);
    this.changed();
    const closed = () => {
      if (!this.streams.delete(res)) return;
      this.changed();
    };
    // The response's close (the request's fires as soon as its empty body is read).
    res.on('close', closed);
    res.on('error', closed);
  }

  /** Ends every stream (shutdown). */
  endAll(): void {
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }
}
