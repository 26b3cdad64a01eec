<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use Pogo\WebSocket\Console\DoctorFailure;
use Pogo\WebSocket\Console\ReleaseCheck;
use Pogo\WebSocket\Tests\Support\FreePort;
use Pogo\WebSocket\Tests\Support\RealServer;
use Pogo\WebSocket\Tests\TestCase;
use Symfony\Component\Process\Process;

/**
 * pogo:ws-doctor's "One release on every node", against a real server on a real Redis where a node
 * of an older release holds a lease in the node registry (as that release registers: no bus format).
 */
final class ReleaseCheckTest extends TestCase
{
    public function testANodeOfAnotherReleaseOnTheSameRedisIsNamedWithTheFix(): void
    {
        $port = FreePort::find();
        $redis = new Process(['redis-server', '--port', (string) $port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
        $redis->start();
        FreePort::waitUntilListening($port);
        $server = RealServer::start([
            'apps' => [['id' => 'a', 'key' => 'k', 'secret' => 's']],
            'redis' => ['url' => "redis://127.0.0.1:{$port}", 'nodeTimeoutSeconds' => 1],
        ]);
        $check = new ReleaseCheck();

        try {
            $this->assertSame('no node of another release on this Redis', $check->check($this->cluster($server)));

            $redisCli = fn (string ...$args) => trim((new Process(['redis-cli', '-p', (string) $port, ...$args]))->mustRun()->getOutput());
            $seconds = (int) explode("\n", $redisCli('TIME'))[0];
            $redisCli('ZADD', 'pogo:nodes', (string) ($seconds * 1000 + 60_000), 'quietoldnode0001');

            $failure = null;
            $deadline = microtime(true) + 10;
            while ($failure === null && microtime(true) < $deadline) {
                try {
                    $check->check($this->cluster($server));
                    usleep(200_000); // the server reads the registry at its next heartbeat
                } catch (DoctorFailure $e) {
                    $failure = $e;
                }
            }
            $this->assertNotNull($failure, 'the doctor never saw the node of another release');
            $this->assertSame(
                'node quietoldnode0001 (bus format 1) runs another release: the server drops bus messages from another release, so deliveries and presence across the cluster are incomplete',
                $failure->getMessage(),
            );
            $this->assertSame('deploy one release to every node, then `php artisan pogo:ws-restart` (restart a node still on another release through its supervisor)', $failure->fix);
        } finally {
            $server->stop();
            $redis->stop();
        }
    }

    public function testManyNodesAreCountedNotAllNamed(): void
    {
        $nodes = array_map(fn (int $i) => ['node' => "old{$i}", 'version' => 1, 'droppedMessages' => 0], range(1, 5));

        try {
            (new ReleaseCheck())->check(['foreignNodes' => $nodes]);
            $this->fail('no failure for five foreign nodes');
        } catch (DoctorFailure $e) {
            $this->assertStringStartsWith('nodes old1 (bus format 1), old2 (bus format 1), old3 (bus format 1) and 2 more run another release', $e->getMessage());
        }
    }

    /** @return array<mixed> the server's /up `cluster` object */
    private function cluster(RealServer $server): array
    {
        $health = json_decode((string) file_get_contents("http://127.0.0.1:{$server->port}/up"), true);
        $this->assertIsArray($health['cluster'] ?? null, '/up has no cluster object');

        return $health['cluster'];
    }
}
