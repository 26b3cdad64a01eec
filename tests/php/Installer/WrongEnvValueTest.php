<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Installer;

use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Support\EnvFile;
use Pogo\WebSocket\Tests\Support\Artisan;
use Pogo\WebSocket\Tests\Support\LaravelSkeleton;

/** One wrong .env value in a real Laravel 12 app: artisan keeps working, the doctor names each key with its fix. */
final class WrongEnvValueTest extends TestCase
{
    private static string $app;

    public static function setUpBeforeClass(): void
    {
        self::$app = sys_get_temp_dir() . '/pogo-wrong-env-' . bin2hex(random_bytes(4));
        LaravelSkeleton::freshCopy(self::$app);
        $install = Artisan::run(self::$app, ['pogo:ws-install', '--no-interaction', '--without-npm', '--host=127.0.0.1', '--port=6001']);
        if ($install['code'] !== 0) {
            throw new \RuntimeException($install['output']);
        }
        $env = EnvFile::load(self::$app . '/.env');
        $env->set('WS_APP_SECRET', '');
        $env->set('WS_PORT', 'abc');
        $env->save();
    }

    public static function tearDownAfterClass(): void
    {
        LaravelSkeleton::remove(self::$app);
    }

    public function testOtherArtisanCommandsAndPagesStillWork(): void
    {
        $routes = Artisan::run(self::$app, ['route:list', '--path=broadcasting']);
        $this->assertSame(0, $routes['code'], $routes['output']);
        $this->assertStringContainsString('broadcasting/auth', $routes['output']);

        // A page, through the HTTP kernel with routes/channels.php loaded.
        $page = new \Symfony\Component\Process\Process([PHP_BINARY, '-r', <<<'PHP'
            require 'vendor/autoload.php';
            $app = require 'bootstrap/app.php';
            $response = $app->make(Illuminate\Contracts\Http\Kernel::class)->handle(Illuminate\Http\Request::create('/up'));
            echo $response->getStatusCode();
            PHP], self::$app, Artisan::baseEnv());
        $page->run();
        $this->assertSame('200', trim($page->getOutput()), $page->getErrorOutput());
    }

    public function testTheDoctorReportsEachBadKeyOnOneLineWithItsFixAndNoTrace(): void
    {
        $doctor = Artisan::run(self::$app, ['pogo:ws-doctor', '--timeout=1']);

        $this->assertSame(1, $doctor['code'], $doctor['output']);
        $this->assertMatchesRegularExpression('/WS_APP_SECRET .*FAIL WS_APP_SECRET is empty/', $doctor['output']);
        $this->assertStringContainsString('Fix: set WS_APP_SECRET in .env, or run `php artisan pogo:ws-install` to generate it', $doctor['output']);
        $this->assertMatchesRegularExpression('/WS_PORT .*FAIL WS_PORT must be a TCP port \(1-65535\), not "abc"/', $doctor['output']);
        $this->assertStringContainsString('Fix: set WS_PORT to the port the server listens on, for example WS_PORT=6001', $doctor['output']);
        $this->assertStringContainsString('2 check(s) failed.', $doctor['output']);
        foreach (['Exception', 'vendor frames', 'Stack trace', '.php:'] as $trace) {
            $this->assertStringNotContainsString($trace, $doctor['output']);
        }
    }
}
