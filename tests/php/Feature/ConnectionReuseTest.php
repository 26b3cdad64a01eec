<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use Illuminate\Broadcasting\BroadcastManager;
use Pogo\WebSocket\Broadcasting\PogoBroadcaster;
use Pogo\WebSocket\Broadcasting\PogoBroadcasterFactory;
use Pogo\WebSocket\Http\CurlTransport;
use Pogo\WebSocket\Http\Transport;
use Pogo\WebSocket\Tests\Support\KeepAliveServer;
use Pogo\WebSocket\Tests\TestCase;

/** The container's one Transport keeps one TCP connection to the server for all of a process's requests. */
final class ConnectionReuseTest extends TestCase
{
    private static KeepAliveServer $server;

    public static function setUpBeforeClass(): void
    {
        parent::setUpBeforeClass();
        self::$server = KeepAliveServer::start();
    }

    public static function tearDownAfterClass(): void
    {
        self::$server->stop();
        parent::tearDownAfterClass();
    }

    /** @return array<string, mixed> */
    protected function pogoConnection(): array
    {
        return ['options' => ['host' => '127.0.0.1', 'port' => self::$server->port, 'scheme' => 'http']] + parent::pogoConnection();
    }

    public function testPublishesAndReadsFromTwoBroadcastersShareOneConnection(): void
    {
        $this->assertInstanceOf(CurlTransport::class, $this->app->make(Transport::class));
        $this->assertSame($this->app->make(Transport::class), $this->app->make(Transport::class));

        // The driver Laravel broadcasts through, and a second one built from another connection array.
        $viaLaravel = $this->app->make(BroadcastManager::class)->connection('pogo');
        $this->assertInstanceOf(PogoBroadcaster::class, $viaLaravel);
        $other = $this->app->make(PogoBroadcasterFactory::class)->make(['app_id' => 'other-app'] + $this->pogoConnection());

        $viaLaravel->broadcast(['orders'], 'first', ['n' => 1]);
        $viaLaravel->broadcast(['orders'], 'second', ['n' => 2]);
        $other->broadcast(['orders'], 'third', ['n' => 3]);
        $other->channelInfo('orders');

        $this->assertSame([
            'POST /apps/test-app/events',
            'POST /apps/test-app/events',
            'POST /apps/other-app/events',
            'GET /apps/other-app/channels/orders',
        ], self::$server->requests());
        $this->assertSame(1, self::$server->connectionsUsed());
    }
}
