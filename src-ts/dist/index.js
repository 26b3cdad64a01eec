import Echo from 'laravel-echo';
import Pusher from 'pusher-js';

// src/create-echo.ts

// src/env.ts
var envVariables = {
  key: "VITE_POGO_APP_KEY",
  host: "VITE_POGO_HOST",
  port: "VITE_POGO_PORT",
  scheme: "VITE_POGO_SCHEME"
};
var PogoConfigError = class extends Error {
  constructor(variable, problem) {
    super(`@pogo/echo: ${variable} ${problem}`);
    this.name = "PogoConfigError";
    this.variable = variable;
  }
};
function viteEnv() {
  try {
    return import.meta.env;
  } catch {
    return void 0;
  }
}
var keyPattern = /^[A-Za-z0-9._~-]+$/;
var hostPattern = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])$/;
function text(value) {
  if (value === void 0 || value === null) return void 0;
  const s = String(value).trim();
  return s === "" ? void 0 : s;
}
function whereToSet(variable, option, env) {
  const where = `set ${variable} in .env (php artisan pogo:ws-install writes it) or pass { ${option} } to createEcho()`;
  return env === void 0 ? `${where}; import.meta.env was not available to @pogo/echo: pass createEcho({ env: import.meta.env })` : where;
}
function resolveConnectionSettings(env, overrides = {}) {
  const source = env ?? {};
  const missing = (variable, option) => `is missing: ${whereToSet(variable, option, env)}`;
  const pick = (option) => {
    const explicit = text(overrides[option]);
    if (explicit !== void 0) return { value: explicit, from: `option "${option}"` };
    const variable = envVariables[option];
    return { value: text(source[variable]), from: variable };
  };
  const key = pick("key");
  if (key.value === void 0) throw new PogoConfigError(envVariables.key, missing(envVariables.key, "key"));
  if (!keyPattern.test(key.value)) {
    throw new PogoConfigError(key.from, 'is invalid: an app key is letters, digits, ".", "_", "~" or "-" (no spaces or slashes)');
  }
  const host = pick("host");
  if (host.value === void 0) throw new PogoConfigError(envVariables.host, missing(envVariables.host, "host"));
  if (!hostPattern.test(host.value)) {
    const hint = /^[a-z]+:\/\//i.test(host.value) || /[:/]/.test(host.value) ? " (a host name only: no scheme, port or path)" : "";
    throw new PogoConfigError(host.from, `is invalid: "${host.value}" is not a host name${hint}`);
  }
  const scheme = pick("scheme");
  const schemeValue = (scheme.value ?? "https").toLowerCase();
  if (schemeValue !== "http" && schemeValue !== "https") {
    throw new PogoConfigError(scheme.from, `is invalid: "${scheme.value}" must be "http" or "https"`);
  }
  const port = pick("port");
  let portValue = schemeValue === "https" ? 443 : 80;
  if (port.value !== void 0) {
    portValue = Number(port.value);
    if (!/^\d+$/.test(port.value) || !Number.isInteger(portValue) || portValue < 1 || portValue > 65535) {
      throw new PogoConfigError(port.from, `is invalid: "${port.value}" must be a port number from 1 to 65535`);
    }
  }
  return { key: key.value, host: host.value.replace(/\.$/, ""), port: portValue, scheme: schemeValue };
}

