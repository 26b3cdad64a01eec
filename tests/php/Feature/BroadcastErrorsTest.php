<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use GuzzleHttp\Client;
use GuzzleHttp\Handler\MockHandler;
use GuzzleHttp\HandlerStack;
use GuzzleHttp\Middleware;
use GuzzleHttp\Psr7\Response;
use Illuminate\Broadcasting\BroadcastException;
use Illuminate\Support\Facades\Http;
use PHPUnit\Framework\Attributes\DataProvider;
use Pogo\WebSocket\Http\GuzzleTransport;
use Pogo\WebSocket\Http\Transport;
use Pogo\WebSocket\Support\Schema;
use Pogo\WebSocket\Tests\Support\FreePort;

/** Every way a publish can fail, each with its own clear BroadcastException. */
final class BroadcastErrorsTest extends FakeServerTestCase
{
    /** @return iterable<string, array{string}> */
    public static function failureStatuses(): iterable
    {
        foreach (Schema::load()->publishStatuses() as $name => $status) {
            if ($status['http'] >= 400) {
                yield $name => [$name];
            }
        }
    }

    #[DataProvider('failureStatuses')]
    public function testEachSchemaStatusIsNamedInTheException(string $name): void
    {
        $status = Schema::load()->publishStatusByName($name);

        try {
            $this->broadcaster("status-{$name}")->broadcast(['orders'], 'e', ['x' => 1]);
            $this->fail('no exception');
        } catch (BroadcastException $e) {
            $this->assertSame(
                "Pogo WebSocket rejected the broadcast: {$status['http']} {$name} (status {$status['status']}): {$status['message']}",
                $e->getMessage(),
            );
            $this->assertSame($status['status'], $e->getCode());
            $this->assertStringNotContainsString('fake-secret-never-shown', $e->getMessage());
        }
        // A rejected publish is never retried: it could duplicate what did go out.
        $this->assertCount(1, static::$server->requests());
    }

    public function testANonPogoErrorPageGetsItsOwnMessage(): void
    {
        $this->expectExceptionMessage('Pogo WebSocket answered the broadcast with an unexpected HTTP 502 response (is WS_HOST/WS_PORT pointing at a Pogo WebSocket server?): <html><body>Bad gateway</body></html>');
        $this->broadcaster('html')->broadcast(['orders'], 'e', []);
    }

    public function testAStatusNumberTheSchemaDoesNotKnowIsReportedAsUnexpected(): void
    {
        $this->expectExceptionMessage('unexpected HTTP 418 response');
        $this->broadcaster('unknown-status')->broadcast(['orders'], 'e', []);
    }

    public function testASuccessWithoutJsonIsReported(): void
    {
        $this->expectExceptionMessage('Pogo WebSocket answered POST /apps/not-json-ok/events with HTTP 200 but the body is not JSON: OK');
        $this->broadcaster('not-json-ok')->broadcast(['orders'], 'e', []);
    }

    public function testAnUnreachableServerIsRetriedOnceThenReported(): void
    {
        $port = FreePort::find();
        $started = microtime(true);

        try {
            $this->broadcaster('record', ['port' => $port], ['retry_delay_ms' => 300])->broadcast(['orders'], 'e', []);
            $this->fail('no exception');
        } catch (BroadcastException $e) {
            $this->assertStringStartsWith("Pogo WebSocket is unreachable at http://127.0.0.1:{$port} (", $e->getMessage());
            $this->assertStringContainsString('php artisan pogo:ws-start', $e->getMessage());
            $this->assertStringNotContainsString('auth_signature', $e->getMessage());
        }
        // One pause between the two attempts.
        $this->assertGreaterThanOrEqual(0.3, microtime(true) - $started);
    }

    public function testRetriesCanBeTurnedOff(): void
    {
        $started = microtime(true);

        try {
            $this->broadcaster('record', ['port' => FreePort::find()], ['retries' => 0, 'retry_delay_ms' => 300])->broadcast(['orders'], 'e', []);
            $this->fail('no exception');
        } catch (BroadcastException) {
        }
        $this->assertLessThan(0.3, microtime(true) - $started);
    }

    public function testThroughAGuzzleTransportTheSameFailuresReadTheSame(): void
    {
        $sent = [];
        $stack = HandlerStack::create();
        $stack->push(Middleware::history($sent));
        $this->app->instance(Transport::class, new GuzzleTransport(new Client(['handler' => $stack])));
        $port = FreePort::find();

        try {
            $this->broadcaster('record', ['port' => $port])->broadcast(['orders'], 'e', []);
            $this->fail('no exception');
        } catch (BroadcastException $e) {
            $this->assertStringStartsWith("Pogo WebSocket is unreachable at http://127.0.0.1:{$port} (", $e->getMessage());
            $this->assertStringNotContainsString('auth_signature', $e->getMessage());
        }
        $this->assertCount(2, $sent, 'a refused connection is retried once, as with the default transport');

        try {
            $this->broadcaster('slow', [], ['timeout' => 0.4])->broadcast(['orders'], 'e', []);
            $this->fail('no exception');
        } catch (BroadcastException $e) {
            $this->assertSame('Pogo WebSocket at http://127.0.0.1:' . static::$server->port . ' did not answer POST /apps/slow/events in time (timeout 0.4s, connect timeout 1s).', $e->getMessage());
        }
        usleep(1_300_000); // the stand-in answers one request at a time: let it finish the slow one

        $status = Schema::load()->publishStatusByName('PAYLOAD_TOO_LARGE');
        $this->expectExceptionMessage("Pogo WebSocket rejected the broadcast: 413 PAYLOAD_TOO_LARGE (status {$status['status']}): {$status['message']}");
        $this->broadcaster('status-PAYLOAD_TOO_LARGE')->broadcast(['orders'], 'e', []);
    }

