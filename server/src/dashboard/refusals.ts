// Where the server reports what it refused or cut: connections refused at the handshake,
// client messages answered with `pusher:error`, connections closed with a code, HTTP API
// errors. A leaf module (types only) so the transport, client and HTTP layers can report
// without knowing the dashboard; `report` stays undefined, and costs one check, when the
// dashboard is off.

import type { RefusalKind } from './wire.js';

export type { RefusalKind };

export interface Refusal {
  kind: RefusalKind;
  /** The app, when it is known (an unknown key, or an HTTP path without an app, has none). */
  appId?: string;
  /** Close code, `pusher:error` code, or the HTTP status. */
  code: number;
  /** The schema's name for it, when the reporter knows it (HTTP: the publish status name). */
  name?: string;
  message: string;
  detail?: string;
  socketId?: string;
  channel?: string;
  /** The request path (handshakes and HTTP), to find the app of a refused handshake. */
  url?: string;
  ip?: string;
}

export const refusals: { report: ((refusal: Refusal) => void) | undefined } = { report: undefined };