// src/fallback.ts
var fallbackVariable = "VITE_POGO_FALLBACK";
var httpPath = "/pusher";
function fallbackEnabled(env, explicit) {
  if (explicit !== void 0) return explicit;
  const raw = env?.[fallbackVariable];
  if (raw === void 0 || raw === null || typeof raw === "boolean") return raw === true;
  const value = String(raw).trim().toLowerCase();
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0" || value === "") return false;
  throw new PogoConfigError(fallbackVariable, `is invalid: "${String(raw)}" must be "true" or "false"`);
}
function transportOptions(settings, fallback) {
  if (!fallback) return { enabledTransports: ["ws", "wss"] };
  return {
    enabledTransports: ["ws", "wss", "xhr_streaming", "xhr_polling"],
    httpHost: settings.host,
    httpPort: settings.port,
    httpsPort: settings.port,
    httpPath
  };
}
var PogoPusher = class extends Pusher {
  constructor(key, options) {
    super(key, options);
    const manager = this.connection;
    let wait = 0;
    let timer;
    manager.bind("state_change", ({ current }) => {
      if (current !== "unavailable") clearTimeout(timer);
      if (current === "connected") wait = /^ws/.test(manager.connection.transport.name) ? 1e3 : 0;
      if (current === "connecting" && wait) {
        timer = setTimeout(() => {
          manager.disconnect();
          manager.connect();
        }, wait * (0.5 + Math.random()));
        wait = Math.min(wait * 1.5, 16e3);
      }
    });
  }
};

// src/config.ts
function echoConfig(options = {}) {
  const { env, echo, recovery: _recovery, fallback, ...overrides } = options;
  const source = env ?? viteEnv();
  const settings = resolveConnectionSettings(source, overrides);
  return {
    broadcaster: "reverb",
    key: settings.key,
    wsHost: settings.host,
    wsPort: settings.port,
    wssPort: settings.port,
    forceTLS: settings.scheme === "https",
    ...transportOptions(settings, fallbackEnabled(source, fallback)),
    disableStats: true,
    Pusher: PogoPusher,
    ...echo
  };
}

// ../config/pogo-websocket.schema.json
var closeCodes = {
  APP_NOT_FOUND: {
    code: 4001,
    action: "refuse",
    message: "App key does not exist"
  },
  APP_DISABLED: {
    code: 4003,
    action: "refuse",
    message: "App is disabled"
  },
  APP_OVER_QUOTA: {
    code: 4004,
    action: "refuse",
    message: "App is over its connection quota"
  },
  PATH_NOT_FOUND: {
    code: 4005,
    action: "refuse",
    message: "Path not found; connect to /app/{key}"
  },
  INVALID_VERSION_FORMAT: {
    code: 4006,
    action: "refuse",
    message: "Invalid protocol version format"
  },
  UNSUPPORTED_PROTOCOL_VERSION: {
    code: 4007,
    action: "refuse",
    message: "Unsupported protocol version"
  },
  NO_PROTOCOL_VERSION: {
    code: 4008,
    action: "refuse",
    message: "No protocol version supplied"
  },
  UNAUTHORIZED: {
    code: 4009,
    action: "refuse",
    message: "Connection is unauthorized"
  },
  ORIGIN_NOT_ALLOWED: {
    code: 4010,
    action: "refuse",
    message: "Origin is not allowed for this app"
  },
  OVER_CAPACITY: {
    code: 4100,
    action: "backoff",
    message: "Over capacity; reconnect later"
  },
  SLOW_CONSUMER: {
    code: 4101,
    action: "backoff",
    message: "Outbound buffer full: the client reads too slowly"
  },
  RECONNECT: {
    code: 4200,
    action: "retry",
    message: "Server is restarting; reconnect"
  },
  PONG_NOT_RECEIVED: {
    code: 4201,
    action: "retry",
    message: "Pong reply not received"
  },
  INACTIVITY_TIMEOUT: {
    code: 4202,
    action: "retry",
    message: "Closed after inactivity: the client answered no pusher:ping"
  }
};
var errorCodes = {
  BAD_MESSAGE: {
    code: 4300,
    message: "Malformed message"
  },
  CLIENT_EVENT_RATE_LIMIT: {
    code: 4301,
    message: "Client event rejected due to rate limit"
  },
  UNKNOWN_EVENT: {
    code: 4302,
    message: "Unknown event"
  },
  MESSAGE_TOO_LARGE: {
    code: 4303,
    message: "Message exceeds the size limit"
  },
  TOO_MANY_CHANNELS: {
    code: 4304,
    message: "Too many channels subscribed on this connection"
  },
  PRESENCE_FULL: {
    code: 4305,
    message: "Presence channel has reached its member limit"
  },
  INVALID_CHANNEL: {
    code: 4306,
    message: "Invalid channel name"
  },
  SUBSCRIPTION_UNAUTHORIZED: {
    code: 4307,
    message: "Invalid signature for channel subscription"
  },
  CLIENT_EVENT_REJECTED: {
    code: 4308,
    message: "Client event rejected"
  },
  SIGNIN_FAILED: {
    code: 4309,
    message: "Invalid user authentication"
  },
  INVALID_CHANNEL_DATA: {
    code: 4310,
    message: "Invalid presence channel_data"
  },
  SERVER_AUTH_UNAVAILABLE: {
    code: 4311,
    message: "The app's authorization endpoint is unavailable"
  },
  SUBSCRIBE_RATE_LIMIT: {
    code: 4312,
    message: "Subscribing faster than this connection is allowed"
  },
  WATCHLIST_TOO_LARGE: {
    code: 4313,
    message: "The signed watchlist has more user ids than allowed (maxWatchlistSize)"
  },
  WATCHLIST_FULL: {
    code: 4314,
    message: "Too many watchlists on this server for the app (maxWatchlistConnections): signed in without the watchlist"
  }
};
var recovery = {
  serialField: "id",
  resumeField: "resume_from",
  previousSocketField: "previous_socket_id",
  discontinuityEvent: "pogo:discontinuity"};

