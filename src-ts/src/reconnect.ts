// Prompt reconnection after a server restart (4200), with a backoff.
//
// Why: pusher-js 8 runs each transport in a SequentialStrategy with `timeout: 15000` (runtimes/*/default_strategy.ts).
// A WebSocket refused while the server is down fails at once, but SequentialStrategy.tryStrategy ignores that failure
// until its timer ends, so the next attempt waits 15 s (then 30 s, then 60 s each). No option changes that schedule
// (unavailableTimeout only names the state, activityTimeout/pongTimeout detect silent drops), so once a WebSocket
// connection is lost and pusher-js is still connecting, this starts its attempt again through the public
// connection.disconnect()/connect(): after about 1 s, then 1.5× longer each time up to 16 s, each wait ±50% so the
// clients of one restarted server do not come back in step.
//
// Only after a WebSocket connection (`ws`/`wss`): a client that came over the HTTP fallback keeps pusher-js's own
// schedule, which starts xhr_streaming 2-5 s into an attempt (waits from about the 7th on leave it room).
// The price: each new attempt restarts pusher-js's unavailableTimeout, so 'unavailable' shows only once a wait is
// longer than it (10 s by default: half a minute to a minute into an outage).
import Pusher, { type Options } from 'pusher-js';

/** pusher-js whose connection starts its attempt again promptly, backing off, after a lost WebSocket connection. */
export class PogoPusher extends Pusher {
  constructor(key: string, options: Options) {
    super(key, options);
    const manager = this.connection;
    // The next wait; 0 until connected over a WebSocket (nothing to hasten before, nor over the HTTP fallback).
    let wait = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    manager.bind('state_change', ({ current }: { current: string }) => {
      // 'unavailable' keeps the pending retry; 'disconnected' (the app, or the retry itself) and 'connected' end it.
      if (current !== 'unavailable') clearTimeout(timer);
      if (current === 'connected') wait = /^ws/.test(manager.connection.transport.name) ? 1e3 : 0;
      if (current === 'connecting' && wait) {
        timer = setTimeout(() => {
          manager.disconnect();
          manager.connect();
        }, wait * (0.5 + Math.random()));
        wait = Math.min(wait * 1.5, 16e3);
      }
    });
  }
}
