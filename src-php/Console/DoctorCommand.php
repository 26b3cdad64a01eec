<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Console;

use Illuminate\Console\Command;
use Illuminate\Http\Client\Factory as HttpFactory;
use Illuminate\Support\Env;
use Pogo\WebSocket\Broadcasting\ConnectionConfig;
use Pogo\WebSocket\Broadcasting\PogoBroadcaster;
use Pogo\WebSocket\Broadcasting\PogoBroadcasterFactory;
use Pogo\WebSocket\PogoServiceProvider;
use Pogo\WebSocket\Server\ConfiguredApps;
use Pogo\WebSocket\Server\ServerConfigBuilder;
use Pogo\WebSocket\Support\WebSocketProbe;
use Throwable;

/** `php artisan pogo:ws-doctor`: one line per check of a Pogo WebSocket setup, with a fix for each failure. */
class DoctorCommand extends Command
{
    use ChecksDeployment;

    protected $signature = 'pogo:ws-doctor {--timeout=3 : Seconds to wait for each network check}';

    protected $description = 'Check the Pogo WebSocket setup: credentials, front-end settings, origins, server, Redis and a test event';

    private int $failures = 0;

    public function handle(HttpFactory $http, PogoBroadcasterFactory $factory, ConfiguredApps $apps, ServerConfigBuilder $builder): int
    {
        $config = $this->laravel->make('config');
        $timeout = max(0.5, (float) $this->option('timeout'));
        $served = $apps->served();

        $this->check('Broadcasting connection', function () use ($config, $served) {
            $default = (string) $config->get('broadcasting.default');
            if ($default !== $served->name) {
                throw new DoctorFailure("BROADCAST_CONNECTION is [{$default}]", 'set BROADCAST_CONNECTION=pogo in .env (or reverb, for a Reverb app served by pogo:ws-start)');
            }

            return "serving the {$served->name} connection";
        });

        // Each wrong .env value of the connection on its own line, then stop: the other checks need them.
        $problems = ConnectionConfig::problems($served->config, $served->envPrefix);
        foreach ($problems as $problem) {
            $this->reportFailure($problem->key, $problem->problem, $problem->fix);
        }
        if ($problems !== []) {
            $this->newLine();
            $this->components->error("{$this->failures} check(s) failed.");

            return self::FAILURE;
        }
        $connection = $served->validated();
        $env = fn (string $suffix): string => $served->env($suffix);

        $this->check("Front-end settings ({$served->viteEnv('*')})", function () use ($connection, $served, $env) {
            $expected = ['APP_KEY' => $connection->key, 'PORT' => (string) $connection->port, 'SCHEME' => $connection->scheme];
            $elsewhere = [];
            foreach ($expected as $suffix => $value) {
                $name = $served->viteEnv($suffix);
                $actual = $this->frontEndVariable($name);
                // Browsers may reach the server through a proxy (another port and scheme than Laravel's): the proxy checks below try that address.
                if ($suffix !== 'APP_KEY' && (string) $actual !== '' && (string) $actual !== $value) {
                    $elsewhere[] = "{$name}={$actual}";

                    continue;
                }
                if ((string) $actual !== $value) {
                    throw new DoctorFailure(
                        $actual === null ? "{$name} is not set" : "{$name} is [{$actual}] but {$env($suffix)} is [{$value}]",
                        "set {$name}=\"\${{$env($suffix)}}\" in .env, then rebuild the front end (npm run build)",
                    );
                }
            }
            if ((string) $this->frontEndVariable($served->viteEnv('HOST')) === '') {
                throw new DoctorFailure("{$served->viteEnv('HOST')} is not set", "set {$served->viteEnv('HOST')}=\"\${{$env('HOST')}}\" (the host browsers reach the server on) in .env");
            }

            return $elsewhere === []
                ? "key, host, port and scheme agree with {$served->envPrefix}_*"
                : 'key agrees; browsers connect elsewhere than Laravel (' . implode(', ', $elsewhere) . ')';
        });

        $this->check('Allowed origins cover APP_URL', function () use ($config, $connection, $builder) {
            $appUrl = (string) $config->get('app.url');
            $origin = $builder->appOrigin();
            if ($origin === null) {
                throw new DoctorFailure("APP_URL [{$appUrl}] is not a URL", 'set APP_URL to the address browsers open, for example http://localhost:8000');
            }

            try {
                $allowed = (array) ($builder->build()['apps'][0]['allowedOrigins'] ?? ['*']);
            } catch (Throwable $e) {
                throw new DoctorFailure($e->getMessage(), 'fix config/pogo-websocket.php');
            }
            if (in_array('*', $allowed, true) && $builder->serverAuthEndpoint() !== null) {
                throw new DoctorFailure(
                    'any origin (*) may connect while server-side authorization forwards the browser\'s cookies to this app: a page on another site could subscribe as its visitor (the server refuses to start so)',
                    "remove WS_ALLOWED_ORIGINS (the default is then APP_URL's origin, {$origin}) or list your sites' origins in it",
                );
            }
            if (in_array('*', $allowed, true) || in_array($origin, $allowed, true)) {
                return in_array('*', $allowed, true) ? 'any origin is allowed' : "{$origin} is allowed";
            }
            if ($allowed === [] && parse_url($origin, PHP_URL_HOST) === $connection->host) {
                return "{$origin} is on the server's host";
            }

            throw new DoctorFailure("{$origin} is not in [" . implode(', ', $allowed) . ']', "add {$origin} to WS_ALLOWED_ORIGINS and restart pogo:ws-start");
        });

        $health = [];
        $reachable = $this->check('Server reachable', function () use ($http, $connection, $timeout, $env, &$health) {
            try {
                $response = $http->timeout($timeout)->connectTimeout($timeout)->withOptions(['verify' => $connection->clientOptions['verify']])->get($connection->baseUrl() . '/up');
            } catch (Throwable) {
                throw new DoctorFailure("nothing answers at {$connection->baseUrl()}", "start the server with `php artisan pogo:ws-start`, and check {$env('HOST')}, {$env('PORT')} and {$env('SCHEME')}");
            }
            if ($response->status() !== 200) {
                throw new DoctorFailure("{$connection->baseUrl()}/up answered HTTP {$response->status()}", "{$env('HOST')}/{$env('PORT')} must point at a Pogo WebSocket server");
            }
            $health = (array) $response->json();

            return $connection->baseUrl();
        });

        $client = $factory->client($connection);
        $known = $reachable && $this->check('Server knows these credentials', function () use ($client, $connection, $env) {
            try {
                $client->channels();
            } catch (Throwable $e) {
                throw new DoctorFailure($e->getMessage(), "{$env('APP_ID')}, {$env('APP_KEY')} and {$env('APP_SECRET')} must match an app of the server: restart `php artisan pogo:ws-start` after changing .env");
            }

            return "app {$connection->appId}, key {$connection->key}";
        });

        // WS_REDIS_URL, or the app's Redis when a Reverb app scales (REVERB_SCALING_ENABLED).
        $redisUrl = $config->get(PogoServiceProvider::CONFIG . '.server.redis.url') ?: $builder->reverbSettings()?->redisUrl();
        if (is_string($redisUrl) && $redisUrl !== '') {
            $this->check('Redis reachable', fn () => (new RedisCheck($this->laravel, $http))->check($redisUrl, $timeout, $connection->baseUrl()));
        }

        if (is_array($health['cluster'] ?? null)) {
            $this->check('One release on every node', fn () => (new ReleaseCheck())->check($health['cluster']));
        }

        if ($known) {
            $this->check('Test event round trip', fn () => $this->roundTrip($connection, $factory->make($served->config, $served->envPrefix), $timeout, $builder->appOrigin()));
        } else {
            $this->reportFailure('Test event round trip', 'not attempted', 'fix the checks above first');
        }

        $this->deploymentChecks($builder, $connection, $served->viteEnv(...), $timeout);

        if (is_array($health['dashboard'] ?? null)) {
            $this->components->twoColumnDetail('Dashboard', $this->dashboardUrl($connection, $health['dashboard']));
        }

        $this->newLine();
        if ($this->failures > 0) {
            $this->components->error("{$this->failures} check(s) failed.");

            return self::FAILURE;
        }
        $this->components->info('Pogo WebSocket is ready.');

        return self::SUCCESS;
    }