// src/recovery.ts
var installed = /* @__PURE__ */ new WeakMap();
function enableRecovery(pusher) {
  const existing = installed.get(pusher);
  if (existing) return existing;
  const manager = pusher.connection;
  const serials = /* @__PURE__ */ new Map();
  const handlers = /* @__PURE__ */ new Map();
  let seenOnSocket;
  const send = manager.send_event.bind(manager);
  manager.send_event = (name, data, channel) => {
    const fields = data;
    if (name === "pusher:subscribe" && fields?.channel && serials.has(fields.channel)) {
      data = {
        ...fields,
        [recovery.resumeField]: serials.get(fields.channel),
        ...seenOnSocket && seenOnSocket !== manager.socket_id ? { [recovery.previousSocketField]: seenOnSocket } : {}
      };
    } else if (name === "pusher:unsubscribe" && fields?.channel) {
      serials.delete(fields.channel);
    }
    return send(name, data, channel);
  };
  const read = (event) => {
    const raw = event.data;
    if (typeof raw !== "string" || !raw.includes(`"${recovery.serialField}":`) && !raw.includes(recovery.discontinuityEvent)) return;
    let message;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (typeof message.channel !== "string") return;
    const serial = message[recovery.serialField];
    if (typeof serial === "string") serials.set(message.channel, serial);
    if (message.event === recovery.discontinuityEvent && typeof message.data === "string") {
      const discontinuity = JSON.parse(message.data);
      for (const handler of handlers.get(message.channel) ?? []) handler(discontinuity);
    }
  };
  const attach = () => {
    seenOnSocket = manager.socket_id;
    manager.connection?.transport?.bind("message", read);
  };
  manager.bind("connected", attach);
  if (manager.state === "connected") attach();
  const controller = {
    serialOf: (channel) => serials.get(channel),
    onDiscontinuity(channel, handler) {
      let set = handlers.get(channel);
      if (!set) {
        set = /* @__PURE__ */ new Set();
        handlers.set(channel, set);
      }
      set.add(handler);
      return () => set.delete(handler);
    }
  };
  installed.set(pusher, controller);
  return controller;
}
function pusherBehind(echo) {
  const pusher = echo.connector?.pusher;
  if (!pusher?.connection) throw new TypeError("@pogo/echo: expected an Echo instance using the pusher/reverb broadcaster");
  return pusher;
}
function recoveryOf(echo) {
  return enableRecovery(pusherBehind(echo));
}
function onDiscontinuity(echo, channel, handler) {
  return recoveryOf(echo).onDiscontinuity(channel, handler);
}

// src/create-echo.ts
function createEcho(options = {}) {
  const config = echoConfig(options);
  if (typeof Echo !== "function") {
    throw new Error("@pogo/echo: laravel-echo did not load as a class (its CommonJS entry is broken); import laravel-echo as an ES module");
  }
  const echo = new Echo(config);
  if (options.recovery !== false) recoveryOf(echo);
  return echo;
}

