// TLS on the server itself: `tls: {cert, key}` (or WS_TLS_*) serves wss:// and https:// on the
// public port; SIGHUP reads the certificate again without dropping a connection, and a bad new
// one keeps the old. Certificates come from openssl (certificates.ts); pusher-js runs in a child
// process started with NODE_EXTRA_CA_CERTS, as a Node app trusting a private CA would.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, get } from 'node:https';
import { join } from 'node:path';
import { createConnection } from 'node:net';
import { connect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import PusherServer from 'pusher';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../cluster/helpers.js';
import { sleep } from '../helpers/clients.js';
import { defaultApp } from '../helpers/server.js';
import { makeCa, type TestCa, type TestCertificate } from './certificates.js';
import { runToExit, startDeployServer, type DeployServer } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let ca: TestCa;
let first: TestCertificate;
let second: TestCertificate;
let stranger: TestCertificate;
const servers: DeployServer[] = [];
const children: ChildProcess[] = [];

beforeAll(() => {
  ca = makeCa();
  first = ca.issue('first', 1001);
  second = ca.issue('second', 2002);
  stranger = ca.issue('stranger', 3003);
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

/** The files the server is configured with, in a directory of its own (a test replaces them). */
function serverFiles(name: string, from: TestCertificate): { cert: string; key: string } {
  const cert = join(ca.dir, `${name}-live.pem`);
  const key = join(ca.dir, `${name}-live.key`);
  copyFileSync(from.cert, cert);
  copyFileSync(from.key, key);
  return { cert, key };
}

async function start(config: Record<string, unknown>, env: Record<string, string> = {}): Promise<DeployServer> {
  const server = await startDeployServer(config, { env });
  servers.push(server);
  return server;
}

function api(server: DeployServer): PusherServer {
  const agent = new Agent({ ca: readCa() });
  return new PusherServer({ appId: defaultApp.id, key: defaultApp.key, secret: defaultApp.secret, host: '127.0.0.1', port: String(server.port), useTLS: true, agent });
}

/** The serial of the certificate a new TLS handshake presents. */
function presentedSerial(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ca: readCa(), servername: 'localhost' }, () => {
      const serial = parseInt(socket.getPeerCertificate().serialNumber, 16);
      socket.end();
      resolve(serial);
    });
    socket.on('error', reject);
  });
}

function readCa(): Buffer {
  return readFileSync(ca.ca);
}

/** pusher-js over wss:// in a child process trusting the test CA; each line it prints is a JSON note. */
function wssClient(port: number): { child: ChildProcess; notes: Record<string, unknown>[] } {
  const script = `
    import Pusher from 'pusher-js';
    const pusher = new Pusher(${JSON.stringify(defaultApp.key)}, { wsHost: '127.0.0.1', wssPort: ${port}, forceTLS: true, enabledTransports: ['ws'], cluster: 'local', disableStats: true });
    const note = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
    pusher.connection.bind('state_change', (s) => note({ state: s.current, socketId: pusher.connection.socket_id }));
    pusher.subscribe('news').bind('pusher:subscription_succeeded', () => note({ subscribed: true }));
    pusher.channel('news').bind('headline', (data) => note({ event: data }));
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: ca.ca }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const notes: Record<string, unknown>[] = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) notes.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { child, notes };
}

function httpsUp(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/up', ca: readCa(), servername: 'localhost' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('serving wss:// and https://', () => {
  it('pusher-js connects over wss:// and receives an event the pusher SDK publishes over https://', async () => {
    const server = await start({ apps: [defaultApp], tls: serverFiles('a', first) });
    expect(server.output()).toMatch(/listening on https:\/\/127\.0\.0\.1:\d+/);
    expect(await httpsUp(server.port)).toBe(200);
    const { notes } = wssClient(server.port);
    await eventually(() => expect(notes).toContainEqual({ subscribed: true }), 10_000);
    await api(server).trigger('news', 'headline', { over: 'https' });
    await eventually(() => expect(notes).toContainEqual({ event: { over: 'https' } }));
    // Plain HTTP on the TLS port gets nowhere.
    await expect(fetch(`http://127.0.0.1:${server.port}/up`)).rejects.toThrow();
  });

  it('takes the certificate from WS_TLS_CERT and WS_TLS_KEY', async () => {
    const files = serverFiles('env', first);
    const server = await start({ apps: [defaultApp] }, { WS_TLS_CERT: files.cert, WS_TLS_KEY: files.key });
    expect(await presentedSerial(server.port)).toBe(first.serial);
  });
});

