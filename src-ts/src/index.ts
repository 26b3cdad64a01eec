// @pogo/echo: the typed Laravel Echo preset for Pogo WebSocket.
export { createEcho } from './create-echo';
export { onlineUsers, type OnlineUsersHandlers, type OnlineUsersSource } from './online-users';
export { enableRecovery, onDiscontinuity, recoveryOf, type Discontinuity, type DiscontinuityHandler, type Recovery, type RecoveryReason } from './recovery';
export { echoConfig, type PogoEchoOptions, type PogoOptions } from './config';
export {
  envVariables,
  PogoConfigError,
  resolveConnectionSettings,
  type ConnectionOverrides,
  type ConnectionSettings,
  type EnvSource,
  type Scheme,
} from './env';
export { closeCodeList, codeMessage, describeCode, errorCodeList, type CloseAction, type CodeInfo } from './codes';
export {
  connectionOf,
  connectionState,
  onConnectionProblem,
  type ConnectionProblem,
  type ConnectionProblemKind,
  type ConnectionSource,
  type ConnectionState,
  type PusherConnection,
} from './connection';
export type {
  ChannelDefinition,
  ChannelNames,
  ChannelType,
  DefinitionFor,
  EventName,
  EventPayload,
  LaravelNotification,
  MemberOf,
  NameCheck,
  NameMatchesPattern,
  NotificationOf,
  PatternToTemplate,
  PogoChannels,
  PogoEcho,
  SubscriptionError,
  TypedChannel,
  TypedPresenceChannel,
  TypedPrivateChannel,
  WhisperName,
  WhisperPayload,
} from './channels';
