<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use Pogo\WebSocket\Server\ServedConnection;
use Pogo\WebSocket\Server\ServerConfigBuilder;
use Pogo\WebSocket\Tests\TestCase;

/** What pogo:ws-start hands the server: which connection, where it binds, origins, and what --print-config shows. */
final class StartConfigTest extends TestCase
{
    private function build(?string $host = null, ?int $port = null): array
    {
        return $this->app->make(ServerConfigBuilder::class)->build($host, $port);
    }

    /** A Reverb app as `install:broadcasting --reverb` leaves it (framework's own `reverb` connection). */
    private function useReverb(array $options = []): void
    {
        config([
            'broadcasting.default' => 'reverb',
            'broadcasting.connections.reverb' => [
                'driver' => 'reverb', 'key' => 'rkey', 'secret' => 'rsecret', 'app_id' => '123456',
                'options' => $options + ['host' => 'localhost', 'port' => '8080', 'scheme' => 'http', 'useTLS' => false],
                'client_options' => [],
            ],
        ]);
    }

    public function testPrintConfigMasksRedisAndWebhookCredentialsAsWellAsSecrets(): void
    {
        config([
            'pogo-websocket.server.redis.url' => 'redis://default:redis-pass-1@127.0.0.1:6379/0',
            'pogo-websocket.webhooks.url' => 'https://hook:hook-pass-2@app.test/pogo/webhook?token=hook-token-3&x=1',
            'pogo-websocket.server_auth.enabled' => true,
            'pogo-websocket.server_auth.url' => 'https://auth:auth-pass-4@app.test/pogo/auth',
        ]);

        [$code, $output] = $this->start(['--print-config' => true]);

        $this->assertSame(0, $code, $output);
        foreach (['redis-pass-1', 'hook-pass-2', 'hook-token-3', 'auth-pass-4', 'test-secret'] as $secret) {
            $this->assertStringNotContainsString($secret, $output);
        }
        $this->assertStringContainsString('redis://default:********@127.0.0.1:6379/0', $output);
        $this->assertStringContainsString('https://hook:********@app.test/pogo/webhook?token=********&x=1', $output);
        $this->assertStringContainsString('https://auth:********@app.test/pogo/auth', $output);
    }

    /** @return array{int, string} */
    private function start(array $options): array
    {
        $code = \Illuminate\Support\Facades\Artisan::call('pogo:ws-start', $options);

        return [$code, \Illuminate\Support\Facades\Artisan::output()];
    }

    public function testHostIsValidated(): void
    {
        foreach (['http://0.0.0.0', 'a b', '0.0.0.0; rm', '-x.example'] as $bad) {
            [$code, $output] = $this->start(['--host' => $bad, '--print-config' => true]);
            $this->assertSame(1, $code, $bad);
            $this->assertStringContainsString('--host must be an IP address or a host name, not "' . $bad . '"', $output);
        }
        foreach (['127.0.0.1', '::1', 'ws.example.com', 'localhost'] as $good) {
            $this->assertSame(0, $this->start(['--host' => $good, '--print-config' => true])[0], $good);
        }
    }

    public function testAllowedOriginsDefaultToAppUrlWithServerSideAuthorization(): void
    {
        $this->assertSame(['*'], $this->build()['apps'][0]['allowedOrigins']);

        config(['pogo-websocket.server_auth.enabled' => true, 'app.url' => 'https://Shop.example:8443/path']);
        $this->assertSame(['https://shop.example:8443'], $this->build()['apps'][0]['allowedOrigins']);

        config(['pogo-websocket.server.allowed_origins' => ['https://a.test', 'https://b.test']]);
        $this->assertSame(['https://a.test', 'https://b.test'], $this->build()['apps'][0]['allowedOrigins']);
    }

    public function testAReverbAppIsServedWithItsOwnCredentialsWhereReverbWouldListen(): void
    {
        $this->useReverb();
        $config = $this->build();

        $this->assertSame('reverb', ServedConnection::resolve(config())->name);
        $this->assertSame(['123456', 'rkey', 'rsecret'], [$config['apps'][0]['id'], $config['apps'][0]['key'], $config['apps'][0]['secret']]);
        $this->assertSame(['0.0.0.0', 8080], [$config['host'], $config['port']]);

        // REVERB_SERVER_HOST/REVERB_SERVER_PORT win over REVERB_PORT; --host/--port over both.
        config(['pogo-websocket.reverb.host' => '127.0.0.1', 'pogo-websocket.reverb.port' => '9001']);
        $this->assertSame(['127.0.0.1', 9001], [$this->build()['host'], $this->build()['port']]);
        $this->assertSame(['::1', 7000], [$this->build('::1', 7000)['host'], $this->build('::1', 7000)['port']]);
    }

