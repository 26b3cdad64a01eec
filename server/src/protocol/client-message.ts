// Parsing what a client sends. Only shape is checked here; meaning is the handlers' job.

export interface ClientMessage {
  event: string;
  channel?: string;
  data?: unknown;
}

export type ParseResult = { ok: true; message: ClientMessage } | { ok: false; reason: string };

export function parseClientMessage(raw: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'frame is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'frame must be a JSON object' };
  }
  const record = value as Record<string, unknown>;
  if (typeof record.event !== 'string' || record.event.length === 0) {
    return { ok: false, reason: 'frame has no "event" string' };
  }
  if (record.channel !== undefined && typeof record.channel !== 'string') {
    return { ok: false, reason: '"channel" must be a string' };
  }
  let data = record.data;
  // Some clients double-encode `data` for pusher:* events, as the server does.
  if (typeof data === 'string' && record.event.startsWith('pusher:') && data.startsWith('{')) {
    try {
      data = JSON.parse(data);
    } catch {
      return { ok: false, reason: '"data" is not valid JSON' };
    }
  }
  return { ok: true, message: { event: record.event, channel: record.channel as string | undefined, data } };
}

/** A field of an object `data`, when it is a string. */
export function stringField(data: unknown, field: string): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}
