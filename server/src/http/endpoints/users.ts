// POST /apps/{id}/users/{user_id}/terminate_connections
import type { Endpoint } from '../endpoint.js';

export const terminateConnections: Endpoint = async ({ adapter }, { app, params }) => {
  await adapter.terminateUser(app.id, params[0] ?? '');
  return {};
};