    public function testAMockHandlerBehindAGuzzleTransportFakesTheServer(): void
    {
        // The way README's "Testing" note gives: the server's answers queued, the requests recorded.
        $sent = [];
        $stack = HandlerStack::create(new MockHandler([
            new Response(503, ['Content-Type' => 'application/json'], '{"error":"Broker queue full","status":8,"name":"BROKER_QUEUE_FULL"}'),
        ]));
        $stack->push(Middleware::history($sent));
        $this->app->instance(Transport::class, new GuzzleTransport(new Client(['handler' => $stack])));

        try {
            $this->broadcaster('record')->broadcast(['orders'], 'e', ['x' => 1]);
            $this->fail('no exception');
        } catch (BroadcastException $e) {
            $this->assertSame('Pogo WebSocket rejected the broadcast: 503 BROKER_QUEUE_FULL (status 8): Broker queue full', $e->getMessage());
        }
        $this->assertCount(1, $sent);
        $request = $sent[0]['request'];
        $this->assertSame(['POST', '/apps/record/events'], [$request->getMethod(), $request->getUri()->getPath()]);
        $this->assertSame(['name' => 'e', 'channels' => ['orders'], 'data' => '{"x":1}'], json_decode((string) $request->getBody(), true));
        $this->assertSame([], static::$server->requests(), 'the mock answered, nothing left the process');
    }

    public function testHttpFakeDoesNotInterceptPublishes(): void
    {
        // Publishes do not go through Laravel's HTTP client (README: "Testing"): its fakes never answer them.
        Http::fake(['*' => Http::response('faked', 500)]);

        $this->broadcaster('record')->broadcast(['orders'], 'e', ['x' => 1]);

        $this->assertCount(1, static::$server->requests());
        Http::assertNothingSent();
    }

    public function testAPublishThatTimesOutIsReportedAndNotRetried(): void
    {
        $started = microtime(true);

        try {
            $this->broadcaster('slow', [], ['timeout' => 0.4])->broadcast(['orders'], 'e', []);
            $this->fail('no exception');
        } catch (BroadcastException $e) {
            $this->assertSame(
                'Pogo WebSocket at http://127.0.0.1:' . static::$server->port . ' did not answer POST /apps/slow/events in time (timeout 0.4s, connect timeout 1s).',
                $e->getMessage(),
            );
        }
        $this->assertLessThan(1.4, microtime(true) - $started);
        usleep(1_300_000); // let the stand-in finish its sleeping request before counting
        $this->assertCount(1, static::$server->requests());
    }

    public function testAReadIsRetriedAfterA503AndAPublishIsNot(): void
    {
        $info = $this->broadcaster('flaky')->channelInfo('orders', ['subscription_count']);
        $this->assertSame(['occupied' => true, 'subscription_count' => 2], $info);
        $this->assertCount(2, static::$server->requests());

        static::$server->reset();
        $this->expectExceptionMessage('Pogo WebSocket rejected the broadcast: 503 BROKER_FAILURE (status 6): Broker failure');

        try {
            $this->broadcaster('flaky')->broadcast(['orders'], 'e', []);
        } finally {
            $this->assertCount(1, static::$server->requests());
        }
    }

    public function testMissingCredentialsNameTheEnvKeysWhenBroadcasting(): void
    {
        $broadcaster = $this->app->make(\Pogo\WebSocket\Broadcasting\PogoBroadcasterFactory::class)->make(['app_id' => 'x']);

        $this->expectException(BroadcastException::class);
        $this->expectExceptionMessage('WS_APP_KEY is not set (fix: set WS_APP_KEY in .env, or run `php artisan pogo:ws-install` to generate it). WS_APP_SECRET is not set');
        $broadcaster->broadcast(['orders'], 'e', []);
    }

    public function testABadSchemeOrPortIsRefusedQuotingTheValueAsGiven(): void
    {
        foreach ([
            [['scheme' => 'ws'], 'WS_SCHEME must be http or https, not "ws"'],
            [['port' => 70000], 'WS_PORT must be a TCP port (1-65535), not 70000'],
            [['port' => 'abc'], 'WS_PORT must be a TCP port (1-65535), not "abc"'],
        ] as [$options, $message]) {
            try {
                $this->broadcaster('record', $options)->broadcast(['orders'], 'e', []);
                $this->fail('accepted ' . json_encode($options));
            } catch (BroadcastException $e) {
                $this->assertStringStartsWith($message . ' (fix: set ', $e->getMessage());
            }
        }
        $this->assertCount(0, static::$server->requests());
    }
}
