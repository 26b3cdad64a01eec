import Echo, { EchoOptions } from 'laravel-echo';

/**
 * The app's channel map, empty until the app augments it. While it is empty every name and event is accepted
 * and payloads are `any`, exactly like untyped Echo.
 */
interface PogoChannels {
}
type ChannelType = 'public' | 'private' | 'presence' | 'encrypted';
/** What one entry of the channel map may say. */
interface ChannelDefinition {
    type: ChannelType;
    /** Event name as passed to `listen()` (e.g. `OrderShipped`, or `.order.shipped` for `broadcastAs`) → payload. */
    events?: object;
    /** Client event (whisper) name without the `client-` prefix → payload. Private and presence channels. */
    whispers?: object;
    /** Presence channels: the user info `routes/channels.php` returns for a member. */
    member?: unknown;
    /** Private channels: the payload of `notification()` callbacks. */
    notification?: unknown;
}
/** The payload Laravel sends for a broadcast notification. */
interface LaravelNotification {
    id: string;
    type: string;
    [field: string]: unknown;
}
/** What pusher-js passes to `error()` callbacks: an authorization failure or a `pusher:subscription_error`. */
interface SubscriptionError {
    type?: string;
    error?: string;
    status?: number;
    [field: string]: unknown;
}
type Split<S extends string> = S extends `${infer Head}.${infer Tail}` ? [Head, ...Split<Tail>] : [S];
/** `orders.{orderId}` → `orders.${string}`. */
type PatternToTemplate<P extends string> = P extends `${infer Head}{${string}}${infer Tail}` ? `${Head}${string}${PatternToTemplate<Tail>}` : P;
type SegmentMatches<N extends string, P extends string> = N extends '' ? false : N extends PatternToTemplate<P> ? true : false;
type SegmentsMatch<N extends string[], P extends string[]> = N extends [infer N1 extends string, ...infer NR extends string[]] ? P extends [infer P1 extends string, ...infer PR extends string[]] ? SegmentMatches<N1, P1> extends true ? SegmentsMatch<NR, PR> : false : false : P extends [] ? true : false;
/** Whether channel name `N` matches pattern `P` the way Laravel matches it: same segments, `{param}` = one segment. */
type NameMatchesPattern<N extends string, P extends string> = SegmentsMatch<Split<N>, Split<P>>;
type IsEmpty<C> = [keyof C] extends [never] ? true : false;
/** Untyped fallback definition (empty channel map): anything goes, as in plain Echo. */
type AnyDefinition<T extends ChannelType> = {
    type: T;
    events: Record<string, any>;
    whispers: Record<string, any>;
    member: any;
};
/** Every channel name a channel map accepts for a channel type, as template literal types. */
type ChannelNames<C, T extends ChannelType> = IsEmpty<C> extends true ? string : {
    [P in keyof C & string]: C[P] extends {
        type: T;
    } ? PatternToTemplate<P> : never;
}[keyof C & string];
/** The definition(s) of type `T` whose pattern matches channel name `N`. */
type DefinitionFor<C, T extends ChannelType, N extends string> = IsEmpty<C> extends true ? AnyDefinition<T> : {
    [P in keyof C & string]: C[P] extends {
        type: T;
    } ? (NameMatchesPattern<N, P> extends true ? C[P] : never) : never;
}[keyof C & string];
/**
 * Extra arguments required when a name fits a pattern's template loosely but not segment by segment
 * (e.g. `orders.1.2` against `orders.{orderId}`): none when it matches, an impossible one when it does not,
 * so the call fails to type-check with this explanation. (A rest parameter rather than an intersection on the
 * name keeps template literal arguments like `orders.${id}` typed as templates.)
 */
