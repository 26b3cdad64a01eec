<?php

declare(strict_types=1);

// Larastan needs a booted Laravel application. orchestra/testbench (its usual source for packages) is not
// available here, so this builds one the way tests/php/TestCase.php does, in a temporary base path.

use Illuminate\Contracts\Console\Kernel;
use Illuminate\Foundation\Application;
use Pogo\WebSocket\PogoServiceProvider;

require __DIR__ . '/../vendor/autoload.php';

$basePath = sys_get_temp_dir() . '/pogo-phpstan-app';
foreach (['bootstrap/cache', 'storage/framework/cache', 'storage/framework/views', 'storage/logs', 'config'] as $dir) {
    @mkdir($basePath . '/' . $dir, 0777, true);
}

$app = Application::configure($basePath)
    ->withMiddleware()
    ->withExceptions()
    ->withProviders([PogoServiceProvider::class], withBootstrapProviders: false)
    ->create();
$app->make(Kernel::class)->bootstrap();

define('LARAVEL_VERSION', $app->version());
