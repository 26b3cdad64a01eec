// GET /up (and /): the process answers, with its counts and memory; `more` adds what the
// wiring knows (where the dashboard is, read by `php artisan pogo:ws-doctor`).
import type { PlainRoute } from './router.js';
import { sendJson } from './respond.js';

export function livenessRoute(stats: () => object, more: () => object): PlainRoute {
  return (req, res, path) => {
    if (req.method !== 'GET' || (path !== '/up' && path !== '/')) return false;
    sendJson(res, 200, { status: 'ok', ...stats(), memory: { rss: process.memoryUsage.rss(), heapUsed: process.memoryUsage().heapUsed }, ...more() });
    return true;
  };
}