type NameCheck<C, T extends ChannelType, N extends string> = [DefinitionFor<C, T, N>] extends [never] ? [error: `no declared ${T} channel pattern matches this name segment by segment`] : [];
type EventsOf<D> = D extends {
    events: infer E extends object;
} ? E : Record<never, never>;
type WhispersOf<D> = D extends {
    whispers: infer W extends object;
} ? W : Record<never, never>;
type EventName<D> = [D] extends [never] ? never : keyof EventsOf<D> & string;
type EventPayload<D, E extends string> = E extends keyof EventsOf<D> ? EventsOf<D>[E] : never;
type WhisperName<D> = [D] extends [never] ? never : keyof WhispersOf<D> & string;
type WhisperPayload<D, W extends string> = W extends keyof WhispersOf<D> ? WhispersOf<D>[W] : never;
type MemberOf<D> = D extends {
    member: infer M;
} ? M : unknown;
type NotificationOf<D> = D extends {
    notification: infer X;
} ? X : LaravelNotification;
interface TypedChannel<D> {
    /** The channel name as pusher-js knows it (with its `private-`/`presence-` prefix). */
    readonly name: string;
    listen<E extends EventName<D>>(event: E, callback: (payload: EventPayload<D, E>) => void): this;
    stopListening<E extends EventName<D>>(event: E, callback?: (payload: EventPayload<D, E>) => void): this;
    /**
     * Every event of the channel, declared or not; `event` is in the form `listen()` takes (namespace removed, or a
     * leading dot for names outside it, e.g. `.client-typing`).
     */
    listenToAll(callback: (event: string, payload: unknown) => void): this;
    stopListeningToAll(callback?: (event: string, payload: unknown) => void): this;
    subscribed(callback: () => void): this;
    error(callback: (error: SubscriptionError) => void): this;
}
interface TypedPrivateChannel<D> extends TypedChannel<D> {
    whisper<W extends WhisperName<D>>(event: W, data: WhisperPayload<D, W>): this;
    listenForWhisper<W extends WhisperName<D>>(event: W, callback: (data: WhisperPayload<D, W>) => void): this;
    stopListeningForWhisper<W extends WhisperName<D>>(event: W, callback?: (data: WhisperPayload<D, W>) => void): this;
    notification(callback: (notification: NotificationOf<D>) => void): this;
}
interface TypedPresenceChannel<D> extends TypedPrivateChannel<D> {
    /** Called on every (re)subscription with everyone present, this connection included. */
    here(callback: (members: MemberOf<D>[]) => void): this;
    joining(callback: (member: MemberOf<D>) => void): this;
    leaving(callback: (member: MemberOf<D>) => void): this;
}
type TypedMethods = 'channel' | 'private' | 'join' | 'encryptedPrivate' | 'listen';
/** Laravel Echo with channel methods checked against the channel map `C`. */
interface PogoEcho<C = PogoChannels> extends Omit<Echo<'reverb'>, TypedMethods> {
    channel<N extends ChannelNames<C, 'public'>>(name: N, ...check: NameCheck<C, 'public', N>): TypedChannel<DefinitionFor<C, 'public', N>>;
    private<N extends ChannelNames<C, 'private'>>(name: N, ...check: NameCheck<C, 'private', N>): TypedPrivateChannel<DefinitionFor<C, 'private', N>>;
    encryptedPrivate<N extends ChannelNames<C, 'encrypted'>>(name: N, ...check: NameCheck<C, 'encrypted', N>): TypedPrivateChannel<DefinitionFor<C, 'encrypted', N>>;
    join<N extends ChannelNames<C, 'presence'>>(name: N, ...check: NameCheck<C, 'presence', N>): TypedPresenceChannel<DefinitionFor<C, 'presence', N>>;
    listen<N extends ChannelNames<C, 'public'>, E extends EventName<DefinitionFor<C, 'public', N>>>(channel: N, event: E, callback: (payload: EventPayload<DefinitionFor<C, 'public', N>, E>) => void): TypedChannel<DefinitionFor<C, 'public', N>>;
}

/** The Vite variables the preset reads. */
declare const envVariables: {
    readonly key: "VITE_POGO_APP_KEY";
    readonly host: "VITE_POGO_HOST";
    readonly port: "VITE_POGO_PORT";
    readonly scheme: "VITE_POGO_SCHEME";
};
/** Anything shaped like `import.meta.env` (or `process.env`): variable name → value. */
type EnvSource = Readonly<Record<string, string | boolean | number | undefined>>;
type Scheme = 'http' | 'https';
interface ConnectionSettings {
    key: string;
    host: string;
    port: number;
    scheme: Scheme;
}
/** Explicit values; each one overrides its variable. */
interface ConnectionOverrides {
    key?: string;
    host?: string;
    port?: number | string;
    scheme?: Scheme | string;
}
declare class PogoConfigError extends Error {
    /** The variable (or option) that is missing or invalid, e.g. `VITE_POGO_PORT`. */
    readonly variable: string;
    constructor(variable: string, problem: string);
}
/**
 * Resolves key, host, port and scheme: explicit values first, then the variables.
 * Defaults follow Laravel's Reverb stubs: scheme https, port 443 for https and 80 for http.
 */
declare function resolveConnectionSettings(env: EnvSource | undefined, overrides?: ConnectionOverrides): ConnectionSettings;

