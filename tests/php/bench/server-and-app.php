<?php

declare(strict_types=1);

// What the bench scripts share: the real server (server/dist/pogo-ws.cjs) on a free local port with
// one app, and a real Laravel app whose `pogo` and `pusher` drivers are both pointed at it.

use Illuminate\Contracts\Console\Kernel;
use Illuminate\Foundation\Application;
use Pogo\WebSocket\Tests\Support\RealServer;

// By path: bench-laravel-app.php loads the Laravel app's autoloader, which does not know the tests.
require_once dirname(__DIR__) . '/Support/RealServer.php';

/** The server with one app: id `$id`, key `$id-key`, secret `$id-secret`. */
function startBenchServer(string $id): RealServer
{
    return RealServer::start(['apps' => [['id' => $id, 'key' => "{$id}-key", 'secret' => "{$id}-secret"]]]);
}

/**
 * The Laravel app named by the script's first argument; without one, the usage line and exit 2.
 *
 * @param list<string> $argv
 */
function benchLaravelAppPath(array $argv, string $usage): string
{
    $appPath = rtrim($argv[1] ?? '', '/');
    if ($appPath === '' || ! is_file("{$appPath}/bootstrap/app.php")) {
        fwrite(STDERR, "usage: {$usage}\n");
        exit(2);
    }

    return $appPath;
}

/**
 * Boots the Laravel app with both drivers' connections pointed at the server's app `$id`. The app's
 * .env is not read for them: config/broadcasting.php's `pusher` and the package's `pogo` defaults
 * read PUSHER_* and WS_*, set here.
 */
function bootBenchLaravelApp(string $appPath, RealServer $server, string $id): Application
{
    $env = ['APP_ID' => $id, 'APP_KEY' => "{$id}-key", 'APP_SECRET' => "{$id}-secret", 'HOST' => '127.0.0.1', 'PORT' => (string) $server->port, 'SCHEME' => 'http'];
    foreach (['WS', 'PUSHER'] as $prefix) {
        foreach ($env as $name => $value) {
            putenv("{$prefix}_{$name}={$value}");
            $_ENV["{$prefix}_{$name}"] = $_SERVER["{$prefix}_{$name}"] = $value;
        }
    }

    require "{$appPath}/vendor/autoload.php";
    $app = require "{$appPath}/bootstrap/app.php";
    $app->make(Kernel::class)->bootstrap();

    return $app;
}
