<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use Illuminate\Http\Client\Factory as HttpFactory;
use Pogo\WebSocket\Console\DoctorFailure;
use Pogo\WebSocket\Console\RedisCheck;
use Pogo\WebSocket\Tests\Support\FreePort;
use Pogo\WebSocket\Tests\Support\RealServer;
use Pogo\WebSocket\Tests\TestCase;
use Symfony\Component\Process\Process;

/**
 * pogo:ws-doctor's Redis check where PHP has no Redis client (this package's own vendor/ has neither
 * phpredis nor predis): it asks the running server's /ready. The client path (predis in a real
 * Laravel app) is tested by tests/php/Installer/ServerCommandsTest.
 */
final class RedisCheckTest extends TestCase
{
    public function testWithoutAClientTheServersReadinessDecides(): void
    {
        $this->assertFalse(extension_loaded('redis') || class_exists(\Predis\Client::class), 'this test is about the path without a PHP Redis client');
        $check = new RedisCheck($this->app, $this->app->make(HttpFactory::class));
        $port = FreePort::find();
        $url = "redis://127.0.0.1:{$port}";

        $redis = new Process(['redis-server', '--port', (string) $port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
        $redis->start();
        FreePort::waitUntilListening($port);
        $server = RealServer::start(['apps' => [['id' => 'a', 'key' => 'k', 'secret' => 's']], 'redis' => ['url' => $url]]);

        try {
            $this->assertSame("127.0.0.1:{$port} (the server's /ready)", $check->check($url, 1, "http://127.0.0.1:{$server->port}"));

            $redis->stop();
            $failure = null;
            $deadline = microtime(true) + 10;
            while ($failure === null && microtime(true) < $deadline) {
                try {
                    $check->check($url, 1, "http://127.0.0.1:{$server->port}");
                    usleep(100_000); // the server notices the lost connection within moments
                } catch (DoctorFailure $e) {
                    $failure = $e;
                }
            }
            $this->assertNotNull($failure, 'the server never reported Redis gone');
            // The server's own reason, quoted (not a bare status).
            $this->assertMatchesRegularExpression('/^the server is not ready: (?!HTTP \d)\S/', $failure->getMessage());
            $this->assertSame('start Redis or fix WS_REDIS_URL, then restart pogo:ws-start', $failure->fix);
        } finally {
            $server->stop();
            $redis->stop();
        }

        try {
            $check->check($url, 1, "http://127.0.0.1:{$server->port}");
            $this->fail('no failure without a server');
        } catch (DoctorFailure $e) {
            $this->assertSame("cannot check Redis at 127.0.0.1:{$port}: no Redis client here (phpredis or predis) and no server answering http://127.0.0.1:{$server->port}/ready", $e->getMessage());
            $this->assertStringContainsString('composer require predis/predis', $e->fix);
        }
    }
}