/** Echo's own options for a Pusher-protocol server ('reverb' broadcaster: pusher-js without a cluster). */
type PogoEchoOptions = EchoOptions<'reverb'>;
interface PogoOptions extends ConnectionOverrides {
    /**
     * Where the VITE_POGO_* variables come from. Defaults to `import.meta.env` (Vite); pass it explicitly
     * outside Vite, in tests, or when a dependency pre-bundler hides `import.meta.env` from this package.
     */
    env?: EnvSource;
    /**
     * Any other Echo / pusher-js option (authEndpoint, auth, bearerToken, channelAuthorization,
     * userAuthentication, namespace, withoutInterceptors, ...). These win over what the preset computes.
     */
    echo?: Partial<PogoEchoOptions>;
    /**
     * Connection recovery (default on): after a reconnect, resubscribe with the last serial seen per channel so
     * the server replays what was missed; see `onDiscontinuity`. `false` leaves pusher-js exactly as it is.
     */
    recovery?: boolean;
    /**
     * pusher-js's HTTP fallback transports (xhr_streaming, xhr_polling) where a WebSocket cannot be opened,
     * served by the same Pogo server. Defaults to VITE_POGO_FALLBACK (off when unset).
     */
    fallback?: boolean;
}
/**
 * The Echo options for a Pogo server, from VITE_POGO_* variables and explicit overrides.
 * Throws a `PogoConfigError` naming the variable when a setting is missing or invalid.
 *
 * ```ts
 * import { configureEcho } from '@laravel/echo-react';
 * configureEcho(echoConfig({ env: import.meta.env }));
 * ```
 */
declare function echoConfig(options?: PogoOptions): PogoEchoOptions;

/**
 * A Laravel Echo connected to the Pogo server the VITE_POGO_* variables describe. Explicit options override the
 * variables; a missing or invalid setting throws a `PogoConfigError` naming the variable.
 *
 * The channel map comes from `declare module '@pogo/echo' { interface PogoChannels { ... } }`, or explicitly:
 * `createEcho<AppChannels>()`.
 */
declare function createEcho<C extends object = PogoChannels>(options?: PogoOptions): PogoEcho<C>;

/** What a watched user's change is reported with: their ids (strings, as the server sends them). */
interface OnlineUsersHandlers {
    /** Watched users who came online; on subscribing, and after each sign-in, the ones online then. */
    online?: (userIds: string[]) => void;
    /** Watched users who went offline; when the connection drops, every user it had reported online. */
    offline?: (userIds: string[]) => void;
}
/** An Echo instance (pusher/reverb broadcaster) or a pusher-js client. */
type OnlineUsersSource = {
    connector: unknown;
} | {
    user: unknown;
    signin(): void;
};
/**
 * Calls `handlers` as users in the signed-in user's watchlist come online and go offline; signs the user in
 * (`pusher.signin()`, Echo's /broadcasting/user-auth) if that has not happened yet. Returns an unsubscribe.
 *
 * ```ts
 * const stop = onlineUsers(echo, {
 *   online: (ids) => ids.forEach((id) => presence.add(id)),
 *   offline: (ids) => ids.forEach((id) => presence.delete(id)),
 * });
 * ```
 */
declare function onlineUsers(source: OnlineUsersSource, handlers: OnlineUsersHandlers): () => void;

/** Why the server could not replay everything after a reconnect: refetch this channel's state. */
/**
 * Why a resume could not be complete: the schema's `recovery.reasons`, spelled out so the published declarations
 * do not embed the schema (tests/preset/recovery-reasons.test-d.ts holds the two equal).
 */
type RecoveryReason = 'WINDOW_EXPIRED' | 'HISTORY_TRIMMED' | 'UNKNOWN_SERIAL' | 'RECOVERY_DISABLED' | 'HISTORY_UNAVAILABLE' | 'REPLAY_TOO_LARGE';
interface Discontinuity {
    reason: RecoveryReason;
    message: string;
    /** The serial the client asked to resume from. */
    resume_from: string;
}
type DiscontinuityHandler = (discontinuity: Discontinuity) => void;
interface Recovery {
    /** The serial of the last event seen on a channel (its full Pusher name, e.g. `private-orders.1`). */
    serialOf(channel: string): string | undefined;
    /** Calls `handler` whenever the server says it could not replay a gap on `channel`; returns an unsubscribe. */
    onDiscontinuity(channel: string, handler: DiscontinuityHandler): () => void;
}
/** Installs recovery on a pusher-js client once; later calls return the same controller. */
declare function enableRecovery(pusher: {
    connection: unknown;
}): Recovery;
/** Recovery on an Echo instance (installed by `createEcho`, or here for an Echo built by hand). */
declare function recoveryOf(echo: unknown): Recovery;
/**
 * Calls `handler` when the server could not replay everything a channel missed while the connection
 * was down (beyond the window, history trimmed, server restarted): refetch that channel's state then.
 * `channel` is the full Pusher name: `orders`, `private-orders.1`, `presence-room.7`.
 */
