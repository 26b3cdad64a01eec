// resources/js/app.tsx as Laravel's React starter kit has it after `php artisan install:broadcasting`
// (its configureEcho() block comes from BroadcastingInstallCommand), with the kit's Inertia boot replaced
// by a plain createRoot: Inertia is not what is under test.
import '../css/app.css';

import { configureEcho } from '@laravel/echo-react';
import { createRoot } from 'react-dom/client';
import { Feed } from './feed';

configureEcho({
    broadcaster: 'reverb',
});

const appName = import.meta.env.VITE_APP_NAME || 'Laravel';

const root = document.getElementById('app');
if (root) {
    document.title = appName;
    createRoot(root).render(<Feed />);
}
