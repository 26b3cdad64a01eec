// Typed channels. An app declares its channels once, with the same patterns as routes/channels.php:
//
//   declare module '@pogo/echo' {
//     interface PogoChannels {
//       'orders.{orderId}': { type: 'private'; events: { OrderShipped: { id: number; trackingNumber: string } } };
//       'chat.{roomId}': { type: 'presence'; member: { id: number; name: string }; whispers: { typing: { name: string } } };
//     }
//   }
//
// and `echo.private('orders.1').listen('OrderShipped', (e) => e.trackingNumber)` is checked: the channel name
// against the patterns (segment by segment, as Laravel matches `{param}` to `[^.]+`), the event name against
// that channel's events, and the payload type flows into the callback. These are types only: at run time the
// object is Laravel Echo itself.
import type Echo from 'laravel-echo';

/**
 * The app's channel map, empty until the app augments it. While it is empty every name and event is accepted
 * and payloads are `any`, exactly like untyped Echo.
 */
// biome-ignore lint/suspicious/noEmptyInterface: an interface, not a type, so the app can augment it.
export interface PogoChannels {}

export type ChannelType = 'public' | 'private' | 'presence' | 'encrypted';

/** What one entry of the channel map may say. */
export interface ChannelDefinition {
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
export interface LaravelNotification {
  id: string;
  type: string;
  [field: string]: unknown;
}

/** What pusher-js passes to `error()` callbacks: an authorization failure or a `pusher:subscription_error`. */
export interface SubscriptionError {
  type?: string;
  error?: string;
  status?: number;
  [field: string]: unknown;
}

// ---- matching a channel name against the declared patterns -----------------------------------------------

type Split<S extends string> = S extends `${infer Head}.${infer Tail}` ? [Head, ...Split<Tail>] : [S];

/** `orders.{orderId}` → `orders.${string}`. */
export type PatternToTemplate<P extends string> = P extends `${infer Head}{${string}}${infer Tail}`
  ? `${Head}${string}${PatternToTemplate<Tail>}`
  : P;

type SegmentMatches<N extends string, P extends string> = N extends '' ? false : N extends PatternToTemplate<P> ? true : false;

type SegmentsMatch<N extends string[], P extends string[]> = N extends [infer N1 extends string, ...infer NR extends string[]]
  ? P extends [infer P1 extends string, ...infer PR extends string[]]
    ? SegmentMatches<N1, P1> extends true
      ? SegmentsMatch<NR, PR>
      : false
    : false
  : P extends []
    ? true
    : false;

/** Whether channel name `N` matches pattern `P` the way Laravel matches it: same segments, `{param}` = one segment. */
export type NameMatchesPattern<N extends string, P extends string> = SegmentsMatch<Split<N>, Split<P>>;

type IsEmpty<C> = [keyof C] extends [never] ? true : false;

/** Untyped fallback definition (empty channel map): anything goes, as in plain Echo. */
// biome-ignore lint/suspicious/noExplicitAny: an empty channel map means untyped Echo, whose payloads are `any`.
type AnyDefinition<T extends ChannelType> = { type: T; events: Record<string, any>; whispers: Record<string, any>; member: any };

/** Every channel name a channel map accepts for a channel type, as template literal types. */
export type ChannelNames<C, T extends ChannelType> =
  IsEmpty<C> extends true
    ? string
    : { [P in keyof C & string]: C[P] extends { type: T } ? PatternToTemplate<P> : never }[keyof C & string];

/** The definition(s) of type `T` whose pattern matches channel name `N`. */
export type DefinitionFor<C, T extends ChannelType, N extends string> =
  IsEmpty<C> extends true
    ? AnyDefinition<T>
    : { [P in keyof C & string]: C[P] extends { type: T } ? (NameMatchesPattern<N, P> extends true ? C[P] : never) : never }[keyof C &
        string];

/**
 * Extra arguments required when a name fits a pattern's template loosely but not segment by segment
 * (e.g. `orders.1.2` against `orders.{orderId}`): none when it matches, an impossible one when it does not,
 * so the call fails to type-check with this explanation. (A rest parameter rather than an intersection on the
 * name keeps template literal arguments like `orders.${id}` typed as templates.)
 */
export type NameCheck<C, T extends ChannelType, N extends string> = [DefinitionFor<C, T, N>] extends [never]
  ? [error: `no declared ${T} channel pattern matches this name segment by segment`]
  : [];

// ---- what a definition says -------------------------------------------------------------------------------

type EventsOf<D> = D extends { events: infer E extends object } ? E : Record<never, never>;
type WhispersOf<D> = D extends { whispers: infer W extends object } ? W : Record<never, never>;

// `[D] extends [never]`: an unmatched channel has no events (keyof never would be every string).
export type EventName<D> = [D] extends [never] ? never : keyof EventsOf<D> & string;
export type EventPayload<D, E extends string> = E extends keyof EventsOf<D> ? EventsOf<D>[E] : never;
export type WhisperName<D> = [D] extends [never] ? never : keyof WhispersOf<D> & string;
export type WhisperPayload<D, W extends string> = W extends keyof WhispersOf<D> ? WhispersOf<D>[W] : never;
export type MemberOf<D> = D extends { member: infer M } ? M : unknown;
export type NotificationOf<D> = D extends { notification: infer X } ? X : LaravelNotification;

// ---- typed views of Echo's channel classes --------------------------------------------------------------------

export interface TypedChannel<D> {
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

export interface TypedPrivateChannel<D> extends TypedChannel<D> {
  whisper<W extends WhisperName<D>>(event: W, data: WhisperPayload<D, W>): this;
  listenForWhisper<W extends WhisperName<D>>(event: W, callback: (data: WhisperPayload<D, W>) => void): this;
  stopListeningForWhisper<W extends WhisperName<D>>(event: W, callback?: (data: WhisperPayload<D, W>) => void): this;
  notification(callback: (notification: NotificationOf<D>) => void): this;
}

export interface TypedPresenceChannel<D> extends TypedPrivateChannel<D> {
  /** Called on every (re)subscription with everyone present, this connection included. */
  here(callback: (members: MemberOf<D>[]) => void): this;
  joining(callback: (member: MemberOf<D>) => void): this;
  leaving(callback: (member: MemberOf<D>) => void): this;
}

type TypedMethods = 'channel' | 'private' | 'join' | 'encryptedPrivate' | 'listen';

/** Laravel Echo with channel methods checked against the channel map `C`. */
export interface PogoEcho<C = PogoChannels> extends Omit<Echo<'reverb'>, TypedMethods> {
  channel<N extends ChannelNames<C, 'public'>>(name: N, ...check: NameCheck<C, 'public', N>): TypedChannel<DefinitionFor<C, 'public', N>>;
  private<N extends ChannelNames<C, 'private'>>(
    name: N,
    ...check: NameCheck<C, 'private', N>
  ): TypedPrivateChannel<DefinitionFor<C, 'private', N>>;
  encryptedPrivate<N extends ChannelNames<C, 'encrypted'>>(
    name: N,
    ...check: NameCheck<C, 'encrypted', N>
  ): TypedPrivateChannel<DefinitionFor<C, 'encrypted', N>>;
  join<N extends ChannelNames<C, 'presence'>>(name: N, ...check: NameCheck<C, 'presence', N>): TypedPresenceChannel<DefinitionFor<C, 'presence', N>>;
  listen<N extends ChannelNames<C, 'public'>, E extends EventName<DefinitionFor<C, 'public', N>>>(
    channel: N,
    event: E,
    callback: (payload: EventPayload<DefinitionFor<C, 'public', N>, E>) => void,
  ): TypedChannel<DefinitionFor<C, 'public', N>>;
}
