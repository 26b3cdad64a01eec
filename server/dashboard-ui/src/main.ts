// The dashboard page: one Server-Sent Events stream (overview once, then a sample a second
// and console batches), the channel list fetched while its tab is open, and the test form.
import { Chart } from './chart.js';
import { ConsoleView } from './console.js';
import { byId, child, count, duration, el } from './dom.js';
import type { ChannelRow, ConsoleBatch, ErrorCount, NodeSnapshot, Overview, SampleMessage, Sample, SeriesHistory, SeriesName } from './types.js';
import { seriesNames } from './types.js';

const base = document.body.dataset.base ?? '';

interface State {
  overview?: Overview;
  /** Per app id, and '' for all apps: each series, oldest first, at most ringSeconds long. */
  series: Map<string, Record<SeriesName, number[]>>;
  latest?: SampleMessage;
  app: string;
  tab: string;
}

const state: State = { series: new Map(), app: '', tab: 'overview' };

// ── overview ────────────────────────────────────────────────────────────────────────

const cards: { id: SeriesName; label: string }[] = [
  { id: 'connections', label: 'Connections' },
  { id: 'channels', label: 'Channels' },
  { id: 'presenceMembers', label: 'Presence members' },
  { id: 'watchlistWatchers', label: 'Watchlist connections' },
  { id: 'messagesIn', label: 'Messages in /s' },
  { id: 'messagesOut', label: 'Messages out /s' },
  { id: 'httpPublishes', label: 'HTTP publishes /s' },
  { id: 'clientEvents', label: 'Client events /s' },
  { id: 'errors', label: 'Errors /s' },
];

const cardValues = new Map<SeriesName, HTMLElement>();
for (const card of cards) {
  const value = el('div', { class: 'value' }, '–');
  cardValues.set(card.id, value);
  byId('cards').append(el('div', { class: 'card', id: `card-${card.id}` }, el('div', { class: 'label' }, card.label), value));
}

let charts: { chart: Chart; series: SeriesName[] }[] = [];

function buildCharts(seconds: number): void {
  charts = [
    { chart: new Chart('connections', 'Connections', [{ label: 'open', color: 'var(--accent)' }], seconds), series: ['connections'] },
    {
      chart: new Chart('messages', 'Messages per second', [{ label: 'out', color: 'var(--accent)' }, { label: 'in', color: 'var(--accent-2)' }], seconds),
      series: ['messagesOut', 'messagesIn'],
    },
    {
      chart: new Chart('publishes', 'Publishes per second', [{ label: 'HTTP API', color: 'var(--accent)' }, { label: 'client events', color: 'var(--accent-2)' }], seconds),
      series: ['httpPublishes', 'clientEvents'],
    },
    { chart: new Chart('channels', 'Channels', [{ label: 'occupied', color: 'var(--accent)' }], seconds), series: ['channels'] },
    { chart: new Chart('members', 'Presence members', [{ label: 'members', color: 'var(--accent-2)' }], seconds), series: ['presenceMembers'] },
    { chart: new Chart('errors', 'Errors per second', [{ label: 'errors', color: 'var(--bad)' }], seconds), series: ['errors'] },
  ];
  byId('charts').replaceChildren(...charts.map((c) => c.chart.root));
}

function fromHistory(history: SeriesHistory): Record<SeriesName, number[]> {
  const out = {} as Record<SeriesName, number[]>;
  for (const name of seriesNames) out[name] = [...(history.series[name] ?? [])];
  return out;
}

function appendSample(key: string, sample: Sample | undefined, limit: number): void {
  if (!sample) return;
  let series = state.series.get(key);
  if (!series) {
    series = {} as Record<SeriesName, number[]>;
    for (const name of seriesNames) series[name] = [];
    state.series.set(key, series);
  }
  for (const name of seriesNames) {
    const values = series[name];
    values.push(sample[name]);
    if (values.length > limit) values.splice(0, values.length - limit);
  }
}

