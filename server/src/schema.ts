// The shared schema (config/pogo-websocket.schema.json), inlined at build time.
// Every code, status and default limit the server uses comes from here.
import schemaJson from '../../config/pogo-websocket.schema.json';

export const schema = schemaJson;

export type CloseCodeName = keyof typeof schemaJson.closeCodes;
export type ErrorCodeName = keyof typeof schemaJson.errorCodes;
export type PublishStatusName = keyof typeof schemaJson.publishStatus;
/** Why a resuming subscriber could not be given everything it missed. */
export type RecoveryReason = keyof typeof schemaJson.recovery.reasons;
export type Limits = { -readonly [K in keyof typeof schemaJson.limits]: number };

export interface CodeEntry {
  code: number;
  message: string;
}

export function closeCode(name: CloseCodeName): CodeEntry {
  return schemaJson.closeCodes[name];
}

export function errorCode(name: ErrorCodeName): CodeEntry {
  return schemaJson.errorCodes[name];
}

export interface PublishStatus {
  name: PublishStatusName;
  status: number;
  http: number;
  message: string;
}

export function publishStatus(name: PublishStatusName): PublishStatus {
  return { name, ...schemaJson.publishStatus[name] };
}

export const defaultLimits: Readonly<Limits> = schemaJson.limits;
export const protocolVersion = schemaJson.protocol;
export const userChannelPrefix: string = schemaJson.protocol.userChannelPrefix;
export const clientEventPrefix: string = schemaJson.events.clientEventPrefix;
export const channelNamePattern = new RegExp(schemaJson.$defs.channelName.pattern);
export const socketIdPattern = new RegExp(schemaJson.$defs.socketId.pattern);
