// `--workers`: node:cluster hands each TCP connection to any worker, so one fallback session's
// requests (the receive requests, the xhr_send posts) reach several. The worker that opened a
// session holds it (its Connection lives there) and the primary knows which one that is
// (session-registry.ts). A worker that gets a request for a session it does not hold asks the
// primary, then relays: an xhr_send's body goes to the holder and its status comes back; a receive
// request gets the lines the holder would have written (relay-response.ts on the holder's side).
// Everything between two workers passes through the primary, in order (relay-messages.ts).
import cluster from 'node:cluster';
import type { ServerResponse } from 'node:http';
import { guard } from '../transport/listener-guard.js';
import { isPogoMessage, type PrimaryToWorker } from '../workers/ipc-messages.js';
import { primaryLink } from '../workers/primary-link.js';
import type { RelayMessage, SessionKey } from './relay-messages.js';
import { RelayResponse } from './relay-response.js';
import type { ReceiveResponse, SessionTransport } from './session.js';

/** What the holder of sessions answers for them (fallback-server.ts). */
export interface RelayOwner {
  /** An xhr_send relayed to this worker (`body` undefined: over the limit): the status to answer. */
  relayedSend(session: SessionKey, ip: string, body: string | undefined): { status: number; error?: string };
  /** A receive request relayed to this worker: how to attach it to the session, or undefined when it is not the session's (404). */
  relayedReceive(session: SessionKey, ip: string, transport: SessionTransport): ((response: ReceiveResponse) => void) | undefined;
}

/** What a relaying worker does with its client's receive request once the holder answered. */
export interface RelayedReceiveAnswer {
  /** The session's: write the head (lines follow). */
  attached(): void;
  /** Not the session's, or the holder did not answer: answer as for no session. */
  refused(): void;
}

/** How long a worker waits for the primary or the holder before answering as if the session were gone (ms). */
const answerTimeoutMs = 5_000;

interface PendingSend {
  owner: number;
  timer: NodeJS.Timeout;
  resolve(answer: { status: number; error?: string }): void;
}

interface RelayedReceive {
  owner: number;
  res: ServerResponse;
  answer: RelayedReceiveAnswer;
  timer: NodeJS.Timeout | undefined;
  /** The holder ended or dropped it: no detach to send. */
  over: boolean;
  /** Bytes handed to the socket and not yet reported to the holder. */
  unacknowledged: number;
}

const isOwnerSide = (relay: RelayMessage): relay is Extract<RelayMessage, { kind: 'send' | 'attach' | 'detach' | 'ack' }> =>
  relay.kind === 'send' || relay.kind === 'attach' || relay.kind === 'detach' || relay.kind === 'ack';

export class WorkerRelay {
  readonly self = cluster.worker?.id ?? 0;
  private nextId = 1;
  private readonly sends = new Map<number, PendingSend>();
  private readonly receives = new Map<number, RelayedReceive>();
  /** On the holder's side: `{relaying worker}:{id}` → the response that worker writes. */
  private readonly responses = new Map<string, RelayResponse>();
  private acknowledging = false;
  private readonly onMessage = (message: unknown): void => {
    if (!isPogoMessage(message) || (message.pogo !== 'relay' && message.pogo !== 'workerGone')) return;
    guard('http', () => this.received(message as PrimaryToWorker), () => undefined);
  };

  constructor(private readonly owner: RelayOwner) {
    process.on('message', this.onMessage);
  }

  /** The worker holding `session`; with `claim`, this one when none does. Undefined: nobody holds it. */
  async ownerOf(session: SessionKey, claim: boolean): Promise<number | undefined> {
    const owner = await primaryLink.call<number | null>('sessionOwner', [session, claim], answerTimeoutMs);
    return owner ?? undefined;
  }

  /** This worker forgot `session`. */
  released(session: SessionKey): void {
    this.post(() => primaryLink.post({ pogo: 'sessionReleased', session }));
  }