function renderOverview(): void {
  const series = state.series.get(state.app);
  const latest = state.latest ? (state.app ? state.latest.apps[state.app] : state.latest.total) : undefined;
  for (const card of cards) {
    const values = series?.[card.id];
    const value = latest?.[card.id] ?? values?.[values.length - 1];
    const target = cardValues.get(card.id);
    if (target) target.textContent = value === undefined ? '–' : count(value);
  }
  if (series) for (const { chart, series: names } of charts) chart.draw(names.map((n) => series[n]));
  renderErrors();
  renderNodes();
}

function renderErrors(): void {
  const errors = state.latest?.errors ?? state.overview?.errors;
  const list: ErrorCount[] = (state.app ? errors?.apps[state.app] : errors?.total) ?? [];
  const body = child(byId('errors-table'), 'tbody');
  body.replaceChildren(
    ...list.map((e) =>
      el(
        'tr',
        { title: e.message },
        el('td', {}, String(e.code)),
        el('td', { class: 'name' }, e.name),
        el('td', {}, e.kind),
        el('td', { class: 'num' }, count(e.count)),
        el('td', { class: 'muted' }, `${duration(Date.now() - e.lastAt)} ago`),
      ),
    ),
  );
  byId('errors-empty').hidden = list.length > 0;
}

function renderNodes(): void {
  const nodes: NodeSnapshot[] = state.latest?.nodes ?? state.overview?.nodes ?? [];
  const self = state.overview?.node.id;
  const pick = (node: NodeSnapshot): Sample | undefined => (state.app ? node.apps[state.app] : node.total);
  const cells = (s: Sample | undefined) =>
    (['connections', 'channels', 'presenceMembers', 'messagesIn', 'messagesOut'] as const).map((k) => el('td', { class: 'num' }, s ? count(s[k]) : '–'));
  child(byId('nodes-table'), 'tbody').replaceChildren(
    ...nodes.map((node) =>
      el(
        'tr',
        {},
        el('td', { class: 'name' }, `${node.host}:${node.pid}`, node.id === self ? el('span', { class: 'muted small' }, ' (this node)') : null),
        ...cells(pick(node)),
        el('td', { class: 'muted' }, duration(Date.now() - node.startedAt)),
      ),
    ),
  );
  const sum = {} as Sample;
  for (const name of seriesNames) sum[name] = nodes.reduce((total, node) => total + (pick(node)?.[name] ?? 0), 0);
  child(byId('nodes-table'), 'tfoot').replaceChildren(el('tr', {}, el('td', {}, `Sum of ${nodes.length} node${nodes.length === 1 ? '' : 's'}`), ...cells(sum), el('td', {})));
  const sharing = state.overview?.node.sharing;
  byId('nodes-note').textContent = sharing === 'redis' ? 'sharing through Redis' : sharing === 'workers' ? 'the workers of this server' : 'single node (no Redis configured)';
  byId('errors-scope').textContent = nodes.length > 1 ? 'since start, this node' : 'since start';
}

// ── app picker and tabs ─────────────────────────────────────────────────────────────

const appSelect = byId<HTMLSelectElement>('app-select');
const sendApp = byId<HTMLSelectElement>('send-app');

function fillApps(overview: Overview): void {
  appSelect.replaceChildren(el('option', { value: '' }, 'All apps'), ...overview.apps.map((a) => el('option', { value: a.id }, a.id)));
  appSelect.value = overview.apps.some((a) => a.id === state.app) ? state.app : '';
  sendApp.replaceChildren(...overview.apps.map((a) => el('option', { value: a.id }, a.id)));
}

appSelect.addEventListener('change', () => {
  state.app = appSelect.value;
  if (state.app) sendApp.value = state.app;
  renderOverview();
  consoleView.setFilter(currentFilter());
  void loadChannels();
});

for (const tab of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
  tab.addEventListener('click', () => showTab(tab.dataset.tab ?? 'overview'));
}

