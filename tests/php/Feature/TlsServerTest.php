<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use GuzzleHttp\Client;
use Illuminate\Broadcasting\BroadcastException;
use Illuminate\Support\Facades\Artisan;
use Pogo\WebSocket\Broadcasting\PogoBroadcaster;
use Pogo\WebSocket\Broadcasting\PogoBroadcasterFactory;
use Pogo\WebSocket\Http\CurlTransport;
use Pogo\WebSocket\Http\GuzzleTransport;
use Pogo\WebSocket\Http\Transport;
use Pogo\WebSocket\Server\ServerConfigBuilder;
use Pogo\WebSocket\Support\SecretMask;
use Pogo\WebSocket\Support\WebSocketProbe;
use Pogo\WebSocket\Tests\Support\ServerProcess;
use Pogo\WebSocket\Tests\Support\TestCertificates;
use Pogo\WebSocket\Tests\TestCase;

/**
 * The server with its own TLS (what pogo:ws-start hands it from WS_TLS_*), a certificate from a private CA made by
 * `openssl`: the PHP driver publishes over https with `verify` pointing at that CA (cURL and Guzzle), refuses the
 * server without it, pogo:ws-restart works over https, and the doctor passes every check.
 */
final class TlsServerTest extends TestCase
{
    private const APP = ['id' => 'tls-app', 'key' => 'tls-key', 'secret' => 'tls-secret'];

    private static TestCertificates $certs;

    /** @var array{cert: string, key: string} */
    private static array $leaf;

    private ?ServerProcess $server = null;

    public static function setUpBeforeClass(): void
    {
        self::$certs = TestCertificates::create();
        self::$leaf = self::$certs->issue('server', ['localhost', '127.0.0.1']);
    }

    public static function tearDownAfterClass(): void
    {
        self::$certs->remove();
    }

    protected function setUp(): void
    {
        parent::setUp();
        config([
            'broadcasting.connections.pogo' => ['driver' => 'pogo', 'app_id' => self::APP['id'], 'key' => self::APP['key'], 'secret' => self::APP['secret'],
                'options' => ['host' => '127.0.0.1', 'port' => 6001, 'scheme' => 'https'],
                'client_options' => ['timeout' => 3, 'connect_timeout' => 2, 'retries' => 0, 'verify' => self::$certs->caCert]],
            'pogo-websocket.server.host' => '127.0.0.1',
            'pogo-websocket.server.tls' => ['cert' => self::$leaf['cert'], 'key' => self::$leaf['key'], 'ca' => self::$certs->caCert, 'passphrase' => null],
        ]);
        $config = $this->app->make(ServerConfigBuilder::class)->build();
        unset($config['port']);
        $this->server = ServerProcess::start($config);
        config(['broadcasting.connections.pogo.options.port' => $this->server->port, 'pogo-websocket.server.port' => $this->server->port]);
    }

    protected function tearDown(): void
    {
        $this->server?->stop();
        foreach (['VITE_POGO_APP_KEY', 'VITE_POGO_HOST', 'VITE_POGO_PORT', 'VITE_POGO_SCHEME'] as $name) {
            putenv($name);
        }
        parent::tearDown();
    }

    /** @param array<string, mixed> $clientOptions */
    private function broadcaster(array $clientOptions = []): PogoBroadcaster
    {
        $connection = array_replace_recursive((array) config('broadcasting.connections.pogo'), ['client_options' => $clientOptions]);

        return $this->app->make(PogoBroadcasterFactory::class)->make($connection);
    }

    /** A wss:// subscriber trusting the test CA. */
    private function subscriber(string $channel): WebSocketProbe
    {
        $socket = WebSocketProbe::connect('https', '127.0.0.1', (int) $this->server?->port, '/app/' . self::APP['key'] . '?protocol=7&client=php-test&version=1.0', 3, null, ['cafile' => self::$certs->caCert]);
        $this->assertSame('pusher:connection_established', $socket->receiveJson(3)['event'] ?? null);
        $socket->sendJson(['event' => 'pusher:subscribe', 'data' => ['channel' => $channel]]);
        $this->assertSame('pusher_internal:subscription_succeeded', $socket->receiveJson(3)['event'] ?? null);

        return $socket;
    }

    public function testPogoWsStartHandsTheServerItsCertificateAndItServesHttpsAndWss(): void
    {
        $this->assertSame('https', $this->server?->scheme, (string) $this->server?->output());

        $config = $this->app->make(ServerConfigBuilder::class)->build();
        $this->assertSame(['cert' => self::$leaf['cert'], 'key' => self::$leaf['key'], 'ca' => self::$certs->caCert], $config['tls']);

        config(['pogo-websocket.server.tls' => ['cert' => 'certs/fullchain.pem', 'key' => 'certs/privkey.pem', 'passphrase' => 'key-pass-9']]);
        $relative = $this->app->make(ServerConfigBuilder::class)->build()['tls'];
        $this->assertSame(['cert' => base_path('certs/fullchain.pem'), 'key' => base_path('certs/privkey.pem'), 'passphrase' => 'key-pass-9'], $relative, 'paths relative to the app, wherever the supervisor runs the server');
        $this->assertSame(SecretMask::MASK, SecretMask::serverConfig(['tls' => $relative])['tls']['passphrase']);
        Artisan::call('pogo:ws-start', ['--print-config' => true]);
        $this->assertStringNotContainsString('key-pass-9', Artisan::output());

        config(['pogo-websocket.server.tls' => ['cert' => null, 'key' => null]]);
        $this->assertArrayNotHasKey('tls', $this->app->make(ServerConfigBuilder::class)->build());
        config(['pogo-websocket.server.tls' => ['cert' => null, 'key' => 'privkey.pem']]);
        $this->assertSame(1, Artisan::call('pogo:ws-start', ['--print-config' => true]));
        $this->assertStringContainsString('WS_TLS_KEY is set but WS_TLS_CERT is not: set both', Artisan::output());
    }

