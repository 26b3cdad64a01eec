// The browser page of the fallback suite: the shipped preset with VITE_POGO_FALLBACK=true, in one of
// three modes (?mode=): `xhr_streaming` or `xhr_polling` (pusher-js limited to that transport, and
// a WebSocket constructor that refuses and counts every attempt), or `no-websocket` (the page's
// WebSocket removed, the preset's default transports). The test reads window.pogo.
import { createEcho } from '../../../src-ts/dist/index.js';

interface Member {
  id: number;
  name: string;
}
type PageChannels = {
  'lobby.{lobbyId}': { type: 'presence'; member: Member; events: { '.announcement': { text: string } } };
  'chat.{chatId}': { type: 'private'; whispers: { typing: { by: string } } };
};

const mode = new URLSearchParams(location.search).get('mode') ?? 'no-websocket';
const pogo = {
  mode,
  state: 'loading',
  socketId: '',
  transport: '',
  connections: 0,
  webSocketAttempts: 0,
  members: [] as string[],
  log: [] as string[],
  announcements: [] as string[],
  whispers: [] as string[],
  whisper: (_by: string): void => undefined,
};
(window as unknown as { pogo: typeof pogo }).pogo = pogo;

const scope = window as unknown as { WebSocket?: unknown };
if (mode === 'no-websocket') {
  delete scope.WebSocket;
} else {
  scope.WebSocket = function RefusedWebSocket() {
    pogo.webSocketAttempts++;
    throw new Error('WebSocket is forbidden on this page');
  };
}

const echo = createEcho<PageChannels>(mode === 'no-websocket' ? {} : { echo: { enabledTransports: [mode as 'xhr_streaming' | 'xhr_polling'] } });
const pusher = echo.connector.pusher;
pusher.connection.bind('state_change', ({ current }: { current: string }) => {
  pogo.state = current;
  pogo.socketId = pusher.connection.socket_id ?? '';
  pogo.transport = (pusher.connection as unknown as { connection?: { transport?: { name?: string } } }).connection?.transport?.name ?? '';
  if (current === 'connected') pogo.connections++;
});

const members = new Map<number, string>();
const showMembers = (): void => {
  pogo.members = [...members.values()].sort();
};
echo
  .join('lobby.1')
  .here((present) => {
    members.clear();
    for (const member of present) members.set(member.id, member.name);
    showMembers();
    pogo.log.push(`here ${pogo.members.join(',')}`);
  })
  .joining((member) => {
    members.set(member.id, member.name);
    showMembers();
    pogo.log.push(`${member.name} joined`);
  })
  .leaving((member) => {
    members.delete(member.id);
    showMembers();
    pogo.log.push(`${member.name} left`);
  })
  .listen('.announcement', (event) => pogo.announcements.push(event.text));

const chat = echo.private('chat.1');
chat.listenForWhisper('typing', (event) => pogo.whispers.push(event.by));
pogo.whisper = (by: string) => {
  chat.whisper('typing', { by });
};