    /**
     * What Vite will read: the environment, else .env (env() is empty once the config is cached).
     */
    private function frontEndVariable(string $name): ?string
    {
        $value = Env::get($name);
        if ($value !== null) {
            return (string) $value;
        }
        $file = $this->laravel->environmentFilePath();
        if (! is_file($file)) {
            return null;
        }

        try {
            $parsed = \Dotenv\Dotenv::parse((string) file_get_contents($file));
        } catch (Throwable) {
            return null;
        }

        return isset($parsed[$name]) ? (string) $parsed[$name] : null;
    }

    /**
     * Where the server says its dashboard is: its own path on the API's address, or a port of its own.
     *
     * @param array<string, mixed> $dashboard
     */
    private function dashboardUrl(ConnectionConfig $connection, array $dashboard): string
    {
        $path = (string) ($dashboard['path'] ?? '/dashboard/');
        if (! isset($dashboard['port'])) {
            return $connection->baseUrl() . $path;
        }
        $host = (string) ($dashboard['host'] ?? '127.0.0.1');
        $host = in_array($host, ['0.0.0.0', '::'], true) ? (string) parse_url($connection->baseUrl(), PHP_URL_HOST) : $host;

        return "http://{$host}:{$dashboard['port']}{$path}";
    }

    /** @param callable(): string $check */
    private function check(string $name, callable $check): bool
    {
        try {
            $detail = $check();
        } catch (DoctorFailure $failure) {
            $this->reportFailure($name, $failure->getMessage(), $failure->fix);

            return false;
        }
        $this->components->twoColumnDetail($name, "<fg=green>OK</> {$detail}");

        return true;
    }

