<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Installer;

use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Support\EnvFile;
use Pogo\WebSocket\Tests\Support\Artisan;
use Pogo\WebSocket\Tests\Support\LaravelSkeleton;

/** pogo:ws-install offers VITE_POGO_FALLBACK (the Echo preset's HTTP fallback transports) commented out, once. */
final class FallbackKeyTest extends TestCase
{
    private string $app;

    public static function setUpBeforeClass(): void
    {
        LaravelSkeleton::ensure();
    }

    protected function setUp(): void
    {
        $this->app = sys_get_temp_dir() . '/pogo-fallback-' . bin2hex(random_bytes(4));
        LaravelSkeleton::freshCopy($this->app);
    }

    protected function tearDown(): void
    {
        LaravelSkeleton::remove($this->app);
    }

    private function install(): string
    {
        $result = Artisan::run($this->app, ['pogo:ws-install', '--no-interaction', '--without-npm', '--host=127.0.0.1', '--port=6001']);
        $this->assertSame(0, $result['code'], $result['output']);

        return $result['output'];
    }

    public function testTheSwitchIsWrittenCommentedOutOnce(): void
    {
        $this->install();
        $again = $this->install();

        $env = (string) file_get_contents("{$this->app}/.env");
        $this->assertSame(1, preg_match_all('/^# VITE_POGO_FALLBACK=true$/m', $env), 'commented out, once');
        $this->assertNull(EnvFile::load("{$this->app}/.env")->get('VITE_POGO_FALLBACK'), 'off by default');
        $this->assertMatchesRegularExpression('/\.env \.+ unchanged/', $again);
    }

    public function testAnAppThatSetItKeepsItsValue(): void
    {
        file_put_contents("{$this->app}/.env", "VITE_POGO_FALLBACK=true\n", FILE_APPEND);
        $this->install();

        $env = (string) file_get_contents("{$this->app}/.env");
        $this->assertSame(0, preg_match('/^# VITE_POGO_FALLBACK/m', $env));
        $this->assertSame('true', EnvFile::load("{$this->app}/.env")->get('VITE_POGO_FALLBACK'));
    }
}
