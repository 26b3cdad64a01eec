<?php

declare(strict_types=1);

// Makes a fresh Laravel 12 application set up for Reverb as `php artisan install:broadcasting --reverb`
// leaves it (see tests/php/Support/ReverbApp.php), without pogo/websocket: the test requires it last,
// as a Reverb user would. Used by tests/e2e/laravel-reverb.test.ts. Prints the app's REVERB_APP_ID,
// KEY and SECRET as JSON.
// Usage: php tests/php/bin/reverb-app.php TARGET_DIR REVERB_PORT

require dirname(__DIR__, 3) . '/vendor/autoload.php';

[$target, $port] = [$argv[1] ?? null, (int) ($argv[2] ?? 0)];
if ($target === null || file_exists($target) || $port < 1) {
    fwrite(STDERR, "usage: php tests/php/bin/reverb-app.php NEW_DIRECTORY REVERB_PORT\n");
    exit(2);
}
\Pogo\WebSocket\Tests\Support\LaravelSkeleton::freshCopy($target, ownVendor: true);
// The cached skeleton has this package; a Reverb app does not have it yet.
\Pogo\WebSocket\Tests\Support\LaravelSkeleton::run(['composer', 'remove', 'pogo/websocket', '--no-interaction', '--no-progress', '--quiet'], $target);
echo json_encode(\Pogo\WebSocket\Tests\Support\ReverbApp::configure($target, $port, withPusherSdk: true)), "\n";
