/// <reference types="vite/client" />
// resources/js/app.ts as Laravel's Vue starter kit has it after `php artisan install:broadcasting` (its
// configureEcho() block comes from BroadcastingInstallCommand), with the kit's Inertia boot replaced by a
// plain createApp: Inertia is not what is under test.
import '../css/app.css';

import { configureEcho } from '@laravel/echo-vue';
import { createApp } from 'vue';
import { Feed } from './feed';

configureEcho({
    broadcaster: 'reverb',
});

const appName = import.meta.env.VITE_APP_NAME || 'Laravel';

document.title = appName;
createApp(Feed).mount('#app');