    private function reportFailure(string $name, string $problem, string $fix): void
    {
        $this->failures++;
        $this->components->twoColumnDetail($name, "<fg=red>FAIL</> {$problem}");
        $this->line("    <fg=yellow>Fix:</> {$fix}");
    }

    private function roundTrip(ConnectionConfig $connection, PogoBroadcaster $broadcaster, float $timeout, ?string $origin): string
    {
        $channel = 'pogo-doctor-' . bin2hex(random_bytes(6));
        $nonce = bin2hex(random_bytes(8));
        $started = microtime(true);

        try {
            $socket = WebSocketProbe::connect($connection->scheme, $connection->host, $connection->port, '/app/' . rawurlencode($connection->key) . '?protocol=7&client=pogo-doctor&version=1.0', $timeout, $origin, self::ssl($connection->clientOptions['verify']));
        } catch (Throwable $e) {
            throw new DoctorFailure('WebSocket: ' . $e->getMessage(), 'check allowed origins and that WS_APP_KEY is an app of the server');
        }

        try {
            $established = $socket->receiveJson($timeout);
            if (($established['event'] ?? null) !== 'pusher:connection_established') {
                throw new DoctorFailure('no pusher:connection_established: ' . json_encode($established), 'check that WS_APP_KEY is an app of the server');
            }
            $socket->sendJson(['event' => 'pusher:subscribe', 'data' => ['channel' => $channel]]);
            $this->waitFor($socket, 'pusher_internal:subscription_succeeded', $channel, $timeout);

            $broadcaster->broadcast([$channel], 'pogo.doctor', ['nonce' => $nonce]);
            $event = $this->waitFor($socket, 'pogo.doctor', $channel, $timeout);
            if ((json_decode((string) ($event['data'] ?? ''), true)['nonce'] ?? null) !== $nonce) {
                throw new DoctorFailure('the event arrived with other data', 'report this as a bug');
            }
        } catch (DoctorFailure $e) {
            throw $e;
        } catch (Throwable $e) {
            throw new DoctorFailure($e->getMessage(), 'run `php artisan pogo:ws-start` in the foreground and read its output');
        } finally {
            $socket->close();
        }

        return sprintf('published and received in %d ms', (int) round((microtime(true) - $started) * 1000));
    }

    /** @return array<string, mixed> */
    private function waitFor(WebSocketProbe $socket, string $event, string $channel, float $timeout): array
    {
        $deadline = microtime(true) + $timeout;
        while (($left = $deadline - microtime(true)) > 0) {
            $message = $socket->receiveJson($left);
            if ($message === null) {
                break;
            }
            if (($message['event'] ?? null) === $event && ($message['channel'] ?? null) === $channel) {
                return $message;
            }
            if (($message['event'] ?? null) === 'pusher:error') {
                throw new DoctorFailure('the server answered pusher:error ' . json_encode($message['data'] ?? null), 'read the server output');
            }
        }

        throw new DoctorFailure("no {$event} on {$channel} within {$timeout}s", 'run `php artisan pogo:ws-start` in the foreground and read its output');
    }
}