    public function testReverbsSizesTimeoutsAndScalingAreTakenOver(): void
    {
        $this->useReverb();
        config([
            'pogo-websocket.reverb.max_request_size' => '20000',
            'pogo-websocket.reverb.max_message_size' => '30000',
            'pogo-websocket.reverb.activity_timeout' => '45',
            'pogo-websocket.reverb.scaling' => 'true',
            'pogo-websocket.reverb.ignored.REVERB_SERVER_PATH' => '/ws',
            'database.redis.default' => ['host' => '10.0.0.5', 'password' => 'p@ss', 'port' => '6380', 'database' => '2'],
        ]);
        $config = $this->build();

        $this->assertSame(['maxHttpBodyBytes' => 20000, 'maxFrameBytes' => 30000, 'activityTimeoutSeconds' => 45], $config['apps'][0]['limits']);
        $this->assertSame('redis://:p%40ss@10.0.0.5:6380/2', $config['redis']['url']);
        $this->assertContains('REVERB_SERVER_PATH', $this->app->make(ServerConfigBuilder::class)->reverbSettings()->ignored());

        // config/reverb.php, when the app still has it, is what Reverb itself would read.
        config(['reverb.servers.reverb' => ['host' => '0.0.0.0', 'port' => 8081, 'max_request_size' => 11000, 'options' => ['tls' => ['local_cert' => '/x.pem']]],
            'reverb.apps.apps' => [['key' => 'rkey', 'allowed_origins' => ['https://shop.test'], 'max_message_size' => 12000]]]);
        $config = $this->build();
        $this->assertSame(8081, $config['port']);
        $this->assertSame(['https://shop.test'], $config['apps'][0]['allowedOrigins']);
        $this->assertSame(11000, $config['apps'][0]['limits']['maxHttpBodyBytes']);
        $this->assertSame(12000, $config['apps'][0]['limits']['maxFrameBytes']);
        $this->assertStringStartsWith('TLS options', $this->app->make(ServerConfigBuilder::class)->reverbSettings()->ignored()[0]);
    }

    public function testPusherIsServedOnlyWithACustomHost(): void
    {
        config(['broadcasting.default' => 'pusher', 'broadcasting.connections.pusher' => ['driver' => 'pusher', 'key' => 'k', 'secret' => 's', 'app_id' => '1', 'options' => ['host' => 'api-mt1.pusher.com']]]);
        $this->assertSame('pogo', ServedConnection::resolve(config())->name);

        config(['broadcasting.connections.pusher.options' => ['host' => 'ws.internal', 'port' => '6002', 'scheme' => 'http']]);
        $this->assertSame(['pusher', 'PUSHER_PORT'], [ServedConnection::resolve(config())->name, ServedConnection::resolve(config())->env('PORT')]);
        $config = $this->build();
        $this->assertSame(['1', 'k', 's', 6002], [$config['apps'][0]['id'], $config['apps'][0]['key'], $config['apps'][0]['secret'], $config['port']]);
    }

    public function testTheDoctorFailsAnyOriginWithServerSideAuthorization(): void
    {
        config(['pogo-websocket.server_auth.enabled' => true]);
        \Illuminate\Support\Facades\Artisan::call('pogo:ws-doctor', ['--timeout' => 0.5]);
        $this->assertMatchesRegularExpression('/Allowed origins cover APP_URL.*OK http:\/\/127\.0\.0\.1 is allowed/', \Illuminate\Support\Facades\Artisan::output());

        config(['pogo-websocket.server.allowed_origins' => ['*']]);
        \Illuminate\Support\Facades\Artisan::call('pogo:ws-doctor', ['--timeout' => 0.5]);
        $output = \Illuminate\Support\Facades\Artisan::output();
        $this->assertMatchesRegularExpression('/Allowed origins cover APP_URL.*FAIL any origin \(\*\) may connect while server-side authorization forwards/', $output);
        $this->assertStringContainsString("Fix: remove WS_ALLOWED_ORIGINS (the default is then APP_URL's origin, http://127.0.0.1)", $output);
    }

    public function testTheDoctorChecksTheRedisAReverbAppScalesOver(): void
    {
        $this->useReverb();
        $port = \Pogo\WebSocket\Tests\Support\FreePort::find();
        config(['pogo-websocket.reverb.scaling' => 'true', 'database.redis.default' => ['host' => '127.0.0.1', 'port' => $port, 'database' => 0]]);

        \Illuminate\Support\Facades\Artisan::call('pogo:ws-doctor', ['--timeout' => 0.5]);

        // This package's vendor/ has no Redis client, and no server runs: the check names the Redis it could not reach.
        $this->assertMatchesRegularExpression("/Redis reachable.*FAIL cannot check Redis at 127.0.0.1:{$port}: no Redis client here/", \Illuminate\Support\Facades\Artisan::output());
    }
}
