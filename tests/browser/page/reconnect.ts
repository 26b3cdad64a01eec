// The restart page: the preset's Echo (createEcho() from the Vite variables) and, for comparison, one built on
// pusher-js's own class; the test reads both connection states through window.pogoStates().
import Pusher from 'pusher-js';
import { connectionState, createEcho } from '../../../src-ts/dist/index.js';

const preset = createEcho();
const plain = createEcho({ echo: { Pusher } });
Object.assign(window, { pogoStates: () => [connectionState(preset), connectionState(plain)] });