    public function testTheDriverPublishesOverHttpsVerifyingTheServerWithTheTestCaThroughCurlAndGuzzle(): void
    {
        $socket = $this->subscriber('tls-news');

        $this->assertInstanceOf(CurlTransport::class, $this->app->make(Transport::class));
        $this->broadcaster()->broadcast(['tls-news'], 'Curl', ['n' => 1]);
        $this->assertSame(['event' => 'Curl', 'data' => '{"n":1}'], array_intersect_key((array) $socket->receiveJson(3), ['event' => 1, 'data' => 1]));

        $this->app->instance(Transport::class, new GuzzleTransport(new Client()));
        $this->broadcaster()->broadcast(['tls-news'], 'Guzzle', ['n' => 2]);
        $this->assertSame(['event' => 'Guzzle', 'data' => '{"n":2}'], array_intersect_key((array) $socket->receiveJson(3), ['event' => 1, 'data' => 1]));
        $socket->close();
    }

    public function testWithoutTheCaTheServerIsRefusedByBothTransports(): void
    {
        foreach ([new CurlTransport(), new GuzzleTransport(new Client())] as $transport) {
            $this->app->instance(Transport::class, $transport);

            try {
                $this->broadcaster(['verify' => true])->broadcast(['tls-news'], 'Nope', []);
                $this->fail($transport::class . ' trusted a certificate from an unknown CA');
            } catch (BroadcastException $e) {
                $this->assertMatchesRegularExpression('/Pogo WebSocket is unreachable at https:\/\/127\.0\.0\.1:\d+ \(SSL certificate problem: (unable to get local issuer certificate|self.signed certificate in certificate chain)/', $e->getMessage(), $transport::class);
            }
        }

        // verify=false trusts anything (the doctor warns about it).
        $this->app->instance(Transport::class, new CurlTransport());
        $this->broadcaster(['verify' => false])->broadcast(['tls-news'], 'Unverified', []);
        $this->addToAssertionCount(1);
    }

    public function testTheDoctorSaysWhenTheServerPresentsAnotherCertificateThanTheFiles(): void
    {
        // Renewed on disk, not yet reloaded by the running server.
        $renewed = self::$certs->issue('renewed', ['localhost', '127.0.0.1'], days: 60);
        config(['pogo-websocket.server.tls' => ['cert' => $renewed['cert'], 'key' => $renewed['key'], 'ca' => self::$certs->caCert]]);

        Artisan::call('pogo:ws-doctor', ['--timeout' => 3]);

        $this->assertMatchesRegularExpression('/TLS certificate \.*\s*FAIL the server on 127\.0\.0\.1:' . $this->server?->port . ' presents another certificate \(valid until ' . gmdate('Y-m-d', time() + 30 * 86400) . '\) than WS_TLS_CERT \(valid until ' . gmdate('Y-m-d', time() + 60 * 86400) . '\)\s*\n\s+Fix: have it read the files again without dropping a connection: supervisorctl signal HUP/', Artisan::output());

        // TLS turned on in .env, the running server started without it.
        $plain = ServerProcess::start(['apps' => [self::APP]]);

        try {
            config(['pogo-websocket.server.port' => $plain->port]);
            Artisan::call('pogo:ws-doctor', ['--timeout' => 3]);
            $this->assertStringContainsString("FAIL the server on 127.0.0.1:{$plain->port} does not answer TLS: it was started before WS_TLS_CERT was set", Artisan::output());
        } finally {
            $plain->stop();
        }
    }

    public function testTheDoctorPassesEveryCheckAgainstTheTlsServerAndRestartWorksOverHttps(): void
    {
        foreach (['VITE_POGO_APP_KEY' => self::APP['key'], 'VITE_POGO_HOST' => 'localhost', 'VITE_POGO_PORT' => (string) $this->server?->port, 'VITE_POGO_SCHEME' => 'https'] as $name => $value) {
            putenv("{$name}={$value}");
        }

        $code = Artisan::call('pogo:ws-doctor', ['--timeout' => 3]);
        $output = Artisan::output();

        $this->assertSame(0, $code, $output);
        $this->assertMatchesRegularExpression('/TLS certificate \.*\s*OK localhost, 127\.0\.0\.1, valid until \d{4}-\d\d-\d\d/', $output);
        $this->assertMatchesRegularExpression('/Test event round trip \.*\s*OK published and received/', $output);

        $this->assertSame(0, Artisan::call('pogo:ws-restart'), Artisan::output());
        $this->assertSame(0, $this->server?->exitCodeWithin(15), (string) $this->server?->output());
    }
}
