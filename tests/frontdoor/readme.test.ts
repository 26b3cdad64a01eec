// The README's commands, run as written on what a newcomer gets: a fresh clone of HEAD.
// The first code block: `npm install && npm start` serves /up on :6001 and prints the app a client
// should use (the development app, with its warning); `npm test` is listed (not run here: it would
// run this file again). Change the README and this test runs the new commands.
import PusherServer from 'pusher';
import Pusher from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, nextEvent, subscribed } from '../helpers/clients.js';
import { assertPortFree, cloneHead, sh, startLine, tempDir, up, userEnv, waitFor, type Started } from './checkout.js';
import { codeBlocks, codeSpans, commandOf, readReadme, type CodeBlock } from './readme.js';

const PORT = 6001;
const upUrl = `http://127.0.0.1:${PORT}/up`;

describe("the README's first code block, run as written in a fresh clone", () => {
  const temp = tempDir('pogo-frontdoor-');
  let clone = '';
  let readme = '';
  let first: CodeBlock | undefined;
  let server: Started | undefined;

  beforeAll(() => {
    clone = cloneHead(`${temp.dir}/pogo-websocket`);
    readme = readReadme(clone);
    first = codeBlocks(readme).at(0);
  });
  afterAll(async () => {
    await server?.stop();
    temp.remove();
  });

  it('lists `npm install && npm start` and `npm test`', () => {
    expect(first?.lines.map(commandOf)).toEqual(expect.arrayContaining(['npm install && npm start', 'npm test']));
  });

  it('starts the server: GET /up answers on 127.0.0.1:6001, it prints the app a client should use, and it stops', async () => {
    // `npm test` is not run: it would run this suite inside itself.
    const lines = (first?.lines ?? []).filter((l) => commandOf(l) !== 'npm test');
    expect(lines.length).toBeGreaterThan(0);
    // The README names the development app `npm start` falls back to: `app-id` / `app-key` / `app-secret`.
    const start = readme.indexOf('`npm start` uses');
    expect(start).toBeGreaterThan(0);
    const [devId, devKey, devSecret] = codeSpans(readme.slice(start, readme.indexOf('\n', start))).filter((s) => /^app-(id|key|secret)$/.test(s));
    expect([devId, devKey, devSecret]).toEqual(['app-id', 'app-key', 'app-secret']);

    await assertPortFree(PORT, "the README's `npm start`");
    // Every line before the last runs to completion; the last one is the server and keeps running.
    for (const line of lines.slice(0, -1)) sh('bash', ['-c', line], clone, { env: userEnv(), timeoutMs: 240_000 });
    const last = lines.at(-1) ?? '';
    const running = startLine(last, clone, userEnv());
    server = running;
    const health = await waitFor(`GET ${upUrl} after \`${last.trim()}\``, () => up(upUrl), 240_000, () => running.child.exitCode === null)
      .catch((error: Error) => { throw new Error(`${error.message}\n--- output of \`${last.trim()}\`:\n${running.output()}`); });
    expect(health).toMatchObject({ status: 'ok', connections: 0 });

    const printed = running.output();
    expect(printed).toMatch(new RegExp(`listening on http://127\\.0\\.0\\.1:${PORT}\\b`));
    // The app a client should use, and the warning that it is for development only ...
    expect(printed).toMatch(new RegExp(`development app id=${devId} key=${devKey}\\b`));
    expect(printed).toMatch(/warning: .*Never use it in production/);
    // ... and never its secret.
    expect(printed).not.toContain(devSecret);

    // The printed app works: pusher-js connects with the printed key and receives what the official
    // SDK publishes with the printed id and the README's secret.
    const [, id = '', key = ''] = /development app id=(\S+) key=(\S+?)\.?\s/.exec(printed) ?? [];
    expect([id, key]).toEqual([devId, devKey]);
    const client = new Pusher(key, { wsHost: '127.0.0.1', wsPort: PORT, forceTLS: false, enabledTransports: ['ws'], cluster: 'local', disableStats: true });
    try {
      await connected(client);
      await subscribed(client, 'frontdoor');
      const received = nextEvent(client, 'frontdoor', 'hello');
      const api = new PusherServer({ appId: id, key, secret: devSecret ?? '', host: '127.0.0.1', port: String(PORT), useTLS: false });
      await api.trigger('frontdoor', 'hello', { from: 'the README' });
      expect(await received).toEqual({ from: 'the README' });
    } finally {
      client.disconnect();
    }

    await running.stop();
    expect(await up(upUrl)).toBeUndefined();
  }, 300_000);
});
