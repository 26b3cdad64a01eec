// POST /apps/{id}/restart: every node of this deployment restarts gracefully (a deploy's
// `php artisan pogo:ws-restart`). Signed like every API call, with the asking app's key and secret.
//
// Any configured app may ask, not only "its own" nodes: the server belongs to the Laravel
// deployment that configures it, so whoever holds an app secret already holds the deployment
// (and could rewrite the config and SIGTERM the process). A restart drops no data a client can
// miss: clients get 4200 and reconnect, resuming from recovery history where it reaches.
import type { Endpoint } from '../endpoint.js';
import { parseJsonBody } from '../publish-validation.js';
import { Accepted } from '../endpoint.js';
import { ApiError } from '../respond.js';

/** A reason is for the log line only: short, one line. */
const maxReasonLength = 200;

function reasonOf(body: Buffer): string | undefined {
  if (body.length === 0) return undefined;
  const { reason } = parseJsonBody(body);
  if (reason === undefined || reason === null) return undefined;
  if (typeof reason !== 'string' || reason.length > maxReasonLength) {
    throw new ApiError('INVALID_PAYLOAD', `"reason" must be a string of at most ${maxReasonLength} characters`);
  }
  // Control characters would let a reason forge log lines.
  return reason.replace(/\p{Cc}/gu, ' ');
}

export const restart: Endpoint = async ({ adapter }, { app, body }) => {
  const reason = reasonOf(body);
  await adapter.restartAll(app.id, reason);
  return new Accepted({ restarting: true });
};
