// The node list, and the console across nodes. Every node sends its newest sample once a
// second to the others as a note over the broker's bus (the adapter's `notes`: Redis pub/sub,
// or the worker mesh with `--workers N` without Redis), so any node's dashboard shows every
// node and their sum. While some node's console is watched, every node also forwards its
// console batches to the others. Alone, the list is this node.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { NodeNotes } from '../adapter/adapter.js';
import { addSamples, emptySample, type Sample } from './samples.js';
import type { NodeSnapshot } from './wire.js';

export type { NodeSnapshot };

type Note = { t: 'dashboard'; snapshot: NodeSnapshot } | { t: 'dashboard'; from: string; console: string };

/** A node that has not reported for this long is gone from the list. */
const staleAfterMs = 5_000;

export class NodeDirectory {
  readonly id: string;
  private readonly startedAt = Date.now();
  private latest: NodeSnapshot | undefined;
  private readonly others = new Map<string, NodeSnapshot>();
  /** Console batches from other nodes, for this node's streams. */
  onConsole: (payload: string) => void = () => undefined;

  /** `notes`: the adapter's, when this node shares a cluster; absent when it is alone. */
  constructor(private readonly notes: NodeNotes | undefined) {
    this.id = notes?.nodeId ?? randomBytes(8).toString('hex');
    notes?.listen((note) => this.receive(note));
  }

  /** How nodes share: through Redis, between `--workers`, or not at all. */
  get sharing(): 'redis' | 'workers' | undefined {
    return this.notes?.via;
  }

  private receive(note: string): void {
    let parsed: Note;
    try {
      parsed = JSON.parse(note) as Note;
    } catch {
      return;
    }
    if ('snapshot' in parsed) {
      if (parsed.snapshot.id !== this.id) this.others.set(parsed.snapshot.id, parsed.snapshot);
    } else if (parsed.from !== this.id) this.onConsole(parsed.console);
  }

  /** This node's newest sample, sent to the others. */
  update(total: Sample, apps: Record<string, Sample>, at: number, watching: boolean): void {
    this.latest = { id: this.id, host: hostname(), pid: process.pid, startedAt: this.startedAt, at, watching, total, apps };
    this.notes?.send(JSON.stringify({ t: 'dashboard', snapshot: this.latest }));
    for (const [id, node] of this.others) if (at - node.at > staleAfterMs) this.others.delete(id);
  }

  /** Is a console watched on another node (so this node's console events should go there)? */
  remoteWatching(): boolean {
    const now = Date.now();
    for (const node of this.others.values()) if (node.watching && now - node.at <= staleAfterMs) return true;
    return false;
  }

  /** This node's console batch, for the consoles on other nodes. */
  forwardConsole(payload: string): void {
    this.notes?.send(JSON.stringify({ t: 'dashboard', from: this.id, console: payload }));
  }

  /** This node first, then the others that reported within the last 5 s. */
  list(): NodeSnapshot[] {
    const now = Date.now();
    const others = [...this.others.values()].filter((n) => now - n.at <= staleAfterMs).sort((a, b) => a.startedAt - b.startedAt);
    return [...(this.latest ? [this.latest] : []), ...others];
  }

  /** The sum over `list()`, per app and in total. */
  sum(): { total: Sample; apps: Record<string, Sample> } {
    const total = emptySample();
    const apps: Record<string, Sample> = {};
    for (const node of this.list()) {
      addSamples(total, node.total);
      for (const [id, sample] of Object.entries(node.apps)) {
        apps[id] ??= emptySample();
        addSamples(apps[id], sample);
      }
    }
    return { total, apps };
  }

  /** Stops listening (the adapter, closed after the dashboard, owns the connection). */
  close(): void {
    this.notes?.listen(() => undefined);
  }
}
