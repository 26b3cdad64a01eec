<?php

declare(strict_types=1);

// Makes a fresh Laravel 12 application with pogo/websocket installed from this repository
// (cached skeleton, see tests/php/Support/LaravelSkeleton.php). Used by tests/e2e.
// Usage: php tests/php/bin/laravel-app.php TARGET_DIR

require dirname(__DIR__, 3) . '/vendor/autoload.php';

$target = $argv[1] ?? null;
if ($target === null || file_exists($target)) {
    fwrite(STDERR, "usage: php tests/php/bin/laravel-app.php NEW_DIRECTORY\n");
    exit(2);
}
// A full copy: classes added to this app's app/ must autoload from it.
\Pogo\WebSocket\Tests\Support\LaravelSkeleton::freshCopy($target, ownVendor: true);
echo $target, "\n";
