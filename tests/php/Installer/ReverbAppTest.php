<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Installer;

use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Support\EnvFile;
use Pogo\WebSocket\Tests\Support\Artisan;
use Pogo\WebSocket\Tests\Support\FreePort;
use Pogo\WebSocket\Tests\Support\LaravelSkeleton;
use Pogo\WebSocket\Tests\Support\ReverbApp;
use Symfony\Component\Process\Process;

/** A Laravel 12 app set up for Reverb: pogo:ws-start, pogo:ws-doctor and pogo:ws-install with no file edited. */
final class ReverbAppTest extends TestCase
{
    private static string $app;

    private static int $port;

    /** @var array{id: string, key: string, secret: string} */
    private static array $credentials;

    public static function setUpBeforeClass(): void
    {
        self::$app = sys_get_temp_dir() . '/pogo-reverb-' . bin2hex(random_bytes(4));
        LaravelSkeleton::freshCopy(self::$app, ownVendor: true);
        self::$port = FreePort::find();
        self::$credentials = ReverbApp::configure(self::$app, self::$port, withPusherSdk: true);
    }

    public static function tearDownAfterClass(): void
    {
        LaravelSkeleton::remove(self::$app);
    }

    /** The app as it is, plus the address to bind: servers in tests listen on 127.0.0.1 only. */
    private function startServer(string $app, array $env = []): Process
    {
        $process = new Process([PHP_BINARY, 'artisan', 'pogo:ws-start'], $app, $env + ['REVERB_SERVER_HOST' => '127.0.0.1'] + Artisan::baseEnv(), null, 60);
        $process->start();
        $deadline = microtime(true) + 15;
        while (! str_contains($process->getOutput(), 'listening on') && $process->isRunning() && microtime(true) < $deadline) {
            usleep(50_000);
        }

        return $process;
    }

    private static function stop(Process $process): void
    {
        $process->signal(SIGTERM);
        $process->wait();
    }

    public function testStartServesTheReverbConnectionOnReverbsPortAndTheDoctorPasses(): void
    {
        $server = $this->startServer(self::$app);

        try {
            $doctor = Artisan::run(self::$app, ['pogo:ws-doctor', '--timeout=3']);
        } finally {
            self::stop($server);
        }
        $output = $server->getOutput() . $server->getErrorOutput();

        $this->assertStringContainsString(sprintf('Serving the reverb broadcasting connection (app %s) on 127.0.0.1:%d.', self::$credentials['id'], self::$port), $output);
        $this->assertStringContainsString('listening on http://127.0.0.1:' . self::$port . ' (1 app: ' . self::$credentials['id'] . ')', $output);
        $this->assertStringNotContainsString(self::$credentials['secret'], $output);

        $this->assertSame(0, $doctor['code'], $doctor['output']);
        $this->assertMatchesRegularExpression('/Broadcasting connection.*OK serving the reverb connection/', $doctor['output']);
        $this->assertMatchesRegularExpression('/Front-end settings.*OK key, host, port and scheme agree with REVERB_\*/', $doctor['output']);
        $this->assertMatchesRegularExpression('/Test event round trip.*OK published and received/', $doctor['output']);
    }

    public function testReverbsOtherSettingsAreTakenOverOrNamedAsIgnored(): void
    {
        $server = $this->startServer(self::$app, ['REVERB_APP_MAX_MESSAGE_SIZE' => '20000', 'REVERB_SERVER_PATH' => '/socket', 'REVERB_APP_PING_INTERVAL' => '30']);
        self::stop($server);
        $output = $server->getOutput();

        $this->assertMatchesRegularExpression('/Reverb settings taken over.*maxFrameBytes=20000/', $output);
        $this->assertMatchesRegularExpression('/Reverb settings ignored.*REVERB_SERVER_PATH, REVERB_APP_PING_INTERVAL/', $output);
    }

    public function testInstallKeepsTheReverbNamesByDefaultAndChangesNothing(): void
    {
        $files = ['.env', '.env.example', 'resources/js/echo.js', 'resources/js/bootstrap.js', 'config/broadcasting.php', 'bootstrap/app.php'];
        $before = array_map(fn (string $file) => file_get_contents(self::$app . "/{$file}"), $files);

        $install = Artisan::run(self::$app, ['pogo:ws-install', '--no-interaction', '--without-npm']);

        $this->assertSame(0, $install['code'], $install['output']);
        $this->assertSame($before, array_map(fn (string $file) => file_get_contents(self::$app . "/{$file}"), $files));
        $this->assertStringContainsString('REVERB_* kept: no second set of keys', $install['output']);
    }

    public function testInstallCanMoveEverythingToPogosNamesLeavingNoReverbKey(): void
    {
        $app = sys_get_temp_dir() . '/pogo-reverb-move-' . bin2hex(random_bytes(4));
        LaravelSkeleton::run(['cp', '-a', self::$app, $app]);

        try {
            $install = Artisan::run($app, ['pogo:ws-install', '--no-interaction', '--without-npm', '--reverb=move']);
            $this->assertSame(0, $install['code'], $install['output']);

            $env = EnvFile::load("{$app}/.env");
            $this->assertSame(
                [self::$credentials['id'], self::$credentials['key'], self::$credentials['secret'], 'localhost', (string) self::$port, 'http', 'pogo'],
                [$env->get('WS_APP_ID'), $env->get('WS_APP_KEY'), $env->get('WS_APP_SECRET'), $env->get('WS_HOST'), $env->get('WS_PORT'), $env->get('WS_SCHEME'), $env->get('BROADCAST_CONNECTION')],
            );
            $this->assertSame('${WS_APP_KEY}', $env->get('VITE_POGO_APP_KEY'));
            foreach (["{$app}/.env", "{$app}/.env.example"] as $file) {
                $this->assertDoesNotMatchRegularExpression('/^\s*(VITE_)?REVERB_/m', (string) file_get_contents($file), $file);
            }
            $echo = (string) file_get_contents("{$app}/resources/js/echo.js");
            $this->assertStringContainsString('createEcho', $echo);
            $this->assertStringNotContainsString("broadcaster: 'reverb'", $echo);

            $server = new Process([PHP_BINARY, 'artisan', 'pogo:ws-start', '--host=127.0.0.1'], $app, Artisan::baseEnv(), null, 60);
            $server->start();
            FreePort::waitUntilListening(self::$port);

            try {
                $doctor = Artisan::run($app, ['pogo:ws-doctor', '--timeout=3']);
            } finally {
                self::stop($server);
            }
            $this->assertSame(0, $doctor['code'], $doctor['output']);
            $this->assertMatchesRegularExpression('/Broadcasting connection.*OK serving the pogo connection/', $doctor['output']);
        } finally {
            LaravelSkeleton::remove($app);
        }
    }
}