describe('connections that never finish a TLS handshake', () => {
  it('are closed within a few seconds, as connections that never finish their headers are', async () => {
    const server = await start({ apps: [defaultApp], tls: serverFiles('slow', first) });
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const socket = createConnection({ host: '127.0.0.1', port: server.port });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(Date.now() - started));
      setTimeout(() => reject(new Error('still open after 12 s')), 12_000).unref();
    });
    expect(closedAfter).toBeGreaterThan(3_000);
    expect(closedAfter).toBeLessThan(12_000);
  }, 20_000);
});

describe('SIGHUP', () => {
  it('presents a replaced certificate to new handshakes while an open connection stays; a bad one keeps the old', async () => {
    const files = serverFiles('hup', first);
    const server = await start({ apps: [defaultApp], tls: files });
    expect(await presentedSerial(server.port)).toBe(first.serial);
    const { notes } = wssClient(server.port);
    await eventually(() => expect(notes).toContainEqual({ subscribed: true }), 10_000);
    const socketId = notes.find((n) => n.state === 'connected')?.socketId;

    copyFileSync(second.cert, files.cert);
    copyFileSync(second.key, files.key);
    server.process.kill('SIGHUP');
    await eventually(() => expect(server.output()).toContain('certificate reloaded'));
    expect(await presentedSerial(server.port)).toBe(second.serial);
    // The connection made with the first certificate is the same one, and still delivers.
    await api(server).trigger('news', 'headline', 'after the reload');
    await eventually(() => expect(notes).toContainEqual({ event: 'after the reload' }));
    expect(notes.filter((n) => n.state === 'connected')).toEqual([{ state: 'connected', socketId }]);

    // A key that is not the certificate's: the second certificate stays in use, one line says why.
    copyFileSync(stranger.cert, files.cert);
    server.process.kill('SIGHUP');
    await eventually(() => expect(server.output()).toContain('certificate not reloaded'));
    const warnings = server.output().split('\n').filter((l) => l.includes('certificate not reloaded'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('tls.key');
    expect(await presentedSerial(server.port)).toBe(second.serial);
    await sleep(100);
    expect(server.process.exitCode).toBeNull();
  }, 30_000);
});

describe('SIGHUP with --workers 2', () => {
  it('every worker presents the new certificate (the primary passes SIGHUP on)', async () => {
    const files = serverFiles('workers', first);
    const server = await startDeployServer({ apps: [defaultApp], tls: files }, { args: ['--workers', '2'] });
    servers.push(server);
    // node:cluster hands consecutive connections to alternate workers: four handshakes reach both.
    for (let i = 0; i < 4; i++) expect(await presentedSerial(server.port)).toBe(first.serial);
    copyFileSync(second.cert, files.cert);
    copyFileSync(second.key, files.key);
    server.process.kill('SIGHUP');
    await eventually(() => expect(server.output().split('certificate reloaded').length - 1).toBe(2));
    for (let i = 0; i < 4; i++) expect(await presentedSerial(server.port)).toBe(second.serial);
  }, 30_000);
});

describe('configuration errors stop start-up naming the key and the file', () => {
  const noStack = (output: string) => expect(output).not.toMatch(/^\s+at /m);

  it.each([
    ['a missing certificate file', () => ({ cert: join(ca.dir, 'missing.pem'), key: first.key }), /tls\.cert cannot read .*missing\.pem \(no such file\)/],
    ['a key that is not the certificate\'s', () => ({ cert: first.cert, key: second.key }), /tls\.key .*second\.key is not the key of the certificate in .*first\.pem/],
    ['a certificate file that is not PEM', () => ({ cert: first.key, key: first.key }), /tls\.cert .*first\.key is not a PEM certificate/],
    ['a key file that is not a key', () => ({ cert: first.cert, key: first.cert }), /tls\.key .*first\.pem is not a PEM private key/],
  ])('%s', async (_name, tls, message) => {
    const dir = ca.dir;
    const file = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify({ apps: [defaultApp], tls: tls() }));
    const { code, output } = await runToExit(['--config', file]);
    expect(code).toBe(2);
    expect(output).toMatch(message);
    noStack(output);
  });

  it('WS_TLS_CERT without WS_TLS_KEY', async () => {
    const { code, output } = await runToExit([], { WS_APP_ID: 'x', WS_APP_SECRET: 'y', WS_TLS_CERT: first.cert });
    expect(code).toBe(2);
    expect(output).toContain('tls.key must be set (or WS_TLS_KEY)');
    noStack(output);
  });

  it('with --workers, the primary refuses before forking', async () => {
    const file = join(ca.dir, 'workers-config.json');
    writeFileSync(file, JSON.stringify({ apps: [defaultApp], tls: { cert: join(ca.dir, 'nope.pem'), key: first.key } }));
    const { code, output } = await runToExit(['--config', file, '--workers', '2']);
    expect(code).toBe(2);
    expect(output).toContain('tls.cert cannot read');
    expect(output).not.toContain('worker');
  });
});
