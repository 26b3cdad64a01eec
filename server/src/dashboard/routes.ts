// The dashboard's pages and API: the assets, sign-in, the overview, the live stream, the
// channel and member lists (cluster-wide through the adapter), and the test event (sent to
// this server's own HTTP API, signed like any publisher would).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Adapter } from '../adapter/adapter.js';
import type { App } from '../apps/app.js';
import type { PlainRoute } from '../http/router.js';
import type { Hub } from '../hub.js';
import { readBody } from '../http/body.js';
import { assets } from './assets.js';
import { escapeHtml, send, sendJson } from './answers.js';
import type { DashboardSession } from './session.js';
import { parseTestEvent, sendTestEvent } from './test-event.js';

interface RouteDeps {
  /** The dashboard's path, without a trailing slash. */
  base: string;
  hub: Hub;
  adapter: Adapter;
  session: DashboardSession;
  /** Where this server's HTTP API listens (the test event is sent there). */
  api: () => { host: string; port: number };
  overview: () => unknown;
  openStream: (req: IncomingMessage, res: ServerResponse) => void;
}

/** Is `origin` this host? False for "null" and anything that is not a URL. */
function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return origin !== 'null' && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function dashboardRoute(deps: RouteDeps): PlainRoute {
  const { base, hub, adapter, session } = deps;

  const appOf = (params: URLSearchParams): App => {
    const id = params.get('app') ?? '';
    const app = hub.appById(id);
    if (!app) throw new Error(`unknown app ${JSON.stringify(id)}`);
    return app;
  };

  /** Occupied channels (cluster-wide through the adapter), filtered by a search text, at most 500. */
  const channels = async (params: URLSearchParams) => {
    const app = appOf(params);
    const search = (params.get('q') ?? '').toLowerCase();
    const all = (await adapter.channels(app.id, '')).filter((c) => !c.name.startsWith('#') && c.name.toLowerCase().includes(search));
    all.sort((a, b) => b.subscriptionCount - a.subscriptionCount || (a.name < b.name ? -1 : 1));
    return { app: app.id, total: all.length, channels: all.slice(0, 500) };
  };

  /** A presence channel's members: ids cluster-wide, user_info where this node has it. */
  const members = async (params: URLSearchParams) => {
    const app = appOf(params);
    const name = params.get('channel') ?? '';
    if (!name.startsWith('presence-')) throw new Error('members are listed for presence channels only');
    const ids = await adapter.presenceUsers(app.id, name);
    const local = hub.channel(app, name)?.members;
    return { app: app.id, channel: name, members: ids.slice(0, 1000).map((id) => ({ id, info: local?.get(id)?.info ?? null })), total: ids.length };
  };

  const testEvent = async (req: IncomingMessage, res: ServerResponse, params: URLSearchParams): Promise<void> => {
    // Cross-site requests cannot send JSON without a preflight, and the cookie is SameSite=Strict.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      req.resume();
      sendJson(res, 415, { error: 'send the test event as application/json' });
      return;
    }
    // A browser sends Origin on every POST; "null" (a sandboxed frame, a file: page) is never the dashboard.
    const origin = req.headers.origin;
    if (origin !== undefined && !sameHost(origin, req.headers.host)) {
      req.resume();
      sendJson(res, 403, { error: 'cross-origin requests are not allowed' });
      return;
    }
    const app = appOf(params);
    let raw: unknown;
    try {
      raw = JSON.parse((await readBody(req, app.limits.maxHttpBodyBytes, 'destroy')).toString('utf8'));
    } catch (error) {
      sendJson(res, 400, { error: `the body is not JSON: ${(error as Error).message}` });
      return;
    }
    const test = parseTestEvent(raw);
    if (typeof test === 'string') {
      sendJson(res, 400, { error: test });
      return;
    }
    const { host, port } = deps.api();
    const loopback = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
    try {
      sendJson(res, 200, await sendTestEvent(loopback, port, app, test));
    } catch (error) {
      sendJson(res, 502, { error: `the HTTP API could not be reached: ${(error as Error).message}` });
    }
  };

  const authorized = async (req: IncomingMessage, res: ServerResponse, sub: string, method: string): Promise<void> => {
    const target = req.url ?? '/';
    const mark = target.indexOf('?');
    const params = new URLSearchParams(mark < 0 ? '' : target.slice(mark + 1));
    if (method === 'POST' && sub === '/logout') {
      session.logout(req, res);
      return;
    }
    if (method === 'POST' && sub === '/api/publish') {
      await testEvent(req, res, params);
      return;
    }
    req.resume();
    if (method !== 'GET' && method !== 'HEAD') {
      sendJson(res, 405, { error: `${method} is not allowed here` }, { Allow: 'GET' });
      return;
    }
    switch (sub) {
      case '/':
        send(res, 200, 'text/html; charset=utf-8', assets.html.replaceAll('__BASE__', escapeHtml(base)));
        return;
      case '/dashboard.js':
        send(res, 200, 'text/javascript; charset=utf-8', assets.js);
        return;
      case '/api/overview':
        sendJson(res, 200, deps.overview());
        return;
      case '/api/stream':
        deps.openStream(req, res);
        return;
      case '/api/channels':
        sendJson(res, 200, await channels(params));
        return;
      case '/api/members':
        sendJson(res, 200, await members(params));
        return;
      default:
        sendJson(res, 404, { error: `no dashboard page ${sub}` });
    }
  };

  return async (req, res, path) => {
    if (path !== base && !path.startsWith(`${base}/`)) return false;
    const sub = path.slice(base.length);
    const method = req.method ?? 'GET';
    if (sub === '' && method === 'GET') {
      req.resume();
      send(res, 308, 'text/plain; charset=utf-8', `${base}/\n`, { Location: `${base}/` });
      return true;
    }
    if (sub === '/dashboard.css' && method === 'GET') {
      req.resume();
      send(res, 200, 'text/css; charset=utf-8', assets.css);
      return true;
    }
    if (sub === '/login' && method === 'POST') {
      await session.login(req, res);
      return true;
    }
    if (!session.allows(req)) {
      req.resume();
      session.refuse(req, res, sub === '/' && method === 'GET');
      return true;
    }
    try {
      await authorized(req, res, sub, method);
    } catch (error) {
      if (!res.headersSent) sendJson(res, 400, { error: (error as Error).message });
      else res.end();
    }
    return true;
  };
}
