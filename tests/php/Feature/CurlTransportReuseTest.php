<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use Pogo\WebSocket\Http\CurlTransport;
use Pogo\WebSocket\Http\Signer;
use Pogo\WebSocket\Http\TransportFailure;
use Pogo\WebSocket\Tests\Support\RealServer;
use Pogo\WebSocket\Tests\TestCase;

/**
 * CurlTransport sets the options publishes share once and only the URL and body per request: a
 * GET after a POST must go out as a GET without a body, a POST after a GET with its body, and a
 * changed timeout must take effect, all on the one handle.
 */
final class CurlTransportReuseTest extends TestCase
{
    private static RealServer $server;

    public static function setUpBeforeClass(): void
    {
        self::$server = RealServer::start(['apps' => [['id' => 'reuse-app', 'key' => 'reuse-key', 'secret' => 'reuse-secret']]]);
    }

    public static function tearDownAfterClass(): void
    {
        self::$server->stop();
    }

    /** @return non-empty-string */
    private function url(string $method, string $resource, ?string $body, array $params = []): string
    {
        $path = "/apps/reuse-app/{$resource}";
        $query = (new Signer('reuse-key', 'reuse-secret'))->signRequest($method, $path, $params, $body, time());

        return 'http://127.0.0.1:' . self::$server->port . $path . '?' . Signer::queryString($query);
    }

    public function testMethodsAndBodiesAlternateOnOneHandle(): void
    {
        $transport = new CurlTransport();
        $event = fn (int $n) => json_encode(['name' => 'E', 'channels' => ['reuse'], 'data' => "{\"n\":{$n}}"], JSON_THROW_ON_ERROR);

        $this->assertSame([200, '{}'], $transport->send('POST', $this->url('POST', 'events', $event(1)), $event(1), 5, 2));
        // A GET that carried the POST's body or method would fail its signature (no body_md5 signed).
        [$status, $body] = $transport->send('GET', $this->url('GET', 'channels/reuse', null, ['info' => 'subscription_count']), null, 5, 2);
        $this->assertSame(200, $status);
        $this->assertSame(['occupied' => false, 'subscription_count' => 0], json_decode($body, true));
        // The POST after it carries its own body again (a missing body would be a 400, a stale one a 401).
        $this->assertSame([200, '{}'], $transport->send('POST', $this->url('POST', 'events', $event(2)), $event(2), 5, 2));
        $batch = json_encode(['batch' => [['name' => 'E', 'channel' => 'reuse', 'data' => '{}']]], JSON_THROW_ON_ERROR);
        $this->assertSame([200, '{}'], $transport->send('POST', $this->url('POST', 'batch_events', $batch), $batch, 3, 1));
        [$status, $body] = $transport->send('GET', $this->url('GET', 'channels', null), null, 3, 1);
        $this->assertSame([200, ['channels' => []]], [$status, json_decode($body, true)]);
    }

    public function testAChangedTimeoutTakesEffectOnTheSameHandle(): void
    {
        $transport = new CurlTransport();
        $event = '{"name":"E","channels":["reuse"],"data":"{}"}';
        $this->assertSame(200, $transport->send('POST', $this->url('POST', 'events', $event), $event, 5, 2)[0]);

        // A listener that accepts and never answers: only the new, short timeout ends the wait.
        $silent = stream_socket_server('tcp://127.0.0.1:0');
        $this->assertNotFalse($silent);
        $port = (int) substr((string) strrchr((string) stream_socket_get_name($silent, false), ':'), 1);
        $started = microtime(true);

        try {
            $transport->send('POST', "http://127.0.0.1:{$port}/apps/reuse-app/events", '{}', 0.3, 2);
            $this->fail('a server that never answers must time out');
        } catch (TransportFailure $e) {
            $this->assertSame(28, $e->errno, $e->error); // CURLE_OPERATION_TIMEDOUT
        } finally {
            fclose($silent);
        }
        $this->assertLessThan(4.0, microtime(true) - $started, 'the 0.3 s timeout applied, not the earlier 5 s');

        // And the handle works again afterwards, against the real server.
        $this->assertSame(200, $transport->send('POST', $this->url('POST', 'events', $event), $event, 5, 2)[0]);
    }
}