function showTab(name: string): void {
  state.tab = name;
  for (const tab of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
  for (const panel of document.querySelectorAll<HTMLElement>('.tab')) panel.hidden = panel.id !== `tab-${name}`;
  if (name === 'channels') void loadChannels();
  history.replaceState(null, '', `#${name}`);
}

// ── channels ────────────────────────────────────────────────────────────────────────

const search = byId<HTMLInputElement>('channel-search');
const openMembers = new Set<string>();

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (res.status === 401) location.reload();
  const body = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
  return body;
}

async function loadChannels(): Promise<void> {
  if (state.tab !== 'channels' || !state.overview) return;
  const apps = state.app ? [state.app] : state.overview.apps.map((a) => a.id);
  const q = encodeURIComponent(search.value.trim());
  try {
    const lists = await Promise.all(apps.map((app) => getJson<{ app: string; total: number; channels: ChannelRow[] }>(`/api/channels?app=${encodeURIComponent(app)}&q=${q}`)));
    const rows: HTMLElement[] = [];
    let total = 0;
    for (const list of lists) {
      total += list.total;
      for (const channel of list.channels) {
        const key = `${list.app}\n${channel.name}`;
        const isPresence = channel.userCount !== undefined;
        const members = isPresence ? el('button', { type: 'button', class: 'ghost small', 'aria-expanded': String(openMembers.has(key)) }, count(channel.userCount ?? 0)) : '–';
        const row = el(
          'tr',
          { 'data-channel': channel.name },
          el('td', { class: 'name' }, channel.name, apps.length > 1 ? el('span', { class: 'muted small' }, `  ${list.app}`) : null),
          el('td', { class: 'num' }, count(channel.subscriptionCount)),
          el('td', { class: 'num' }, members),
        );
        rows.push(row);
        if (isPresence) {
          const detail = el('tr', { class: 'members-row' }, el('td', { colspan: '3', class: 'members' }, 'loading…'));
          detail.hidden = !openMembers.has(key);
          rows.push(detail);
          (members as HTMLButtonElement).addEventListener('click', () => {
            if (openMembers.has(key)) openMembers.delete(key);
            else openMembers.add(key);
            detail.hidden = !openMembers.has(key);
            (members as HTMLButtonElement).setAttribute('aria-expanded', String(openMembers.has(key)));
            if (!detail.hidden) void loadMembers(list.app, channel.name, detail.firstElementChild as HTMLElement);
          });
          if (!detail.hidden) void loadMembers(list.app, channel.name, detail.firstElementChild as HTMLElement);
        }
      }
    }
    child(byId('channels-table'), 'tbody').replaceChildren(...rows);
    byId('channels-count').textContent = `${count(total)} channel${total === 1 ? '' : 's'}${total > 500 ? ' (the 500 busiest shown per app)' : ''}`;
  } catch (error) {
    byId('channels-count').textContent = `could not list channels: ${(error as Error).message}`;
  }
}

async function loadMembers(app: string, channel: string, cell: HTMLElement): Promise<void> {
  try {
    const { members, total } = await getJson<{ members: { id: string; info: unknown }[]; total: number }>(`/api/members?app=${encodeURIComponent(app)}&channel=${encodeURIComponent(channel)}`);
    cell.replaceChildren(
      ...members.map((m) => el('div', {}, m.id, m.info !== null ? el('span', {}, `  ${JSON.stringify(m.info)}`) : null)),
      total > members.length ? el('div', {}, `… and ${total - members.length} more`) : '',
    );
  } catch (error) {
    cell.textContent = `could not list members: ${(error as Error).message}`;
  }
}

let searchDebounce: number | undefined;
search.addEventListener('input', () => {
  clearTimeout(searchDebounce);
  searchDebounce = window.setTimeout(() => void loadChannels(), 200);
});
window.setInterval(() => void loadChannels(), 2_000);

// ── console ─────────────────────────────────────────────────────────────────────────

