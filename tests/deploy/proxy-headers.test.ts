// GET /up says how the server saw the caller, for pogo:ws-doctor's proxy check:
// X-Pogo-Client-Ip (after trustedProxies) and X-Pogo-Forwarded (trusted | untrusted | none).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultApp } from '../helpers/server.js';
import { startDeployServer, type DeployServer } from './helpers.js';

function up(port: number, localAddress: string, headers: Record<string, string> = {}, path = '/up'): Promise<{ ip: string | undefined; forwarded: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, localAddress, headers, agent: false }, (res) => {
      res.resume();
      resolve({ ip: res.headers['x-pogo-client-ip'] as string | undefined, forwarded: res.headers['x-pogo-forwarded'] as string | undefined });
    });
    req.on('error', reject);
    req.end();
  });
}

let server: DeployServer;
beforeAll(async () => {
  // 127.0.0.2 stands for the proxy; 127.0.0.1 for a client that is not one.
  server = await startDeployServer({ apps: [defaultApp], trustedProxies: ['127.0.0.2'] });
});
afterAll(async () => {
  await server?.stop();
});

describe('X-Pogo-Client-Ip and X-Pogo-Forwarded on GET /up', () => {
  it('none: no X-Forwarded-For, the peer is the client', async () => {
    expect(await up(server.port, '127.0.0.1')).toEqual({ ip: '127.0.0.1', forwarded: 'none' });
    expect(await up(server.port, '127.0.0.2')).toEqual({ ip: '127.0.0.2', forwarded: 'none' });
  });

  it('trusted: a trusted proxy\'s X-Forwarded-For names the client (its last untrusted hop)', async () => {
    expect(await up(server.port, '127.0.0.2', { 'X-Forwarded-For': '198.51.100.7' })).toEqual({ ip: '198.51.100.7', forwarded: 'trusted' });
    expect(await up(server.port, '127.0.0.2', { 'X-Forwarded-For': '10.9.9.9, 203.0.113.5' })).toEqual({ ip: '203.0.113.5', forwarded: 'trusted' });
  });

  it('untrusted: the header from a peer that is not a trusted proxy is ignored', async () => {
    expect(await up(server.port, '127.0.0.1', { 'X-Forwarded-For': '198.51.100.7' })).toEqual({ ip: '127.0.0.1', forwarded: 'untrusted' });
  });

  it('GET / (the same liveness answer) carries them too', async () => {
    expect(await up(server.port, '127.0.0.1', {}, '/')).toEqual({ ip: '127.0.0.1', forwarded: 'none' });
  });
});
