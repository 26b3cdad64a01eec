<?php

declare(strict_types=1);

/*
| Pogo WebSocket: settings of the server that `php artisan pogo:ws-start` runs, of the webhook
| route and of `php artisan pogo:ws-doctor`. The credentials the app broadcasts with live in the
| `pogo` connection of config/broadcasting.php (the same WS_* variables); the server is started
| with that app, plus any extra apps listed below.
*/

return [

    // The `pogo` broadcasting connection the package supplies when config/broadcasting.php has none
    // (pogo:ws-install adds the same entry there).
    'connection' => [
        'driver' => 'pogo',
        'key' => env('WS_APP_KEY'),
        'secret' => env('WS_APP_SECRET'),
        'app_id' => env('WS_APP_ID'),
        'options' => [
            'host' => env('WS_HOST', '127.0.0.1'),
            'port' => env('WS_PORT', 6001),
            'scheme' => env('WS_SCHEME', 'http'),
            'encryption_master_key' => env('WS_ENCRYPTION_MASTER_KEY'),
        ],
        'client_options' => [
            'timeout' => 5,
            'connect_timeout' => 2,
            'retries' => 1,
        ],
    ],

    'server' => [
        // Where the server listens (WS_HOST/WS_PORT are where this app reaches it).
        'host' => env('WS_SERVER_HOST', '0.0.0.0'),
        'port' => (int) env('WS_SERVER_PORT', env('WS_PORT', 6001)),

        // The Node.js binary and the server bundle shipped inside this package.
        'node' => env('WS_NODE_BINARY', 'node'),
        'bundle' => env('WS_SERVER_BUNDLE'),

        // Origins allowed to open a WebSocket: "*" for any, or a comma-separated list of origins
        // such as "https://example.com" (an empty list allows only pages served from the server's own host).
        // Unset: APP_URL's origin when server-side authorization is on (the server forwards the browser's
        // cookies, so another site's page must not connect), else "*".
        'allowed_origins' => env('WS_ALLOWED_ORIGINS') === null ? null : array_values(array_filter(array_map('trim', explode(',', (string) env('WS_ALLOWED_ORIGINS'))))),

        'client_events' => (bool) env('WS_CLIENT_EVENTS', true),
        'subscription_count' => (bool) env('WS_SUBSCRIPTION_COUNT', false),

        // Overrides of the schema's default limits, for example ['maxPayloadBytes' => 20480].
        'limits' => [],

        // Scale out over several server processes through Redis (null: a single process).
        'redis' => [
            'url' => env('WS_REDIS_URL'),
            'prefix' => env('WS_REDIS_PREFIX', 'pogo:'),
            // Recovery history kept in Redis too, so a client resuming after a restart (pogo:ws-restart) misses nothing.
            'history' => (bool) env('WS_REDIS_HISTORY', false),
        ],

        'metrics' => (bool) env('WS_METRICS', true),

        // TLS on the server itself: wss:// and https:// on its port (PEM files; SIGHUP reloads them).
        // Leave unset behind a proxy that ends TLS (see "Deploying" in the README).
        'tls' => [
            'cert' => env('WS_TLS_CERT'),
            'key' => env('WS_TLS_KEY'),
            'ca' => env('WS_TLS_CA'),
            'passphrase' => env('WS_TLS_PASSPHRASE'),
        ],

        // Proxy addresses (as the server sees them) whose X-Forwarded-For names the client, comma-separated.
        'trusted_proxies' => array_values(array_filter(array_map('trim', explode(',', (string) env('WS_TRUSTED_PROXIES', ''))))),

        // Further apps the same server hosts: [['id' => ..., 'key' => ..., 'secret' => ...], ...].
        'apps' => [],
    ],

    // Server-side authorization: a client may subscribe to private and presence channels without
    // `auth`, and the server asks this app instead, with the browser's cookies. The route checks the
    // server's signature (X-Pogo-Signature, HMAC with the app secret) in place of a CSRF token, which
    // a server cannot have; a browser cannot forge the signature, so the route cannot be misused from a page.
    'server_auth' => [
        'enabled' => (bool) env('WS_SERVER_AUTH', false),
        'path' => env('WS_SERVER_AUTH_PATH', '/pogo/auth'),
        // The URL the server calls; defaults to APP_URL + path.
        'url' => env('WS_SERVER_AUTH_URL'),
        // The session and the user come from the web group (cookies), as for /broadcasting/auth.
        'middleware' => ['web'],
        'max_clock_skew_seconds' => 300,
    ],

    'webhooks' => [
        // Registers POST {path}, verified with the app's key and secret, dispatching one Laravel event per webhook event.
        'enabled' => (bool) env('WS_WEBHOOKS', false),
        'path' => env('WS_WEBHOOK_PATH', '/pogo/webhook'),
        // The URL the server calls; defaults to APP_URL + path.
        'url' => env('WS_WEBHOOK_URL'),
        'events' => [
            'channel_occupied', 'channel_vacated', 'member_added', 'member_removed',
            'client_event', 'cache_miss', 'subscription_count',
        ],
        'middleware' => [],
        // A webhook whose time_ms is further than this from now is refused, so a captured one cannot be replayed.
        'max_age_seconds' => (int) env('WS_WEBHOOK_MAX_AGE', 300),
    ],

    // A Reverb app (BROADCAST_CONNECTION=reverb) served as it is by pogo:ws-start: Reverb's own
    // variables, read when the app has no config/reverb.php. See "Coming from Reverb" in the README.
    'reverb' => [
        'host' => env('REVERB_SERVER_HOST'),
        'port' => env('REVERB_SERVER_PORT'),
        'max_request_size' => env('REVERB_MAX_REQUEST_SIZE'),
        'max_message_size' => env('REVERB_APP_MAX_MESSAGE_SIZE'),
        'activity_timeout' => env('REVERB_APP_ACTIVITY_TIMEOUT'),
        'max_connections' => env('REVERB_APP_MAX_CONNECTIONS'),
        'scaling' => env('REVERB_SCALING_ENABLED'),
        // Named at start-up as not taken over when set.
        'ignored' => [
            'REVERB_SERVER_PATH' => env('REVERB_SERVER_PATH'),
            'REVERB_APP_PING_INTERVAL' => env('REVERB_APP_PING_INTERVAL'),
            'REVERB_SCALING_CHANNEL' => env('REVERB_SCALING_CHANNEL'),
            'REVERB_PULSE_INGEST_INTERVAL' => env('REVERB_PULSE_INGEST_INTERVAL'),
            'REVERB_TELESCOPE_INGEST_INTERVAL' => env('REVERB_TELESCOPE_INGEST_INTERVAL'),
        ],
    ],

];
