// The dashboard's front end (server/dashboard-ui), built by its build script before tsup
// and inlined here as strings: the bundle serves it with nothing else to install or fetch.
import css from '../../dashboard-ui/dist/dashboard.css.txt';
import html from '../../dashboard-ui/dist/dashboard.html.txt';
import js from '../../dashboard-ui/dist/dashboard.js.txt';
import login from '../../dashboard-ui/dist/login.html.txt';

export const assets = { html, js, css, login } as const;
