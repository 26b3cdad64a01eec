<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Installer;

use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Support\EnvFile;
use Pogo\WebSocket\Tests\Support\Artisan;
use Pogo\WebSocket\Tests\Support\FreePort;
use Pogo\WebSocket\Tests\Support\LaravelSkeleton;
use Symfony\Component\Process\Process;

/** pogo:ws-start and pogo:ws-doctor in a real Laravel 12 application set up by pogo:ws-install. */
final class ServerCommandsTest extends TestCase
{
    private static string $app;

    private static int $port;

    public static function setUpBeforeClass(): void
    {
        self::$app = sys_get_temp_dir() . '/pogo-commands-' . bin2hex(random_bytes(4));
        LaravelSkeleton::freshCopy(self::$app);
        self::$port = FreePort::find();
        $install = Artisan::run(self::$app, ['pogo:ws-install', '--no-interaction', '--without-npm', '--host=127.0.0.1', '--port=' . self::$port]);
        if ($install['code'] !== 0) {
            throw new \RuntimeException($install['output']);
        }
    }

    public static function tearDownAfterClass(): void
    {
        LaravelSkeleton::remove(self::$app);
    }

    private function startServer(array $env = []): Process
    {
        $process = new Process([PHP_BINARY, 'artisan', 'pogo:ws-start', '--host=127.0.0.1'], self::$app, $env + Artisan::baseEnv(), null, 60);
        $process->start();
        $deadline = microtime(true) + 15;
        while (! str_contains($process->getOutput(), 'listening on') && $process->isRunning() && microtime(true) < $deadline) {
            usleep(50_000);
        }
        $this->assertStringContainsString('listening on http://127.0.0.1:' . self::$port, $process->getOutput(), $process->getErrorOutput());

        return $process;
    }

    public function testStartRunsTheServerWithTheAppsCredentialsAndStopsCleanlyOnSigterm(): void
    {
        $server = $this->startServer();
        $this->assertStringContainsString('(1 app: ' . EnvFile::load(self::$app . '/.env')->get('WS_APP_ID') . ')', $server->getOutput());

        $server->signal(SIGTERM);
        $server->wait();

        $this->assertSame(0, $server->getExitCode(), $server->getOutput() . $server->getErrorOutput());
        $this->assertStringContainsString('SIGTERM', $server->getOutput() . $server->getErrorOutput());
        $this->assertFalse(@fsockopen('127.0.0.1', self::$port, $errno, $error, 0.5), 'the server still listens');
        $this->assertSame([], glob(self::$app . '/storage/framework/pogo-websocket-*.json'), 'the generated config (with secrets) was left behind');
    }

    public function testCtrlCReachingBothArtisanAndTheServerStillShutsDownCleanly(): void
    {
        $server = $this->startServer();
        $node = self::childPid((int) $server->getPid());
        $this->assertGreaterThan(0, $node, 'the server is a child of artisan');

        // What a terminal's Ctrl+C does: SIGINT to every process of the foreground group.
        posix_kill($node, SIGINT);
        $server->signal(SIGINT);
        $server->wait();

        $this->assertSame(0, $server->getExitCode(), $server->getOutput() . $server->getErrorOutput());
        $this->assertStringContainsString('SIGINT: closing connections', $server->getOutput() . $server->getErrorOutput());
        $this->assertFalse(@fsockopen('127.0.0.1', self::$port, $errno, $error, 0.5), 'the server still listens');
    }

    public function testStartExitsWithTheServersOwnCodeOnABadConfiguration(): void
    {
        $result = Artisan::run(self::$app, ['pogo:ws-start'], ['WS_SERVER_HOST' => '127.0.0.1', 'WS_REDIS_URL' => 'http://not-redis']);

        $this->assertNotSame(0, $result['code']);
        $this->assertStringContainsString('redis.url', $result['output']);
    }

    public function testStartExplainsAMissingNodeOrBundle(): void
    {
        $node = Artisan::run(self::$app, ['pogo:ws-start'], ['WS_NODE_BINARY' => '/nonexistent/node']);
        $this->assertSame(1, $node['code']);
        $this->assertStringContainsString('Node.js was not found (looked for [/nonexistent/node]). Install Node.js 20 or newer, or set WS_NODE_BINARY', $node['output']);

        $bundle = Artisan::run(self::$app, ['pogo:ws-start'], ['WS_SERVER_BUNDLE' => '/nonexistent/pogo-ws.cjs']);
        $this->assertSame(1, $bundle['code']);
        $this->assertStringContainsString('The Pogo WebSocket server bundle is missing at [/nonexistent/pogo-ws.cjs]', $bundle['output']);
    }

    /** Runs pogo:ws-doctor while a server started with `$serverEnv` is up; the server is stopped afterwards. */
    private function doctorAgainstRunningServer(array $serverEnv = []): array
    {
        $server = $this->startServer($serverEnv);

        try {
            return Artisan::run(self::$app, ['pogo:ws-doctor']);
        } finally {
            $server->signal(SIGTERM);
            $server->wait();
        }
    }

    public function testDoctorPassesEveryCheckAgainstTheRunningServer(): void
    {
        $doctor = $this->doctorAgainstRunningServer();

        $this->assertSame(0, $doctor['code'], $doctor['output']);
        foreach (['Broadcasting connection', 'Front-end settings', 'Allowed origins cover APP_URL', 'Server reachable', 'Server knows these credentials', 'Test event round trip'] as $check) {
            $this->assertMatchesRegularExpression('/' . preg_quote($check, '/') . '.*OK/', $doctor['output']);
        }
        $this->assertStringContainsString('published and received in', $doctor['output']);
    }

