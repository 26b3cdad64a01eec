<?php

declare(strict_types=1);

namespace Pogo\WebSocket;

use Illuminate\Broadcasting\BroadcastManager;
use Illuminate\Contracts\Foundation\Application;
use Illuminate\Foundation\Http\Middleware\ValidateCsrfToken;
use Illuminate\Foundation\Http\Middleware\VerifyCsrfToken;
use Illuminate\Support\Facades\Route;
use Illuminate\Support\ServiceProvider;
use Pogo\WebSocket\Broadcasting\PogoBroadcaster;
use Pogo\WebSocket\Broadcasting\PogoBroadcasterFactory;
use Pogo\WebSocket\Console\DoctorCommand;
use Pogo\WebSocket\Console\InstallCommand;
use Pogo\WebSocket\Console\StartCommand;
use Pogo\WebSocket\Http\CurlTransport;
use Pogo\WebSocket\Http\ServerAuthController;
use Pogo\WebSocket\Http\Transport;
use Pogo\WebSocket\Webhooks\WebhookController;

class PogoServiceProvider extends ServiceProvider
{
    public const CONFIG = 'pogo-websocket';

    public function register(): void
    {
        $this->mergeConfigFrom(self::packagePath('config/pogo-websocket.php'), self::CONFIG);

        // Apps whose config/broadcasting.php predates the installer still get a `pogo` connection.
        $config = $this->app->make('config');
        if (! is_array($config->get('broadcasting.connections.pogo'))) {
            $config->set('broadcasting.connections.pogo', (array) $config->get(self::CONFIG . '.connection'));
        }

        // Every request to the server goes through this one Transport (one per process: its TCP connection
        // stays open between broadcasts). Apps and tests swap it, e.g. for a GuzzleTransport with a MockHandler.
        $this->app->singleton(Transport::class, CurlTransport::class);
        $this->app->singleton(PogoBroadcasterFactory::class);

        // The `pogo` broadcaster, for the API beyond broadcasting (channel info, presence users, sendToUser...).
        $this->app->bind(PogoBroadcaster::class, function (Application $app): PogoBroadcaster {
            $broadcaster = $app->make(BroadcastManager::class)->connection('pogo');

            return $broadcaster instanceof PogoBroadcaster
                ? $broadcaster
                : $app->make(PogoBroadcasterFactory::class)->make((array) $app->make('config')->get('broadcasting.connections.pogo'));
        });
        $this->app->alias(PogoBroadcaster::class, 'pogo.websocket');

        $this->callAfterResolving(BroadcastManager::class, function (BroadcastManager $manager): void {
            $manager->extend('pogo', fn (Application $app, array $config) => $app->make(PogoBroadcasterFactory::class)->make($config));
        });
    }

    public function boot(): void
    {
        if ($this->app->runningInConsole()) {
            $this->commands([InstallCommand::class, StartCommand::class, DoctorCommand::class, Console\TypesCommand::class, Console\SupervisorCommand::class, Console\RestartCommand::class]);

            // What pogo:ws-install publishes (`php artisan vendor:publish --tag=...` does the same by hand).
            $this->publishes([self::packagePath('config/pogo-websocket.php') => $this->app->configPath('pogo-websocket.php')], 'pogo-websocket-config');
            $this->publishes([self::packagePath('stubs/channels.php.stub') => $this->app->basePath('routes/channels.php')], 'pogo-websocket-channels');
            $this->publishes([self::packagePath('stubs/echo.js.stub') => $this->app->resourcePath('js/echo.js')], 'pogo-websocket-echo-js');
            $this->publishes([self::packagePath('stubs/echo.ts.stub') => $this->app->resourcePath('js/echo.ts')], 'pogo-websocket-echo-ts');
        }

        $this->registerWebhookRoute();
        $this->registerServerAuthRoute();
    }

    public static function packagePath(string $path = ''): string
    {
        return dirname(__DIR__) . ($path === '' ? '' : '/' . ltrim($path, '/'));
    }

    private function registerWebhookRoute(): void
    {
        $config = $this->app->make('config');

        if (! $config->get(self::CONFIG . '.webhooks.enabled') || $this->routesCached()) {
            return;
        }

        Route::post((string) $config->get(self::CONFIG . '.webhooks.path', '/pogo/webhook'), WebhookController::class)
            ->middleware((array) $config->get(self::CONFIG . '.webhooks.middleware', []))
            ->name('pogo-websocket.webhook');
    }

    private function registerServerAuthRoute(): void
    {
        $config = $this->app->make('config');

        if (! $config->get(self::CONFIG . '.server_auth.enabled') || $this->routesCached()) {
            return;
        }

        // The server's signature replaces the CSRF token (see config/pogo-websocket.php).
        Route::post((string) $config->get(self::CONFIG . '.server_auth.path', '/pogo/auth'), ServerAuthController::class)
            ->middleware((array) $config->get(self::CONFIG . '.server_auth.middleware', ['web']))
            ->withoutMiddleware([ValidateCsrfToken::class, VerifyCsrfToken::class])
            ->name('pogo-websocket.server-auth');
    }

    private function routesCached(): bool
    {
        return $this->app instanceof \Illuminate\Foundation\Application && $this->app->routesAreCached();
    }
}
