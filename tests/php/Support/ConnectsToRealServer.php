<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Support;

use Pogo\WebSocket\Support\WebSocketProbe;

/**
 * One real server (server/dist/pogo-ws.cjs) for the test class, serving one app, and WebSocket
 * clients connected to it that are closed after each test.
 */
trait ConnectsToRealServer
{
    private static RealServer $server;

    /** @var list<WebSocketProbe> */
    private array $sockets = [];

    /** @return array{id: string, key: string, secret: string} */
    abstract protected static function realServerApp(): array;

    public static function setUpBeforeClass(): void
    {
        parent::setUpBeforeClass();
        self::$server = RealServer::start(['apps' => [static::realServerApp()]]);
    }

    public static function tearDownAfterClass(): void
    {
        self::$server->stop();
        parent::tearDownAfterClass();
    }

    protected function tearDown(): void
    {
        foreach ($this->sockets as $socket) {
            $socket->close();
        }
        parent::tearDown();
    }

    /**
     * A client connected with the app's key (to the class's server, or the one at `$port`) and its socket id.
     *
     * @return array{0: WebSocketProbe, 1: string}
     */
    private function connect(?int $port = null): array
    {
        $key = static::realServerApp()['key'];
        $socket = WebSocketProbe::connect('http', '127.0.0.1', $port ?? self::$server->port, "/app/{$key}?protocol=7&client=php-test&version=1.0");
        $this->sockets[] = $socket;
        $established = $socket->receiveJson(3);
        $this->assertSame('pusher:connection_established', $established['event'] ?? null);

        return [$socket, json_decode($established['data'], true)['socket_id']];
    }
}
