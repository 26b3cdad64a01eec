// Socket ids in Pusher's `digits.digits` form: random (unguessable) and checked against
// the ids in use on this node (collision-free).
import { randomInt } from 'node:crypto';

const MAX = 2 ** 47; // randomInt's upper bound must stay below 2^48

export function newSocketId(inUse: (id: string) => boolean): string {
  for (;;) {
    const id = `${randomInt(1, MAX)}.${randomInt(1, MAX)}`;
    if (!inUse(id)) return id;
  }
}
