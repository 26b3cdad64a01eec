import { PogoChannels, ChannelNames, EventName, ChannelType, DefinitionFor, EventPayload, TypedPrivateChannel, TypedPresenceChannel, TypedChannel } from '@pogo/echo';

/** What every hook returns (as Laravel's hooks do), with the channel typed by its definition. */
interface EchoHookHandle<Channel> {
    /** Leave this channel (`leaveAll`: also the private and presence channels of the same name). */
    leaveChannel(leaveAll?: boolean): void;
    leave(): void;
    stopListening(): void;
    listen(): void;
    channel(): Channel | null;
}
type Def<C, T extends ChannelType, N extends string> = DefinitionFor<C, T, N>;
type Callback<C, T extends ChannelType, N extends string, E extends string> = (payload: EventPayload<Def<C, T, N>, E>) => void;
/**
 * The three hooks for channel map `C`. A name that matches no declared pattern of the hook's channel type has no
 * events, so the call fails on its event argument. `Deps` is React's DependencyList or Vue's dependency array.
 */
interface EchoHooks<C = PogoChannels, Deps = readonly unknown[]> {
    /** A private channel's events (`echo.private(name).listen(event)`), re-subscribed when `dependencies` change. */
    useEcho<N extends ChannelNames<C, 'private'>, E extends EventName<Def<C, 'private', N>>>(channelName: N, event: E | E[], callback: Callback<C, 'private', N, E>, dependencies?: Deps): EchoHookHandle<TypedPrivateChannel<Def<C, 'private', N>>>;
    /** A presence channel's events (`echo.join(name).listen(event)`). */
    useEchoPresence<N extends ChannelNames<C, 'presence'>, E extends EventName<Def<C, 'presence', N>>>(channelName: N, event: E | E[], callback: Callback<C, 'presence', N, E>, dependencies?: Deps): EchoHookHandle<TypedPresenceChannel<Def<C, 'presence', N>>>;
    /** A public channel's events (`echo.channel(name).listen(event)`). */
    useEchoPublic<N extends ChannelNames<C, 'public'>, E extends EventName<Def<C, 'public', N>>>(channelName: N, event: E | E[], callback: Callback<C, 'public', N, E>, dependencies?: Deps): EchoHookHandle<TypedChannel<Def<C, 'public', N>>>;
}

export type { EchoHooks as E, EchoHookHandle as a };