  /** Relays an xhr_send's body to the session's holder; resolves with the status to answer. */
  send(owner: number, session: SessionKey, ip: string, body: string | undefined): Promise<{ status: number; error?: string }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sends.delete(id);
        resolve({ status: 503, error: 'The worker holding the session did not answer' });
      }, answerTimeoutMs);
      this.sends.set(id, { owner, timer, resolve });
      this.to(owner, { kind: 'send', id, session, ip, body });
    });
  }

  /** Relays a receive request to the session's holder: `res` gets its lines until either side ends it. */
  receive(owner: number, session: SessionKey, ip: string, transport: SessionTransport, res: ServerResponse, answer: RelayedReceiveAnswer): void {
    const id = this.nextId++;
    const timer = setTimeout(() => this.refuse(id), answerTimeoutMs);
    const relayed: RelayedReceive = { owner, res, answer, timer, over: false, unacknowledged: 0 };
    this.receives.set(id, relayed);
    res.on('close', () => {
      if (this.receives.get(id) !== relayed) return;
      this.receives.delete(id);
      clearTimeout(relayed.timer);
      if (!relayed.over) this.to(owner, { kind: 'detach', id });
    });
    this.to(owner, { kind: 'attach', id, session, ip, transport });
  }

  /** Stops listening (shutdown): relayed requests end with their clients. */
  close(): void {
    process.off('message', this.onMessage);
    for (const { timer } of this.sends.values()) clearTimeout(timer);
    for (const { timer } of this.receives.values()) clearTimeout(timer);
  }

  private received(message: PrimaryToWorker): void {
    if (message.pogo === 'workerGone') {
      this.gone(message.worker);
      return;
    }
    if (message.pogo !== 'relay') return;
    const { relay } = message;
    if (isOwnerSide(relay)) this.asOwner(message.from, relay);
    else this.asRelayer(relay);
  }

  /** A relaying worker asks about a session held here, or tells what became of its request. */
  private asOwner(from: number, relay: Extract<RelayMessage, { kind: 'send' | 'attach' | 'detach' | 'ack' }>): void {
    const key = `${from}:${relay.id}`;
    if (relay.kind === 'send') {
      this.to(from, { kind: 'sent', id: relay.id, ...this.owner.relayedSend(relay.session, relay.ip, relay.body) });
    } else if (relay.kind === 'attach') {
      const attach = this.owner.relayedReceive(relay.session, relay.ip, relay.transport);
      if (!attach) {
        this.to(from, { kind: 'refused', id: relay.id });
        return;
      }
      const response = new RelayResponse(relay.id, (line) => this.to(from, line), () => this.responses.delete(key));
      this.responses.set(key, response);
      // Before any line: the relaying worker writes the head first.
      this.to(from, { kind: 'attached', id: relay.id });
      attach(response);
    } else if (relay.kind === 'detach') {
      this.responses.get(key)?.closedByRelayer();
    } else {
      this.responses.get(key)?.acknowledged(relay.bytes);
    }
  }

  /** The holder answers a request relayed from here. */
  private asRelayer(relay: Exclude<RelayMessage, { kind: 'send' | 'attach' | 'detach' | 'ack' }>): void {
    if (relay.kind === 'sent') {
      const pending = this.sends.get(relay.id);
      if (!pending) return;
      this.sends.delete(relay.id);
      clearTimeout(pending.timer);
      pending.resolve({ status: relay.status, error: relay.error });
      return;
    }
    const relayed = this.receives.get(relay.id);
    if (!relayed) return;
    if (relay.kind === 'attached') {
      clearTimeout(relayed.timer);
      relayed.timer = undefined;
      relayed.answer.attached();
    } else if (relay.kind === 'refused') {
      relayed.over = true;
      this.refuse(relay.id);
    } else if (relay.kind === 'lines') {
      this.lines(relayed, relay.data, relay.end);
    } else {
      relayed.over = true;
      relayed.res.destroy();
    }
  }

  private lines(relayed: RelayedReceive, data: string, end: boolean): void {
    if (relayed.res.destroyed) return;
    if (end) {
      relayed.over = true;
      relayed.res.end(data);
      return;
    }
    const bytes = Buffer.byteLength(data);
    relayed.res.write(data, () => {
      relayed.unacknowledged += bytes;
      this.acknowledgeSoon();
    });
  }

  /** The bytes handed to clients' sockets, told to their holders once per turn (not once per line). */
  private acknowledgeSoon(): void {
    if (this.acknowledging) return;
    this.acknowledging = true;
    setImmediate(() => {
      this.acknowledging = false;
      for (const [id, relayed] of this.receives) {
        if (relayed.unacknowledged === 0) continue;
        this.to(relayed.owner, { kind: 'ack', id, bytes: relayed.unacknowledged });
        relayed.unacknowledged = 0;
      }
    });
  }

  private refuse(id: number): void {
    const relayed = this.receives.get(id);
    if (!relayed) return;
    this.receives.delete(id);
    clearTimeout(relayed.timer);
    // The holder may still attach it after a timeout here: tell it the request is gone.
    if (!relayed.over) this.to(relayed.owner, { kind: 'detach', id });
    if (relayed.timer === undefined) {
      // Already answered 200 (a holder that vanished): end what was started.
      relayed.res.destroy();
      return;
    }
    relayed.answer.refused();
  }

  /** `worker` is gone: what it held and what it relayed end (their clients open new sessions). */
  private gone(worker: number): void {
    for (const [id, pending] of this.sends) {
      if (pending.owner !== worker) continue;
      this.sends.delete(id);
      clearTimeout(pending.timer);
      pending.resolve({ status: 404, error: 'No such session: its worker is gone' });
    }
    for (const [id, relayed] of this.receives) {
      if (relayed.owner !== worker) continue;
      relayed.over = true;
      if (relayed.timer !== undefined) this.refuse(id);
      else relayed.res.destroy();
    }
    for (const [key, response] of this.responses) if (key.startsWith(`${worker}:`)) response.closedByRelayer();
  }

  private to(worker: number, relay: RelayMessage): void {
    this.post(() => primaryLink.post({ pogo: 'relay', to: worker, relay }));
  }

  /** The primary may be gone (the worker is stopping): nothing to tell then. */
  private post(send: () => void): void {
    try {
      send();
    } catch {
      // PrimaryUnreachable: this worker's sessions and relays end with it.
    }
  }
}
