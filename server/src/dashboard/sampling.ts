// This node's numbers once a second: connections, channels and members read from the hub, and
// what the counters and the error tally gained since the last sample; the sum over every node
// is then kept in one ring per app and one for the total (the dashboard's charts).
import type { Hub } from '../hub.js';
import type { CounterStore } from '../observe/counters.js';
import { addSamples, emptySample, SampleRing, type Sample, type SeriesHistory } from './samples.js';
import { noApp, type Tally } from './tally.js';

/** A sample per app and their total. */
interface SampleSet {
  total: Sample;
  apps: Record<string, Sample>;
}

type Totals = { messagesIn: number; messagesOut: number; httpPublishes: number; clientEvents: number; errors: number };

export class Sampler {
  private readonly rings = new Map<string, SampleRing>();
  private readonly totalRing = new SampleRing();
  private previous = new Map<string, Totals>();
  /** The newest sum over every node. */
  latest: SampleSet = { total: emptySample(), apps: {} };

  constructor(
    private readonly hub: Hub,
    private readonly counters: CounterStore,
    private readonly tally: Tally,
  ) {
    for (const app of hub.apps) this.rings.set(app.id, new SampleRing());
  }

  /** Is `appId` one of this server's apps? */
  knows(appId: string): boolean {
    return this.rings.has(appId);
  }

  /** This node's sample: the state now, and what the counters gained since the last call. */
  measure(): SampleSet {
    const { hub, counters } = this;
    const total = emptySample();
    const apps: Record<string, Sample> = {};
    for (const app of hub.apps) {
      const sample = emptySample();
      sample.connections = hub.connectionCount(app);
      for (const channel of hub.localChannels(app.id, '')) {
        if (channel.name.startsWith('#')) continue; // #server-to-user-… are not subscriptions
        sample.channels++;
        sample.presenceMembers += channel.userCount ?? 0;
      }
      const c = counters.of(app.id);
      sample.watchlistWatchers = c.watchlistWatchers;
      const now = { messagesIn: c.messagesIn, messagesOut: c.messagesOut, httpPublishes: c.httpPublishes, clientEvents: c.clientEvents, errors: this.tally.of(app.id).errors };
      const before = this.previous.get(app.id) ?? now;
      sample.messagesIn = now.messagesIn - before.messagesIn;
      sample.messagesOut = now.messagesOut - before.messagesOut;
      sample.httpPublishes = now.httpPublishes - before.httpPublishes;
      sample.clientEvents = now.clientEvents - before.clientEvents;
      sample.errors = now.errors - before.errors;
      this.previous.set(app.id, now);
      apps[app.id] = sample;
      addSamples(total, sample);
    }
    // Refusals no app could be named for count in the total only.
    const orphan = this.tally.of(noApp).errors;
    const orphanBefore = this.previous.get(noApp)?.errors ?? orphan;
    total.errors += orphan - orphanBefore;
    this.previous.set(noApp, { messagesIn: 0, messagesOut: 0, httpPublishes: 0, clientEvents: 0, errors: orphan });
    return { total, apps };
  }

  /** Records the sum over every node at `at` in the rings. */
  record(at: number, sum: SampleSet): void {
    for (const [id, ring] of this.rings) ring.push(at, sum.apps[id] ?? emptySample());
    this.totalRing.push(at, sum.total);
    this.latest = sum;
  }

  /** The rings' contents, for the charts. */
  history(): { total: SeriesHistory; apps: Record<string, SeriesHistory> } {
    const apps: Record<string, SeriesHistory> = {};
    for (const [id, ring] of this.rings) apps[id] = ring.history();
    return { total: this.totalRing.history(), apps };
  }
}
