// Reading a request body with a bound: the one way the API and the dashboard read one.
import type { IncomingMessage } from 'node:http';
import { ApiError } from './respond.js';

/**
 * What happens past the limit. `drain` (the API): the rest is read and discarded while the 413 goes
 * out with `Connection: close`, since destroying the request would reset the connection before the
 * client could read why (requestTimeout bounds the drain). `destroy` (the dashboard, whose clients
 * are people and a login form): the connection is cut at once, so an oversized body costs nothing more.
 */
type PastLimit = 'drain' | 'destroy';

/** The body, at most `limit` bytes (declared, or counted while a chunked body streams). */
export function readBody(req: IncomingMessage, limit: number, pastLimit: PastLimit = 'drain'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new ApiError('BODY_TOO_LARGE', `at most ${limit} bytes`);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(tooLarge());
      if (pastLimit === 'destroy') req.destroy();
      else req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > limit) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        reject(tooLarge());
        if (pastLimit === 'destroy') req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
