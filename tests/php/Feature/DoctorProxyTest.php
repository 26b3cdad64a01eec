<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use Illuminate\Support\Facades\Artisan;
use Pogo\WebSocket\Tests\Support\ReadmeNginx;
use Pogo\WebSocket\Tests\Support\RealServer;
use Pogo\WebSocket\Tests\TestCase;

/**
 * pogo:ws-doctor's proxy checks against Debian's nginx running the README's block in front of the real server:
 * the block as written passes; a block without X-Forwarded-For, one without the upgrade headers, and a server not
 * told to trust the proxy are each one failing line with its fix.
 */
final class DoctorProxyTest extends TestCase
{
    private const APP = ['id' => 'proxied-app', 'key' => 'proxied-key', 'secret' => 'proxied-secret'];

    private static RealServer $server;

    /** @var list<ReadmeNginx|RealServer> */
    private array $started = [];

    public static function setUpBeforeClass(): void
    {
        // As the README says: WS_TRUSTED_PROXIES=127.0.0.1, nginx reaching the server from there.
        self::$server = RealServer::start(['apps' => [self::APP], 'trustedProxies' => ['127.0.0.1']]);
    }

    public static function tearDownAfterClass(): void
    {
        self::$server->stop();
    }

    protected function tearDown(): void
    {
        foreach ($this->started as $process) {
            $process->stop();
        }
        foreach (['VITE_POGO_APP_KEY', 'VITE_POGO_HOST', 'VITE_POGO_PORT', 'VITE_POGO_SCHEME'] as $name) {
            putenv($name);
        }
        parent::tearDown();
    }

    /** @return array{int, string} the doctor's exit code and output, Laravel publishing straight to `$server`, browsers through nginx */
    private function doctorBehind(ReadmeNginx $nginx, RealServer $server): array
    {
        $this->started[] = $nginx;
        config([
            'broadcasting.connections.pogo' => ['driver' => 'pogo', 'app_id' => self::APP['id'], 'key' => self::APP['key'], 'secret' => self::APP['secret'],
                'options' => ['host' => '127.0.0.1', 'port' => $server->port, 'scheme' => 'http']],
            'pogo-websocket.server.host' => '127.0.0.1',
            'pogo-websocket.server.port' => $server->port,
            'pogo-websocket.server.trusted_proxies' => ['127.0.0.1'],
        ]);
        foreach (['VITE_POGO_APP_KEY' => self::APP['key'], 'VITE_POGO_HOST' => '127.0.0.1', 'VITE_POGO_PORT' => (string) $nginx->port, 'VITE_POGO_SCHEME' => 'http'] as $name => $value) {
            putenv("{$name}={$value}");
        }
        $code = Artisan::call('pogo:ws-doctor', ['--timeout' => 3]);

        return [$code, Artisan::output()];
    }

    public function testTheReadmeBlockPassesEveryCheck(): void
    {
        [$code, $output] = $this->doctorBehind(ReadmeNginx::start(self::$server->port), self::$server);

        $this->assertSame(0, $code, $output);
        $this->assertMatchesRegularExpression('/Proxy passes the client\'s address \.*\s*OK X-Forwarded-For from a trusted proxy; this client seen as 127\.0\.0\.1/', $output);
        $this->assertMatchesRegularExpression('/Proxy passes WebSocket upgrades \.*\s*OK WebSocket upgraded through http:\/\/127\.0\.0\.1:\d+/', $output);
        $this->assertMatchesRegularExpression('/Front-end settings \(VITE_POGO_\*\) \.*\s*OK key agrees; browsers connect elsewhere than Laravel \(VITE_POGO_PORT=\d+\)/', $output);
    }

    public function testABlockWithoutXForwardedForIsReportedWithTheLineToAdd(): void
    {
        $nginx = ReadmeNginx::start(self::$server->port, fn (string $block) => ReadmeNginx::replaceLine($block, '/proxy_set_header X-Forwarded-For /', '# (X-Forwarded-For forgotten)'));

        [$code, $output] = $this->doctorBehind($nginx, self::$server);

        $this->assertSame(1, $code);
        $this->assertMatchesRegularExpression('/Proxy passes the client\'s address \.*\s*FAIL the request reached the server without X-Forwarded-For \(from 127\.0\.0\.1\)\s*\n\s+Fix: the proxy does not pass X-Forwarded-For: in nginx add proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; to the location block/', $output);
        $this->assertMatchesRegularExpression('/Proxy passes WebSocket upgrades \.*\s*OK/', $output);
        $this->assertSame(1, substr_count($output, 'FAIL'), $output);
    }

    public function testABlockWithoutTheUpgradeHeadersIsReported(): void
    {
        $nginx = ReadmeNginx::start(self::$server->port, function (string $block): string {
            $block = ReadmeNginx::replaceLine($block, '/proxy_set_header Upgrade /', '# (no Upgrade)');

            return ReadmeNginx::replaceLine($block, '/proxy_set_header Connection /', '# (no Connection)');
        });

        [$code, $output] = $this->doctorBehind($nginx, self::$server);

        $this->assertSame(1, $code);
        $this->assertMatchesRegularExpression('/Proxy passes WebSocket upgrades \.*\s*FAIL no WebSocket through http:\/\/127\.0\.0\.1:\d+: the WebSocket handshake was refused: HTTP\/1\.1 \d{3}[^\n]*\n\s+Fix: the proxy must pass the upgrade: in nginx proxy_http_version 1\.1; proxy_set_header Upgrade \$http_upgrade;/', $output);
        $this->assertMatchesRegularExpression('/Proxy passes the client\'s address \.*\s*OK/', $output);
    }

    public function testAServerNotToldToTrustTheProxyIsReportedWithTheAddressToTrust(): void
    {
        // WS_TRUSTED_PROXIES in .env, but the running server was started without it.
        $untrusting = RealServer::start(['apps' => [self::APP]]);
        $this->started[] = $untrusting;

        [$code, $output] = $this->doctorBehind(ReadmeNginx::start($untrusting->port), $untrusting);

        $this->assertSame(1, $code);
        $this->assertMatchesRegularExpression('/Proxy passes the client\'s address \.*\s*FAIL the proxy at 127\.0\.0\.1 sent X-Forwarded-For but is not a trusted proxy[^\n]*\n\s+Fix: set WS_TRUSTED_PROXIES=127\.0\.0\.1 \(the proxy\'s address as the server sees it\) and restart pogo:ws-start/', $output);
    }
}
