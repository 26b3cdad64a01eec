// The WebSocket wire: frames go straight to the TCP socket (they are already WebSocket frames);
// the close handshake and pings are ws's. The only module besides websocket-server.ts that knows `ws`.
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Wire } from './wire.js';

export class WebSocketWire implements Wire {
  constructor(
    private readonly ws: WebSocket,
    private readonly socket: Socket,
  ) {}

  write(frames: Buffer): void {
    this.socket.write(frames);
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  terminate(): void {
    this.ws.terminate();
  }

  pause(): void {
    this.socket.pause();
  }

  probe(): void {
    this.ws.ping();
  }

  get destroyed(): boolean {
    return this.socket.destroyed;
  }

  get bufferedBytes(): number {
    return this.socket.writableLength;
  }
}
