// Validates messages against the shared schema's $defs, including the JSON strings that
// Pusher double-encodes in `data` (their `contentSchema`).
import Ajv2020 from 'ajv/dist/2020.js';
import schema from '../../config/pogo-websocket.schema.json' with { type: 'json' };

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(schema);

type Def = { contentSchema?: unknown; properties?: { data?: { contentSchema?: unknown } } };

export function schemaErrors(def: string, value: unknown): string[] {
  const validate = ajv.getSchema(`${schema.$id}#/$defs/${def}`);
  if (!validate) throw new Error(`no $defs/${def} in the schema`);
  const errors: string[] = [];
  if (!validate(value)) errors.push(...(validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
  const content = ((schema.$defs as Record<string, Def>)[def])?.properties?.data?.contentSchema;
  const data = (value as { data?: unknown }).data;
  if (content && typeof data === 'string') {
    // The content schema in place (compiled once by ajv, its $refs resolved against the root).
    const inner = ajv.getSchema(`${schema.$id}#/$defs/${def}/properties/data/contentSchema`)!;
    if (!inner(JSON.parse(data))) errors.push(...(inner.errors ?? []).map((e) => `data${e.instancePath} ${e.message}`));
  }
  return errors;
}

/** The $defs entry of the server message, by its event name. */
export function serverDefFor(event: string): string {
  const byEvent: Record<string, string> = {
    'pusher:connection_established': 'server.connectionEstablished',
    'pusher:error': 'server.error',
    'pusher:ping': 'server.ping',
    'pusher:pong': 'server.pong',
    'pusher:signin_success': 'server.signinSuccess',
    'pusher_internal:subscription_succeeded': 'server.subscriptionSucceeded',
    'pusher:subscription_error': 'server.subscriptionError',
    'pusher_internal:subscription_count': 'server.subscriptionCount',
    'pusher_internal:member_added': 'server.memberAdded',
    'pusher_internal:member_removed': 'server.memberRemoved',
    'pusher:cache_miss': 'server.cacheMiss',
    'pusher_internal:watchlist_events': 'server.watchlistEvents',
  };
  return byEvent[event] ?? 'server.channelEvent';
}
