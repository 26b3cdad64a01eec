<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use Illuminate\Broadcasting\BroadcastException;
use Illuminate\Support\Facades\Broadcast;
use Illuminate\Support\Facades\Route;
use Pogo\WebSocket\Broadcasting\InvalidConnectionConfig;
use Pogo\WebSocket\Tests\TestCase;

/**
 * One wrong .env value (WS_APP_SECRET= empty, WS_PORT=abc) must not break the application: the
 * channel routes load and pages answer; only broadcasting fails, with the keys named.
 */
final class WrongEnvValueTest extends TestCase
{
    protected function pogoConnection(): array
    {
        return ['secret' => '', 'options' => ['host' => '127.0.0.1', 'port' => 'abc', 'scheme' => 'http']] + parent::pogoConnection();
    }

    public function testTheApplicationBootsAndServesPagesButBroadcastingNamesEachBadKey(): void
    {
        Route::get('/page', fn () => 'fine');
        $this->get('/page')->assertOk()->assertSee('fine');

        try {
            Broadcast::connection('pogo')->broadcast(['orders'], 'e', ['x' => 1]);
            $this->fail('broadcast with an empty secret');
        } catch (InvalidConnectionConfig $e) {
            $this->assertInstanceOf(BroadcastException::class, $e);
            $this->assertSame(['WS_APP_SECRET', 'WS_PORT'], array_map(fn ($p) => $p->key, $e->problems));
            $this->assertStringContainsString('WS_APP_SECRET is empty', $e->getMessage());
            $this->assertStringContainsString('WS_PORT must be a TCP port (1-65535), not "abc"', $e->getMessage());
        }
    }
}
