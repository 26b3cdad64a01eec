// Peer servers measured in the same run as Pogo: Soketi 1.6.1, installed by npm into a cache
// outside the repository's node_modules (bench/.peers/, ignored by git), started on loopback.
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SOKETI_VERSION = '1.6.1';
// uWebSockets.js is not on npm under its own name; this build of the same 20.30 release is, and
// ships the prebuilt binaries Soketi loads. --ignore-scripts skips Soketi's install hooks.
const UWS_OVERRIDE = 'npm:@trufflesuite/uws-js-unofficial@20.30.0-unofficial.0';

/** Where Soketi lives once installed: <repo>/bench/.peers/soketi-<version>. */
export const soketiDir = (repoRoot) => join(repoRoot, 'bench/.peers', `soketi-${SOKETI_VERSION}`);

/** The server script, or a reason it cannot run here (null when ready). */
function soketiState(dir) {
  const pkg = join(dir, 'node_modules/@soketi/soketi/package.json');
  if (!existsSync(pkg)) return { ready: false, reason: 'not installed' };
  if (JSON.parse(readFileSync(pkg, 'utf8')).version !== SOKETI_VERSION) return { ready: false, reason: 'another version installed' };
  const binary = `uws_${process.platform}_${process.arch}_${process.versions.modules}.node`;
  if (!existsSync(join(dir, 'node_modules/uWebSockets.js/binaries', binary))) {
    return { ready: false, fatal: true, reason: `uWebSockets.js has no ${binary} (Node ${process.version} on ${process.platform}-${process.arch})` };
  }
  return { ready: true, script: join(dir, 'node_modules/@soketi/soketi/bin/server.js') };
}

/**
 * Installs Soketi into the cache unless it is there already. Resolves with the server script's
 * path, or with `{ skipped }` naming why it cannot run (no registry, no binary for this Node).
 */
export async function prepareSoketi(repoRoot, log) {
  const dir = soketiDir(repoRoot);
  let state = soketiState(dir);
  if (state.ready) return { script: state.script };
  if (state.fatal) return { skipped: `Soketi ${SOKETI_VERSION}: ${state.reason}` };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(repoRoot, 'bench/.peers/.gitignore'), '*\n');
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'pogo-bench-peer-soketi', private: true, dependencies: { '@soketi/soketi': SOKETI_VERSION }, overrides: { 'uWebSockets.js': UWS_OVERRIDE } }, null, 2)}\n`,
  );
  log(`installing Soketi ${SOKETI_VERSION} into ${dir} (npm install --ignore-scripts, once)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const failure = await new Promise((resolve) => {
    execFile(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, timeout: 600_000, maxBuffer: 16 * 2 ** 20 }, (error, _stdout, stderr) =>
      resolve(error ? (stderr.trim().split('\n').filter(Boolean).pop() ?? error.message) : null),
    );
  });
  if (failure) return { skipped: `npm could not install Soketi ${SOKETI_VERSION}: ${failure.slice(0, 200)}` };
  state = soketiState(dir);
  return state.ready ? { script: state.script } : { skipped: `Soketi ${SOKETI_VERSION}: ${state.reason}` };
}

/** A TCP (or UDP) port free on 127.0.0.1 right now: Soketi cannot listen on port 0 and say which it got. */
export function freePort(kind = 'tcp') {
  return new Promise((resolve, reject) => {
    if (kind === 'udp') {
      const s = createSocket('udp4');
      s.once('error', reject);
      s.bind(0, '127.0.0.1', () => {
        const { port } = s.address();
        s.close(() => resolve(port));
      });
      return;
    }
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Soketi's options (dotted keys, as its --config file takes them) for the bench app: everything on
 * 127.0.0.1, including its metrics listener and the UDP discovery it always starts (unicast to
 * itself, never a broadcast), and no rate limit of its own.
 */
export function soketiConfig({ app, port, metricsPort, discoveryPort }) {
  return {
    host: '127.0.0.1',
    port,
    'metrics.host': '127.0.0.1',
    'metrics.port': metricsPort,
    'cluster.address': '127.0.0.1',
    'cluster.hostname': '127.0.0.1',
    'cluster.unicast': '127.0.0.1',
    'cluster.port': discoveryPort,
    'appManager.array.apps': [
      { id: app.id, key: app.key, secret: app.secret, maxConnections: -1, enableClientMessages: true, enabled: true, maxBackendEventsPerSecond: -1, maxClientEventsPerSecond: -1, maxReadRequestsPerSecond: -1, webhooks: [] },
    ],
  };
}
