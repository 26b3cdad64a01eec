// The browser page: an app's resources/js/echo.ts showing who of the user's watchlist is online. Bundled by
// the test with esbuild from the shipped build (src-ts/dist/index.js), import.meta.env defined as Vite does.
import { createEcho, onlineUsers } from '../../../src-ts/dist/index.js';

const echo = createEcho({
  // Signs in as the user the page was opened for (a Laravel session would say who).
  echo: { userAuthentication: { endpoint: '/broadcasting/user-auth', transport: 'ajax', params: { user: 'alice' }, headers: {} } },
});
const online = new Set<string>();
const list = document.getElementById('online')!;
const log = document.getElementById('log')!;
const show = (): void => {
  list.replaceChildren(
    ...[...online].sort().map((id) => {
      const li = document.createElement('li');
      li.textContent = id;
      return li;
    }),
  );
};
const note = (text: string): void => {
  const li = document.createElement('li');
  li.textContent = text;
  log.append(li);
};

onlineUsers(echo, {
  online: (ids) => {
    for (const id of ids) online.add(id);
    note(`online ${ids.join(',')}`);
    show();
  },
  offline: (ids) => {
    for (const id of ids) online.delete(id);
    note(`offline ${ids.join(',')}`);
    show();
  },
});