// src/online-users.ts
var trackers = /* @__PURE__ */ new WeakMap();
function trackerOf(pusher) {
  const known = trackers.get(pusher);
  if (known) return known;
  const t = { online: /* @__PURE__ */ new Set(), listeners: /* @__PURE__ */ new Set() };
  const change = (kind, ids) => {
    for (const id of ids) kind === "online" ? t.online.add(id) : t.online.delete(id);
    if (ids.length > 0) for (const listener of [...t.listeners]) listener[kind]?.([...ids]);
  };
  for (const kind of ["online", "offline"]) pusher.user.watchlist.bind(kind, (event) => change(kind, event.user_ids));
  pusher.connection.bind("state_change", ({ previous, current }) => {
    if (previous === "connected" && current !== "connected") change("offline", [...t.online]);
  });
  trackers.set(pusher, t);
  return t;
}
function onlineUsers(source, handlers) {
  const pusher = source.connector?.pusher ?? source;
  if (typeof pusher.user?.watchlist?.bind !== "function") throw new TypeError("@pogo/echo: onlineUsers() needs an Echo (pusher/reverb) or a pusher-js 8 client");
  const { online, listeners } = trackerOf(pusher);
  const listener = { ...handlers };
  listeners.add(listener);
  if (online.size > 0) listener.online?.([...online]);
  pusher.signin();
  return () => listeners.delete(listener);
}

// src/codes.ts
function index(table, kind) {
  const byCode = /* @__PURE__ */ new Map();
  for (const [name, entry] of Object.entries(table)) {
    const action = kind === "close" ? actionForCloseCode(entry.code, entry.action) : null;
    byCode.set(entry.code, { code: entry.code, name, kind, action, message: entry.message });
  }
  return byCode;
}
function actionForCloseCode(code, declared) {
  if (declared === "refuse" || declared === "backoff" || declared === "retry") return declared;
  if (code >= 4100 && code < 4200) return "backoff";
  if (code >= 4200 && code < 4300) return "retry";
  return "refuse";
}
var closeByCode = index(closeCodes, "close");
var errorByCode = index(errorCodes, "error");
var closeCodeList = [...closeByCode.values()];
var errorCodeList = [...errorByCode.values()];
var transportMessages = {
  1e3: "Connection closed normally",
  1001: "Server or page is going away",
  1002: "WebSocket protocol error",
  1003: "Server refused a message type it cannot accept",
  1005: "Connection closed without a status code",
  1006: "Connection lost (closed abnormally, no close frame)",
  1009: "Message too big for the server",
  1011: "Server hit an unexpected condition",
  1012: "Server is restarting",
  1013: "Server is overloaded; try again later"
};
function describeCode(code, kind = "close") {
  const known = kind === "error" ? errorByCode.get(code) ?? closeByCode.get(code) : closeByCode.get(code) ?? errorByCode.get(code);
  if (known) return known;
  if (code >= 4e3 && code < 4300) {
    return { code, name: null, kind: "close", action: actionForCloseCode(code), message: `Connection closed by the server (code ${code})` };
  }
  if (code < 4e3) {
    const message = transportMessages[code] ?? `Connection closed (code ${code})`;
    return { code, name: null, kind: "close", action: code >= 1002 && code <= 1004 ? "backoff" : "retry", message };
  }
  return { code, name: null, kind, action: kind === "close" ? "refuse" : null, message: `Server error (code ${code})` };
}
function codeMessage(code, kind = "close") {
  return describeCode(code, kind).message;
}

