// The bus between `--workers` without Redis: every worker listens on a local socket and
// every pair of workers shares one connection, so a publish goes straight to the other
// workers — not through the primary (one hop, no serialisation of objects) — and everything
// one worker owes another within an event-loop turn leaves in one write.
//
// Frames: a 4-byte big-endian length, then that many bytes of UTF-8. The first frame on a
// connection is the connecting worker's node id; the listening worker answers with its own,
// and only then do both count the other as a peer.
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Past this much unsent to one worker, it is not reading: what it is owed is dropped, not held. */
const maxUnsentBytes = 64 * 1024 * 1024;
/** How long joining waits for an existing worker to answer. */
const helloTimeoutMs = 2_000;

export interface MeshEvents {
  message(payload: string): void;
  /** What one worker could not be sent (it stopped reading); counted by the caller. */
  dropped(payloads: string[]): void;
  warn(message: string): void;
}

interface Peer {
  readonly id: string;
  readonly socket: Socket;
  queue: string[];
}

/** The environment variable that tells a worker its primary's mesh directory. */
export const meshDirectoryVariable = 'POGO_MESH_DIR';

/**
 * The primary's private directory for its workers' sockets: created fresh (mkdtemp, mode 0700),
 * so no other user can connect to a worker's socket, or plant one where a worker would connect.
 */
export function createMeshDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), `pogo-ws-${process.pid}-`));
  if (process.platform !== 'win32') chmodSync(directory, 0o700);
  return directory;
}

/** Refuses a mesh directory other users could write to or read (a worker checks before listening). */
export function checkMeshDirectory(directory: string): void {
  if (process.platform === 'win32') return;
  const stat = statSync(directory);
  const owner = process.getuid?.();
  if (!stat.isDirectory() || (owner !== undefined && stat.uid !== owner) || (stat.mode & 0o077) !== 0) {
    throw new Error(`the worker mesh directory ${directory} must be a directory of this user with mode 0700`);
  }
}

/** Where a worker listens: a socket file in the primary's private directory (a named pipe on Windows). */
export function meshAddress(directory: string, nodeId: string): string {
  return process.platform === 'win32' ? `\\\\.\\pipe\\${directory.replace(/[^A-Za-z0-9-]/g, '')}-${nodeId}` : join(directory, `${nodeId}.sock`);
}

/** A killed worker leaves its socket file behind; its primary or its successor removes it. */
export function removeSocketFile(address: string): void {
  if (process.platform !== 'win32' && existsSync(address)) rmSync(address, { force: true });
}

/** Splits a stream into frames; whatever is incomplete waits for the next chunk. */
class FrameReader {
  private buffered: Buffer | undefined;

  constructor(private readonly onFrame: (payload: string) => void) {}

  push(chunk: Buffer): void {
    const data = this.buffered ? Buffer.concat([this.buffered, chunk]) : chunk;
    let at = 0;
    while (data.length - at >= 4) {
      const length = data.readUInt32BE(at);
      if (data.length - at - 4 < length) break;
      this.onFrame(data.toString('utf8', at + 4, at + 4 + length));
      at += 4 + length;
    }
    this.buffered = at === data.length ? undefined : data.subarray(at);
  }
}

function frames(payloads: string[]): Buffer {
  let total = 0;
  for (const payload of payloads) total += 4 + Buffer.byteLength(payload);
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (const payload of payloads) {
    const length = out.write(payload, at + 4);
    out.writeUInt32BE(length, at);
    at += 4 + length;
  }
  return out;
}

export class WorkerMesh {
  private readonly peers = new Map<string, Peer>();
  private server: Server | undefined;
  private dirty: Peer[] = [];
  private scheduled = false;
  private closed = false;

  constructor(
    readonly nodeId: string,
    readonly address: string,
    private readonly events: MeshEvents,
  ) {}

  /** How many other workers this one is connected to. */
  get size(): number {
    return this.peers.size;
  }

  /** Starts accepting the workers that come after this one. */
  listen(): Promise<void> {
    removeSocketFile(this.address);
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => this.accept(socket));
      server.once('error', reject);
      server.listen(this.address, () => {
        server.off('error', reject);
        // Owner only, on top of the private directory.
        if (process.platform !== 'win32') chmodSync(this.address, 0o600);
        server.on('error', (error) => this.events.warn(`worker mesh: ${error.message}`));
        this.server = server;
        resolve();
      });
    });
  }

  private accept(socket: Socket): void {
    let peer: Peer | undefined;
    const reader = new FrameReader((payload) => {
      if (peer) return this.events.message(payload);
      peer = this.add(payload, socket);
      socket.write(frames([this.nodeId]));
    });
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    socket.on('error', () => undefined); // 'close' follows; the peer is dropped there
  }

  /** Connects to a worker that was there first; resolves once it answered (or gave up on it). */
  join(address: string): Promise<void> {
    return new Promise((resolve) => {
      let peer: Peer | undefined;
      const socket = createConnection(address);
      const timer = setTimeout(() => {
        this.events.warn(`worker mesh: ${address} did not answer within ${helloTimeoutMs} ms`);
        socket.destroy();
        resolve();
      }, helloTimeoutMs);
      const reader = new FrameReader((payload) => {
        if (peer) return this.events.message(payload);
        peer = this.add(payload, socket);
        clearTimeout(timer);
        resolve();
      });
      socket.on('connect', () => socket.write(frames([this.nodeId])));
      socket.on('data', (chunk: Buffer) => reader.push(chunk));
      socket.on('error', () => {
        // A worker that died after the primary listed it: nothing to join.
        if (!peer) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  private add(id: string, socket: Socket): Peer {
    const peer: Peer = { id, socket, queue: [] };
    this.peers.set(id, peer);
    socket.once('close', () => {
      if (this.peers.get(id) === peer) this.peers.delete(id);
    });
    return peer;
  }

  /** To every other worker, in order; leaves with everything else owed to it this turn. */
  send(payload: string): void {
    for (const peer of this.peers.values()) {
      if (peer.queue.length === 0) this.dirty.push(peer);
      peer.queue.push(payload);
    }
    if (!this.scheduled && this.dirty.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    const dirty = this.dirty;
    this.dirty = [];
    for (const peer of dirty) {
      const queue = peer.queue;
      peer.queue = [];
      if (peer.socket.destroyed) continue;
      if (peer.socket.writableLength > maxUnsentBytes) {
        this.events.dropped(queue);
        continue;
      }
      peer.socket.write(frames(queue));
    }
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.flush();
    for (const peer of this.peers.values()) peer.socket.end();
    this.peers.clear();
    return new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
    }).then(() => removeSocketFile(this.address));
  }
}
