// One channel of one app on this node: its subscribers, presence members and cached last event.
import { channelType, type ChannelType } from '../protocol/channel-name.js';
import type { Subscriber } from './subscriber.js';

export interface PresenceMember {
  info: unknown;
  /** Connections of this user on this channel, on this node. */
  connections: number;
}

export class Channel {
  readonly type: ChannelType;
  readonly subscribers = new Set<Subscriber>();
  /** Presence channels only: user id → member. */
  readonly members: Map<string, PresenceMember> | undefined;
  /** Cache channels only: the frame of the last event, replayed to new subscribers. */
  lastEvent: Buffer | undefined;
  lastEventAt = 0;

  constructor(readonly name: string) {
    this.type = channelType(name);
    this.members = this.type.kind === 'presence' ? new Map() : undefined;
  }

  get occupied(): boolean {
    return this.subscribers.size > 0;
  }

  /**
   * Writes one frame to every subscriber but the excluded one. The frame is shared:
   * nothing here is done per recipient except queueing a reference.
   */
  broadcast(frame: Buffer, exceptSocketId?: string): number {
    let delivered = 0;
    for (const subscriber of this.subscribers) {
      if (subscriber.socketId === exceptSocketId) continue;
      subscriber.send(frame);
      delivered++;
    }
    return delivered;
  }
}
