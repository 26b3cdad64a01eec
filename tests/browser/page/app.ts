// The browser page: what an app's resources/js/echo.ts does with the preset. It is bundled by the test with
// esbuild from the shipped build (src-ts/dist/index.js), with import.meta.env defined as Vite would define it,
// so createEcho() runs with no options at all.
import { connectionState, createEcho, onConnectionProblem } from '../../../src-ts/dist/index.js';

interface Member {
  id: number;
  name: string;
}
type PageChannels = {
  'lobby.{lobbyId}': { type: 'presence'; member: Member; events: { '.announcement': { text: string } } };
};

const echo = createEcho<PageChannels>();
const element = (id: string): HTMLElement => document.getElementById(id)!;
const item = (text: string, id?: string): HTMLLIElement => {
  const li = document.createElement('li');
  li.textContent = text;
  if (id) li.dataset.id = id;
  return li;
};

const showState = (): void => {
  element('state').textContent = connectionState(echo);
  element('socket').textContent = echo.socketId() ?? '—';
};
echo.connector.pusher.connection.bind('state_change', showState);
showState();
onConnectionProblem(echo, (problem) => element('problems').append(item(`${problem.code ?? ''} ${problem.message}`.trim())));

const members = new Map<number, Member>();
const showMembers = (): void => {
  element('members').replaceChildren(...[...members.values()].sort((a, b) => a.id - b.id).map((m) => item(m.name, String(m.id))));
  element('count').textContent = String(members.size);
};

echo
  .join('lobby.1')
  .here((present) => {
    members.clear();
    for (const member of present) members.set(member.id, member);
    showMembers();
  })
  .joining((member) => {
    members.set(member.id, member);
    element('log').append(item(`${member.name} joined`));
    showMembers();
  })
  .leaving((member) => {
    members.delete(member.id);
    element('log').append(item(`${member.name} left`));
    showMembers();
  })
  .listen('.announcement', (event) => element('events').append(item(event.text)))
  .error((error) => element('problems').append(item(`subscription: ${error.status ?? ''} ${error.type ?? ''}`)));
