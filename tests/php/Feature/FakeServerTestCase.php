<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use Pogo\WebSocket\Broadcasting\PogoBroadcaster;
use Pogo\WebSocket\Broadcasting\PogoBroadcasterFactory;
use Pogo\WebSocket\Tests\Support\FakeApiServer;
use Pogo\WebSocket\Tests\TestCase;

/** Tests that point the broadcaster at tests/php/fixtures/fake-server.php (failure cases, request shapes). */
abstract class FakeServerTestCase extends TestCase
{
    protected static FakeApiServer $server;

    public static function setUpBeforeClass(): void
    {
        parent::setUpBeforeClass();
        static::$server = FakeApiServer::start();
    }

    public static function tearDownAfterClass(): void
    {
        static::$server->stop();
        parent::tearDownAfterClass();
    }

    protected function setUp(): void
    {
        parent::setUp();
        static::$server->reset();
    }

    /** @param array<string, mixed> $options */
    protected function broadcaster(string $appId, array $options = [], array $clientOptions = []): PogoBroadcaster
    {
        return $this->app->make(PogoBroadcasterFactory::class)->make([
            'driver' => 'pogo',
            'app_id' => $appId,
            'key' => 'fake-key',
            'secret' => 'fake-secret-never-shown',
            'options' => $options + ['host' => '127.0.0.1', 'port' => static::$server->port, 'scheme' => 'http'],
            'client_options' => $clientOptions + ['timeout' => 3, 'connect_timeout' => 1, 'retries' => 1, 'retry_delay_ms' => 10],
        ]);
    }
}
