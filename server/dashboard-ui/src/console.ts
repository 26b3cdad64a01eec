// The live debug console: newest first, filtered by app, channel, event name and kind,
// with pause (events wait, counted) and clear. Rows carry data-* attributes for tests.
import { clock, el } from './dom.js';
import type { ConsoleEvent, ConsoleEventType } from './types.js';

const groups: Record<string, ReadonlySet<ConsoleEventType>> = {
  messages: new Set(['api_message', 'client_event']),
  subscriptions: new Set(['subscribed', 'unsubscribed', 'occupied', 'vacated', 'member_added', 'member_removed']),
  connections: new Set(['connected', 'disconnected', 'closed', 'refused']),
  problems: new Set(['auth_failed', 'refused', 'error', 'closed', 'http_error']),
};

const labels: Record<ConsoleEventType, string> = {
  api_message: 'API message',
  client_event: 'Client event',
  subscribed: 'Subscribed',
  unsubscribed: 'Unsubscribed',
  occupied: 'Occupied',
  vacated: 'Vacated',
  member_added: 'Member added',
  member_removed: 'Member removed',
  connected: 'Connected',
  disconnected: 'Disconnected',
  auth_failed: 'Auth failed',
  refused: 'Refused',
  error: 'Error',
  closed: 'Closed',
  http_error: 'HTTP error',
};

export interface ConsoleFilter {
  app: string;
  channel: string;
  event: string;
  group: string;
}

/** Kept in memory (and on screen, filtered): the newest this many. */
const keep = 1000;

export class ConsoleView {
  private events: ConsoleEvent[] = [];
  private waiting: ConsoleEvent[] = [];
  private paused = false;
  private droppedByServer = 0;

  constructor(
    private readonly log: HTMLElement,
    private readonly status: HTMLElement,
    private filter: ConsoleFilter,
  ) {
    this.updateStatus();
  }

  add(events: ConsoleEvent[], dropped: number): void {
    this.droppedByServer += dropped;
    if (this.paused) {
      this.waiting.push(...events);
      if (this.waiting.length > keep) this.waiting.splice(0, this.waiting.length - keep);
      this.updateStatus();
      return;
    }
    this.take(events);
  }

  private take(events: ConsoleEvent[]): void {
    this.events.push(...events);
    const overflow = this.events.length - keep;
    if (overflow > 0) this.events.splice(0, overflow);
    const rows = events.filter((e) => this.matches(e)).map((e) => this.row(e));
    this.log.prepend(...rows.reverse());
    while (this.log.childElementCount > keep) this.log.lastElementChild?.remove();
    this.updateStatus();
  }

  setFilter(filter: ConsoleFilter): void {
    this.filter = filter;
    this.render();
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused && this.waiting.length > 0) {
      const waiting = this.waiting;
      this.waiting = [];
      this.take(waiting);
    }
    this.updateStatus();
  }

  clear(): void {
    this.events = [];
    this.waiting = [];
    this.droppedByServer = 0;
    this.render();
  }

  private render(): void {
    const rows = this.events.filter((e) => this.matches(e)).map((e) => this.row(e));
    this.log.replaceChildren(...rows.reverse());
    this.updateStatus();
  }

  private matches(e: ConsoleEvent): boolean {
    const { app, channel, event, group } = this.filter;
    if (app && e.app !== app) return false;
    if (group && !groups[group]?.has(e.type)) return false;
    if (channel) {
      const needle = channel.toLowerCase();
      const names = e.channels ?? (e.channel !== undefined ? [e.channel] : []);
      if (!names.some((name) => name.toLowerCase().includes(needle))) return false;
    }
    if (event && !(e.event ?? e.name ?? '').toLowerCase().includes(event.toLowerCase())) return false;
    return true;
  }

  private row(e: ConsoleEvent): HTMLElement {
    const channels = e.channels ?? (e.channel !== undefined ? [e.channel] : []);
    const meta: string[] = [];
    if (e.app) meta.push(`app ${e.app}`);
    if (e.socketId) meta.push(`socket ${e.socketId}`);
    if (e.userId) meta.push(`user ${e.userId}`);
    if (e.ip) meta.push(e.ip);
    if (e.node) meta.push(`node ${e.node}`);
    const what = el(
      'div',
      { class: 'what' },
      channels.length > 0 ? el('span', { class: 'channel' }, channels.join(', ')) : null,
      e.event ? el('span', { class: 'event' }, e.event) : null,
      e.code !== undefined ? el('span', { class: 'event' }, `${e.code} ${e.name ?? ''}`) : null,
      el('span', { class: 'meta' }, meta.join(' · ')),
    );
    const detail = e.data ?? e.reason;
    return el(
      'div',
      { class: `row t-${e.type}`, 'data-type': e.type, 'data-channel': channels.join(','), 'data-event': e.event ?? '', 'data-app': e.app ?? '' },
      el('span', { class: 'time' }, clock(e.at)),
      el('span', { class: 'type' }, labels[e.type] ?? e.type),
      what,
      detail !== undefined ? el('pre', {}, detail) : null,
    );
  }

  private updateStatus(): void {
    const parts = [`${this.log.childElementCount} shown`];
    if (this.paused) parts.push(`paused, ${this.waiting.length} waiting`);
    if (this.droppedByServer > 0) parts.push(`${this.droppedByServer} not shown (over the server's console rate)`);
    this.status.textContent = parts.join(' · ');
  }
}
