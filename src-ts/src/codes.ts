// Close codes and `pusher:error` codes, read from the shared schema (config/pogo-websocket.schema.json)
// and inlined by the build: the preset never restates a number by hand.
import { closeCodes, errorCodes } from '../../config/pogo-websocket.schema.json';

/** What a client should do after the server closed its connection with this code (Pusher protocol 7). */
export type CloseAction = 'refuse' | 'backoff' | 'retry';

export interface CodeInfo {
  code: number;
  /** The schema's name for the code, e.g. `OVER_CAPACITY`; `null` for a code the schema does not know. */
  name: string | null;
  /** `close`: the server closed the connection with it; `error`: a `pusher:error` on a live connection. */
  kind: 'close' | 'error';
  /** For close codes: what the client does next. `null` for `pusher:error` codes. */
  action: CloseAction | null;
  /** A sentence a developer (or a user) can read. */
  message: string;
}

type Table = Record<string, { code: number; message: string; action?: string }>;

function index(table: Table, kind: CodeInfo['kind']): Map<number, CodeInfo> {
  const byCode = new Map<number, CodeInfo>();
  for (const [name, entry] of Object.entries(table)) {
    const action = kind === 'close' ? actionForCloseCode(entry.code, entry.action) : null;
    byCode.set(entry.code, { code: entry.code, name, kind, action, message: entry.message });
  }
  return byCode;
}

// The Pusher protocol groups close codes by range; the schema's own `action` wins when it names one.
function actionForCloseCode(code: number, declared?: string): CloseAction {
  if (declared === 'refuse' || declared === 'backoff' || declared === 'retry') return declared;
  if (code >= 4100 && code < 4200) return 'backoff';
  if (code >= 4200 && code < 4300) return 'retry';
  return 'refuse';
}

const closeByCode = index(closeCodes as Table, 'close');
const errorByCode = index(errorCodes as Table, 'error');

/** Every close code of the schema, in schema order. */
export const closeCodeList: readonly CodeInfo[] = [...closeByCode.values()];
/** Every `pusher:error` code of the schema, in schema order. */
export const errorCodeList: readonly CodeInfo[] = [...errorByCode.values()];

// WebSocket close codes below 4000 are the transport's own (RFC 6455), not the server's decision.
const transportMessages: Record<number, string> = {
  1000: 'Connection closed normally',
  1001: 'Server or page is going away',
  1002: 'WebSocket protocol error',
  1003: 'Server refused a message type it cannot accept',
  1005: 'Connection closed without a status code',
  1006: 'Connection lost (closed abnormally, no close frame)',
  1009: 'Message too big for the server',
  1011: 'Server hit an unexpected condition',
  1012: 'Server is restarting',
  1013: 'Server is overloaded; try again later',
};

/**
 * Describes a code received from a Pogo server. `kind` says where it came from when the same number could be
 * read both ways: a close frame (`close`, the default) or a `pusher:error` message (`error`).
 */
export function describeCode(code: number, kind: CodeInfo['kind'] = 'close'): CodeInfo {
  const known = kind === 'error' ? errorByCode.get(code) ?? closeByCode.get(code) : closeByCode.get(code) ?? errorByCode.get(code);
  if (known) return known;
  if (code >= 4000 && code < 4300) {
    return { code, name: null, kind: 'close', action: actionForCloseCode(code), message: `Connection closed by the server (code ${code})` };
  }
  if (code < 4000) {
    const message = transportMessages[code] ?? `Connection closed (code ${code})`;
    return { code, name: null, kind: 'close', action: code >= 1002 && code <= 1004 ? 'backoff' : 'retry', message };
  }
  return { code, name: null, kind, action: kind === 'close' ? 'refuse' : null, message: `Server error (code ${code})` };
}

/** The readable message for a code, e.g. `codeMessage(4100)` → "Over capacity; reconnect later". */
export function codeMessage(code: number, kind: CodeInfo['kind'] = 'close'): string {
  return describeCode(code, kind).message;
}