const filterChannel = byId<HTMLInputElement>('filter-channel');
const filterEvent = byId<HTMLInputElement>('filter-event');
const filterType = byId<HTMLSelectElement>('filter-type');
const currentFilter = () => ({ app: state.app, channel: filterChannel.value.trim(), event: filterEvent.value.trim(), group: filterType.value });
const consoleView = new ConsoleView(byId('log'), byId('console-status'), currentFilter());
for (const input of [filterChannel, filterEvent, filterType]) input.addEventListener('input', () => consoleView.setFilter(currentFilter()));

const pause = byId<HTMLButtonElement>('pause');
pause.addEventListener('click', () => {
  const paused = pause.getAttribute('aria-pressed') !== 'true';
  pause.setAttribute('aria-pressed', String(paused));
  pause.textContent = paused ? 'Resume' : 'Pause';
  consoleView.setPaused(paused);
});
byId('clear').addEventListener('click', () => consoleView.clear());

byId<HTMLFormElement>('send-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const result = byId('send-result');
  result.className = 'small muted';
  result.textContent = 'sending…';
  const body = { channel: byId<HTMLInputElement>('send-channel').value.trim(), event: byId<HTMLInputElement>('send-event').value.trim(), data: byId<HTMLTextAreaElement>('send-data').value };
  void (async () => {
    try {
      const res = await fetch(`${base}/api/publish?app=${encodeURIComponent(sendApp.value)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = (await res.json()) as { status?: number; body?: unknown; error?: string };
      const ok = res.ok && answer.status === 200;
      result.className = `small ${ok ? 'ok' : 'bad'}`;
      result.textContent = ok ? `sent: HTTP API answered ${answer.status}` : `refused: ${answer.error ?? `HTTP API answered ${answer.status} ${JSON.stringify(answer.body)}`}`;
    } catch (error) {
      result.className = 'small bad';
      result.textContent = `failed: ${(error as Error).message}`;
    }
  })();
});

// ── live stream ─────────────────────────────────────────────────────────────────────

const live = byId('live');

function connect(): void {
  const stream = new EventSource(`${base}/api/stream`, { withCredentials: true });
  stream.addEventListener('open', () => {
    live.dataset.state = 'live';
    live.textContent = 'live';
  });
  stream.addEventListener('error', () => {
    live.dataset.state = 'down';
    live.textContent = 'reconnecting…';
    // EventSource retries by itself after a dropped stream, but gives up on an HTTP error:
    // signed out (401) goes back to the sign-in page; anything else is tried again shortly.
    if (stream.readyState !== EventSource.CLOSED) return;
    window.setTimeout(() => {
      void fetch(`${base}/api/overview`, { credentials: 'same-origin' }).then(
        (res) => (res.status === 401 ? location.reload() : connect()),
        () => connect(),
      );
    }, 3_000);
  });
  stream.addEventListener('overview', (message) => {
    const overview = JSON.parse((message as MessageEvent<string>).data) as Overview;
    state.overview = overview;
    state.series.clear();
    state.series.set('', fromHistory(overview.history.total));
    for (const [id, history] of Object.entries(overview.history.apps)) state.series.set(id, fromHistory(history));
    state.latest = undefined;
    if (charts.length === 0) buildCharts(overview.ringSeconds);
    fillApps(overview);
    renderOverview();
    void loadChannels();
  });
  stream.addEventListener('sample', (message) => {
    const sample = JSON.parse((message as MessageEvent<string>).data) as SampleMessage;
    const limit = state.overview?.ringSeconds ?? 900;
    state.latest = sample;
    appendSample('', sample.total, limit);
    for (const [id, s] of Object.entries(sample.apps)) appendSample(id, s, limit);
    renderOverview();
  });
  stream.addEventListener('console', (message) => {
    const batch = JSON.parse((message as MessageEvent<string>).data) as ConsoleBatch;
    const several = (state.latest?.nodes.length ?? 1) > 1;
    consoleView.add(several ? batch.events.map((e) => ({ ...e, node: batch.node })) : batch.events, batch.dropped);
  });
}

const initialTab = location.hash.slice(1);
if (['overview', 'channels', 'console'].includes(initialTab)) showTab(initialTab);
connect();
