// The bus's wire format version. Every frame a node sends starts with `~` and the version in two
// base-36 digits, so a node tells a frame of another release before reading any of it; frames of
// releases before this prefix start with their type letter ('p', 'c', 'n') and the sender's id.
// Bump `wireVersion` whenever a frame's layout or meaning changes (bus frames, control messages,
// the store's keys and scripts): nodes of different versions then drop each other's frames and
// say so, instead of misreading them. The prefix itself never changes: '~', two characters, the
// type letter, the sender's node id.
import { nodeIdLength } from './broker.js';

/** This release's format; 1 is the format of the releases that sent no version. */
export const wireVersion = 2;
export const wirePrefix = `~${wireVersion.toString(36).padStart(2, '0')}`;
/** Where a frame's type letter is; the sender's node id follows it. */
export const frameTypeAt = wirePrefix.length;
/** Where a frame's body starts: after the prefix, the type letter, the node id and "\n". */
export const frameBodyAt = frameTypeAt + 1 + nodeIdLength + 1;

/** Who sent a frame of another format, and that format. */
export interface ForeignOrigin {
  node: string;
  version: number;
}

const TILDE = 126;

/** For a frame that does not start with `wirePrefix`: its sender and format (1: a release without versions). */
export function foreignOrigin(payload: string): ForeignOrigin {
  if (payload.charCodeAt(0) !== TILDE) return { node: printableNodeId(payload.slice(1, 1 + nodeIdLength)), version: 1 };
  const version = Number.parseInt(payload.slice(1, frameTypeAt), 36);
  return { node: printableNodeId(payload.slice(frameTypeAt + 1, frameTypeAt + 1 + nodeIdLength)), version: Number.isNaN(version) ? 0 : version };
}

/** Node ids reach a log line: nothing but letters, digits and '-' of them. */
export function printableNodeId(id: string): string {
  return id.replace(/[^0-9A-Za-z-]/g, '?');
}
