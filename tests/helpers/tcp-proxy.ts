// A TCP proxy in front of the server, to cut a client's connection the way a network does.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Destroys every proxied connection, both sides, without a WebSocket close. */
  drop(): void;
  /** While held, new connections wait (as if the network were down) and are completed on release. */
  hold(): void;
  release(): void;
  /** Points new connections at another upstream port (another node). */
  retarget(port: number): void;
  close(): Promise<void>;
}

export async function startTcpProxy(upstreamPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let held: Socket[] | undefined;
  let target = upstreamPort;
  const pipe = (client: Socket) => {
    const upstream = connect(target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };
  // Held sockets stay paused, so what the client already sent waits for the upstream.
  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    if (held) held.push(client);
    else pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    drop: () => {
      for (const s of sockets) s.destroy();
    },
    hold: () => (held ??= []),
    release: () => {
      const waiting = held ?? [];
      held = undefined;
      waiting.forEach(pipe);
    },
    retarget: (port) => (target = port),
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