declare function onDiscontinuity(echo: unknown, channel: string, handler: DiscontinuityHandler): () => void;

/** What a client should do after the server closed its connection with this code (Pusher protocol 7). */
type CloseAction = 'refuse' | 'backoff' | 'retry';
interface CodeInfo {
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
/** Every close code of the schema, in schema order. */
declare const closeCodeList: readonly CodeInfo[];
/** Every `pusher:error` code of the schema, in schema order. */
declare const errorCodeList: readonly CodeInfo[];
/**
 * Describes a code received from a Pogo server. `kind` says where it came from when the same number could be
 * read both ways: a close frame (`close`, the default) or a `pusher:error` message (`error`).
 */
declare function describeCode(code: number, kind?: CodeInfo['kind']): CodeInfo;
/** The readable message for a code, e.g. `codeMessage(4100)` → "Over capacity; reconnect later". */
declare function codeMessage(code: number, kind?: CodeInfo['kind']): string;

type ConnectionProblemKind = 
/** The server closed (or refused) the connection; `code` says why. */
'closed'
/** The server reported an error on a live connection (`pusher:error`), e.g. a client event over its rate limit. */
 | 'error'
/** No connection could be made within pusher-js's `unavailableTimeout` (server down, wrong host or port). */
 | 'unavailable'
/** No enabled transport works in this environment; pusher-js gave up. */
 | 'failed';
interface ConnectionProblem {
    kind: ConnectionProblemKind;
    /** Close code or `pusher:error` code; `null` when there is none (unreachable server, close without a code). */
    code: number | null;
    /** The schema's name for the code, e.g. `OVER_CAPACITY`. */
    name: string | null;
    /** A readable sentence, from the schema when the code is known. */
    message: string;
    /** What the server itself said (close reason or `pusher:error` message), when it said anything. */
    serverMessage: string | null;
    /** For closes: what pusher-js does next, per the Pusher protocol. */
    action: CloseAction | null;
    /** Whether pusher-js keeps trying by itself. `false`: it gave up, and only a new `connect()` will retry. */
    willReconnect: boolean;
    /** The raw pusher-js event, for logging. */
    cause: unknown;
}
type ConnectionState = 'initialized' | 'connecting' | 'connected' | 'unavailable' | 'failed' | 'disconnected';
/** The part of pusher-js's ConnectionManager this module uses. */
interface PusherConnection {
    state: string;
    bind(event: string, callback: (data: never) => void): unknown;
    unbind(event: string, callback?: (data: never) => void): unknown;
}
/** An Echo instance (Pusher connector), a pusher-js client, or its connection manager. */
type ConnectionSource = {
    connector: unknown;
} | {
    connection: PusherConnection;
} | PusherConnection;
/** Finds pusher-js's connection manager behind an Echo instance or a pusher-js client. */
declare function connectionOf(source: ConnectionSource): PusherConnection;
/** The connection's current state (pusher-js's names). */
declare function connectionState(source: ConnectionSource): ConnectionState;
/**
 * Calls `handler` with the reason each time the connection is refused, closed, cannot be made, or gets a
 * `pusher:error`. Returns a function that stops listening.
 *
 * ```ts
 * onConnectionProblem(echo, (problem) => {
 *   if (!problem.willReconnect) showBanner(problem.message); // e.g. "App key does not exist"
 * });
 * ```
 */
declare function onConnectionProblem(source: ConnectionSource, handler: (problem: ConnectionProblem) => void): () => void;

export { type ChannelDefinition, type ChannelNames, type ChannelType, type CloseAction, type CodeInfo, type ConnectionOverrides, type ConnectionProblem, type ConnectionProblemKind, type ConnectionSettings, type ConnectionSource, type ConnectionState, type DefinitionFor, type Discontinuity, type DiscontinuityHandler, type EnvSource, type EventName, type EventPayload, type LaravelNotification, type MemberOf, type NameCheck, type NameMatchesPattern, type NotificationOf, type OnlineUsersHandlers, type OnlineUsersSource, type PatternToTemplate, type PogoChannels, PogoConfigError, type PogoEcho, type PogoEchoOptions, type PogoOptions, type PusherConnection, type Recovery, type RecoveryReason, type Scheme, type SubscriptionError, type TypedChannel, type TypedPresenceChannel, type TypedPrivateChannel, type WhisperName, type WhisperPayload, closeCodeList, codeMessage, connectionOf, connectionState, createEcho, describeCode, echoConfig, enableRecovery, envVariables, errorCodeList, onConnectionProblem, onDiscontinuity, onlineUsers, recoveryOf, resolveConnectionSettings };
