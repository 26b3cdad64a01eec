<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests;

use Illuminate\Contracts\Config\Repository;
use Illuminate\Contracts\Console\Kernel;
use Illuminate\Foundation\Application;
use Illuminate\Foundation\Bootstrap\RegisterProviders;
use Illuminate\Foundation\Configuration\Exceptions;
use Illuminate\Foundation\Configuration\Middleware;
use Illuminate\Foundation\Testing\TestCase as FoundationTestCase;
use Pogo\WebSocket\PogoServiceProvider;

/**
 * What orchestra/testbench would give us, built on laravel/framework's own testing classes:
 * a real Illuminate application in a temporary base path, with this package's provider
 * registered through package discovery's path (withProviders) and booted.
 */
abstract class TestCase extends FoundationTestCase
{
    private static ?string $basePath = null;

    public function createApplication()
    {
        $basePath = self::basePath();

        $app = Application::configure($basePath)
            ->withRouting(
                web: __DIR__ . '/fixtures/routes/web.php',
                channels: __DIR__ . '/fixtures/routes/channels.php',
            )
            ->withMiddleware(function (Middleware $middleware): void {
            })
            ->withExceptions(function (Exceptions $exceptions): void {
            })
            ->withProviders([PogoServiceProvider::class], withBootstrapProviders: false)
            ->create();

        $app->beforeBootstrapping(RegisterProviders::class, function (Application $app): void {
            $config = $app->make('config');
            $config->set('app.key', 'base64:' . base64_encode(str_repeat('k', 32)));
            $config->set('app.env', 'testing');
            $config->set('app.url', 'http://127.0.0.1');
            $config->set('broadcasting.default', 'pogo');
            $config->set('session.driver', 'array');
            $config->set('cache.default', 'array');
            $config->set('broadcasting.connections.pogo', $this->pogoConnection());
            $config->set('pogo-websocket.webhooks.enabled', true);
            $this->defineConfig($config);
        });

        $app->make(Kernel::class)->bootstrap();

        return $app;
    }

    /** Override to change configuration before the providers register. */
    protected function defineConfig(Repository $config): void
    {
    }

    /** @return array<string, mixed> */
    protected function pogoConnection(): array
    {
        return [
            'driver' => 'pogo',
            'app_id' => 'test-app',
            'key' => 'test-key',
            'secret' => 'test-secret',
            'options' => ['host' => '127.0.0.1', 'port' => 6001, 'scheme' => 'http'],
            'client_options' => ['timeout' => 2, 'connect_timeout' => 1, 'retries' => 1, 'retry_delay_ms' => 10],
        ];
    }

    private static function basePath(): string
    {
        if (self::$basePath === null) {
            self::$basePath = sys_get_temp_dir() . '/pogo-php-app-' . getmypid();
            foreach (['bootstrap/cache', 'storage/framework/cache', 'storage/framework/views', 'storage/framework/sessions', 'storage/logs', 'config', 'routes', 'resources/views'] as $dir) {
                @mkdir(self::$basePath . '/' . $dir, 0777, true);
            }
            register_shutdown_function(static fn () => (new \Illuminate\Filesystem\Filesystem())->deleteDirectory(self::$basePath));
        }

        return self::$basePath;
    }
}