// src/connection.ts
function connectionOf(source) {
  const candidate = source;
  const connection = candidate.connector?.pusher?.connection ?? candidate.connection ?? source;
  if (!connection || typeof connection.bind !== "function") {
    throw new TypeError("@pogo/echo: expected an Echo instance using the pusher/reverb broadcaster, or a pusher-js client");
  }
  return connection;
}
function connectionState(source) {
  return connectionOf(source).state;
}
var duplicateWindowMs = 250;
function pusherJsGivesUp(code) {
  return code > 4e3 && code < 4100 || code >= 4300;
}
function closedProblem(code, serverMessage, cause) {
  const info = describeCode(code, "close");
  const gaveUp = pusherJsGivesUp(code);
  return {
    kind: "closed",
    code,
    name: info.name,
    message: info.message,
    serverMessage,
    action: info.action ?? (gaveUp ? "refuse" : "retry"),
    willReconnect: !gaveUp,
    cause
  };
}
function errorProblem(code, serverMessage, cause) {
  const info = code === null ? null : describeCode(code, "error");
  return {
    kind: "error",
    code,
    name: info?.name ?? null,
    message: info?.message ?? serverMessage ?? "Connection error",
    serverMessage,
    action: null,
    willReconnect: true,
    cause
  };
}
function codeOf(data) {
  const code = Number(data?.code);
  return data && data.code !== null && data.code !== void 0 && Number.isInteger(code) ? code : null;
}
function messageOf(data) {
  return typeof data?.message === "string" && data.message !== "" ? data.message : null;
}
function onConnectionProblem(source, handler) {
  const connection = connectionOf(source);
  let lastClose = null;
  let closeExplained = false;
  let pendingError = null;
  const reportClose = (problem) => {
    const now = Date.now();
    if (lastClose && lastClose.code === problem.code && now - lastClose.at < duplicateWindowMs) return;
    lastClose = { code: problem.code, at: now };
    closeExplained = true;
    handler(problem);
  };
  const onError = (event) => {
    if (event?.type === "WebSocketError") {
      const inner = event.error;
      const code = codeOf(inner?.data);
      if (inner?.type !== "PusherError" || code === null) return;
      if (pendingError?.code === code) pendingError = null;
      reportClose(closedProblem(code, messageOf(inner.data), event));
      return;
    }
    if (event?.type === "PusherError") {
      const code = codeOf(event.data);
      const serverMessage = messageOf(event.data);
      if (code !== null && code < 4300) {
        reportClose(closedProblem(code, serverMessage, event));
        return;
      }
      const problem = errorProblem(code, serverMessage, event);
      if (code === null) {
        handler(problem);
        return;
      }
      pendingError = { code, problem };
      queueMicrotask(() => {
        if (pendingError?.problem === problem) {
          pendingError = null;
          handler(problem);
        }
      });
      return;
    }
    if (event?.type === "HandshakeError") {
      handler(errorProblem(null, "The server did not answer the handshake with pusher:connection_established", event));
    }
  };
  const onStateChange = (change) => {
    if (change.current === "connected") {
      closeExplained = false;
    } else if (change.current === "unavailable") {
      handler({
        kind: "unavailable",
        code: null,
        name: null,
        message: "Cannot reach the WebSocket server (is it running, and are VITE_POGO_HOST/VITE_POGO_PORT right?); retrying",
        serverMessage: null,
        action: null,
        willReconnect: true,
        cause: change
      });
    } else if (change.current === "failed") {
      handler({
        kind: "failed",
        code: null,
        name: null,
        message: "None of the enabled transports is supported here; not connecting",
        serverMessage: null,
        action: null,
        willReconnect: false,
        cause: change
      });
    } else if (change.previous === "connected" && change.current === "connecting") {
      if (closeExplained) return;
      reportClose({
        kind: "closed",
        code: null,
        name: null,
        message: "Connection lost; reconnecting",
        serverMessage: null,
        action: "retry",
        willReconnect: true,
        cause: change
      });
    }
  };
  connection.bind("error", onError);
  connection.bind("state_change", onStateChange);
  return () => {
    connection.unbind("error", onError);
    connection.unbind("state_change", onStateChange);
  };
}

export { PogoConfigError, closeCodeList, codeMessage, connectionOf, connectionState, createEcho, describeCode, echoConfig, enableRecovery, envVariables, errorCodeList, onConnectionProblem, onDiscontinuity, onlineUsers, recoveryOf, resolveConnectionSettings };