    public function testDoctorPrintsTheDashboardsAddressWhenItIsOn(): void
    {
        $doctor = $this->doctorAgainstRunningServer(['WS_DASHBOARD_TOKEN' => 'doctor-test-token-0123456789']);

        $this->assertSame(0, $doctor['code'], $doctor['output']);
        $this->assertMatchesRegularExpression('#Dashboard\W+http://127\.0\.0\.1:' . self::$port . '/dashboard/#', $doctor['output']);
        $this->assertStringNotContainsString('doctor-test-token', $doctor['output']);
    }

    public function testDoctorWorksWithACachedConfiguration(): void
    {
        $this->assertSame(0, Artisan::run(self::$app, ['config:cache'])['code']);

        try {
            $doctor = $this->doctorAgainstRunningServer();
        } finally {
            Artisan::run(self::$app, ['config:clear']);
        }

        $this->assertSame(0, $doctor['code'], $doctor['output']);
        $this->assertMatchesRegularExpression('/Front-end settings.*OK/', $doctor['output']);
    }

    public function testDoctorNamesEachProblemAndItsFix(): void
    {
        $server = $this->startServer();

        try {
            $wrongSecret = Artisan::run(self::$app, ['pogo:ws-doctor'], ['WS_APP_SECRET' => 'not-the-secret']);
            $badFrontEnd = Artisan::run(self::$app, ['pogo:ws-doctor'], ['VITE_POGO_APP_KEY' => 'other-key', 'WS_ALLOWED_ORIGINS' => 'https://elsewhere.test']);
        } finally {
            $server->signal(SIGTERM);
            $server->wait();
        }
        $down = Artisan::run(self::$app, ['pogo:ws-doctor', '--timeout=1']);

        $this->assertSame(1, $wrongSecret['code']);
        $this->assertMatchesRegularExpression('/Server knows these credentials.*FAIL.*401 INVALID_SIGNATURE \(status 12\)/', $wrongSecret['output']);
        $this->assertStringContainsString('must match an app of the server', $wrongSecret['output']);
        $this->assertStringNotContainsString('not-the-secret', $wrongSecret['output']);

        $this->assertSame(1, $badFrontEnd['code']);
        $this->assertStringContainsString('VITE_POGO_APP_KEY is [other-key] but WS_APP_KEY is', $badFrontEnd['output']);
        $this->assertStringContainsString('Fix: set VITE_POGO_APP_KEY="${WS_APP_KEY}" in .env', $badFrontEnd['output']);
        $this->assertStringContainsString('http://localhost is not in [https://elsewhere.test]', $badFrontEnd['output']);

        $this->assertSame(1, $down['code']);
        $this->assertMatchesRegularExpression('/Server reachable.*FAIL nothing answers at http:\/\/127.0.0.1:' . self::$port . '/', $down['output']);
        $this->assertStringContainsString('Fix: start the server with `php artisan pogo:ws-start`', $down['output']);
    }

    public function testDoctorChecksRedisWhenOneIsConfigured(): void
    {
        $port = FreePort::find();
        $closed = Artisan::run(self::$app, ['pogo:ws-doctor', '--timeout=1'], ['WS_REDIS_URL' => "redis://127.0.0.1:{$port}"]);
        $this->assertMatchesRegularExpression("/Redis reachable.*FAIL cannot connect to Redis at 127.0.0.1:{$port}/", $closed['output']);
        $this->assertStringContainsString('Fix: start Redis or fix WS_REDIS_URL', $closed['output']);

        // The app has predis: the check PINGs through Laravel's Redis manager, AUTH included.
        $redis = new Process(['redis-server', '--port', (string) $port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', 'doctor-pass']);
        $redis->start();

        try {
            FreePort::waitUntilListening($port);
            $open = Artisan::run(self::$app, ['pogo:ws-doctor', '--timeout=1'], ['WS_REDIS_URL' => "redis://:doctor-pass@127.0.0.1:{$port}"]);
            $refused = Artisan::run(self::$app, ['pogo:ws-doctor', '--timeout=1'], ['WS_REDIS_URL' => "redis://:wrong-pass@127.0.0.1:{$port}"]);
        } finally {
            $redis->stop();
        }
        $this->assertMatchesRegularExpression("/Redis reachable.*OK 127.0.0.1:{$port}/", $open['output']);
        $this->assertMatchesRegularExpression('/Redis reachable.*FAIL Redis refused the credentials in WS_REDIS_URL/', $refused['output']);
        $this->assertStringContainsString('Fix: fix the user and password in WS_REDIS_URL', $refused['output']);
        $this->assertStringNotContainsString('wrong-pass', $refused['output']);
    }

    /** The first child process of $parent (from /proc, so no procps is needed). */
    private static function childPid(int $parent): int
    {
        foreach (glob('/proc/[0-9]*/stat') as $stat) {
            $line = (string) @file_get_contents($stat);
            // pid (comm) state ppid ...: comm may hold spaces, so split after its closing parenthesis.
            $fields = explode(' ', substr($line, (int) strrpos($line, ')') + 2));
            if ((int) ($fields[1] ?? 0) === $parent) {
                return (int) basename(dirname($stat));
            }
        }

        return 0;
    }
}
