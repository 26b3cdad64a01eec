<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use Illuminate\Support\Facades\Artisan;
use Pogo\WebSocket\Support\WebSocketProbe;
use Pogo\WebSocket\Tests\Support\FreePort;
use Pogo\WebSocket\Tests\Support\ServerProcess;
use Pogo\WebSocket\Tests\TestCase;

/** `php artisan pogo:ws-restart` against the real server: it restarts it, or says in one line why not. */
final class RestartCommandTest extends TestCase
{
    private const APP = ['id' => 'restart-app', 'key' => 'restart-key', 'secret' => 'restart-secret'];

    private ?ServerProcess $server = null;

    protected function tearDown(): void
    {
        $this->server?->stop();
        parent::tearDown();
    }

    /** @param array<string, mixed> $connection */
    private function restart(int $port, array $connection = []): array
    {
        config(['broadcasting.connections.pogo' => array_replace_recursive([
            'driver' => 'pogo', 'app_id' => self::APP['id'], 'key' => self::APP['key'], 'secret' => self::APP['secret'],
            'options' => ['host' => '127.0.0.1', 'port' => $port, 'scheme' => 'http'],
            'client_options' => ['timeout' => 3, 'connect_timeout' => 1, 'retries' => 0],
        ], $connection)]);
        $code = Artisan::call('pogo:ws-restart', ['--reason' => 'release 42']);
        $output = Artisan::output();
        $lines = array_values(array_filter(array_map('trim', explode("\n", $output))));
        $this->assertCount(1, $lines, "one line, for a deploy script's log:\n{$output}");

        return [$code, $lines[0]];
    }

    public function testItClosesClientsWith4200AndTheServerExitsZeroForItsSupervisor(): void
    {
        $this->server = ServerProcess::start(['apps' => [self::APP]]);
        $client = WebSocketProbe::connect('http', '127.0.0.1', $this->server->port, '/app/' . self::APP['key'] . '?protocol=7&client=php-test&version=1.0');
        $this->assertSame('pusher:connection_established', $client->receiveJson(3)['event'] ?? null);

        [$code, $line] = $this->restart($this->server->port);

        $this->assertSame(0, $code, $line);
        $this->assertSame("Restart requested from http://127.0.0.1:{$this->server->port} (app restart-app): every server process closes its clients with 4200 and exits for its supervisor to start it again.", $line);
        $this->assertStringContainsString('the server closed the connection (4200', $this->closeOf($client));
        $this->assertSame(0, $this->server->exitCodeWithin(15), $this->server->output());
        $this->assertStringContainsString('release 42', $this->server->output(), 'the reason reaches the server\'s log');
    }

    /** How the server ended the connection (messages before the close, a pusher:error 4200 say, are skipped). */
    private function closeOf(WebSocketProbe $client): string
    {
        $deadline = microtime(true) + 5;

        try {
            while (microtime(true) < $deadline) {
                $client->receiveJson($deadline - microtime(true));
            }
        } catch (\RuntimeException $closed) {
            return $closed->getMessage();
        }

        return 'not closed within 5 s';
    }

    public function testWsRedisHistoryKeepsRecoveryHistoryInRedisSoItOutlivesARestart(): void
    {
        $builder = fn (): array => $this->app->make(\Pogo\WebSocket\Server\ServerConfigBuilder::class)->build();
        config(['pogo-websocket.server.redis' => ['url' => 'redis://127.0.0.1:6379', 'prefix' => 'pogo:', 'history' => false]]);
        $this->assertSame(['url' => 'redis://127.0.0.1:6379', 'prefix' => 'pogo:'], $builder()['redis']);

        config(['pogo-websocket.server.redis.history' => true]);
        $this->assertSame(['url' => 'redis://127.0.0.1:6379', 'prefix' => 'pogo:', 'history' => true], $builder()['redis']);
    }

    public function testAWrongSecretIsOneLineAndTheServerKeepsRunning(): void
    {
        $this->server = ServerProcess::start(['apps' => [self::APP]]);

        [$code, $line] = $this->restart($this->server->port, ['secret' => 'not-the-secret']);

        $this->assertSame(1, $code);
        $this->assertMatchesRegularExpression('/^Not restarted: Pogo WebSocket rejected the restart: 401 \w+ \(status \d+\): .+/', $line);
        $this->assertStringNotContainsString('not-the-secret', $line);
        $this->assertNull($this->server->exitCodeWithin(1), 'the server must keep running');
    }

    public function testNoServerIsOneLineNamingWhereItLooked(): void
    {
        $port = FreePort::find();

        [$code, $line] = $this->restart($port);

        $this->assertSame(1, $code);
        $this->assertStringStartsWith("Not restarted: Pogo WebSocket is unreachable at http://127.0.0.1:{$port} (", $line);
        $this->assertStringContainsString('Is the server running?', $line);
    }

    public function testAWrongEnvValueIsOneLineWithItsFix(): void
    {
        [$code, $line] = $this->restart(6001, ['secret' => '']);

        $this->assertSame(1, $code);
        $this->assertSame('Not restarted: WS_APP_SECRET is empty (set WS_APP_SECRET in .env, or run `php artisan pogo:ws-install` to generate it).', $line);
    }
}
