<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Installer;

use PHPUnit\Framework\Attributes\Depends;
use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Http\CurlTransport;
use Pogo\WebSocket\Http\PogoClient;
use Pogo\WebSocket\Http\Signer;
use Pogo\WebSocket\Support\EnvFile;
use Pogo\WebSocket\Support\WebSocketProbe;
use Pogo\WebSocket\Tests\Support\Artisan;
use Pogo\WebSocket\Tests\Support\FreePort;
use Pogo\WebSocket\Tests\Support\LaravelSkeleton;
use Pogo\WebSocket\Tests\Support\TestCertificates;
use Symfony\Component\Process\Process;

/**
 * In a real Laravel 12 app: pogo:ws-install offers the WS_TLS_* keys, and `pogo:ws-start` with them serves
 * wss:// and https://, and on SIGHUP rebuilds its configuration from .env and config/ (a new app, a rotated secret,
 * a new certificate) while connected clients stay.
 */
final class DeployCommandsTest extends TestCase
{
    private static string $app;

    private static int $port;

    private static TestCertificates $certs;

    public static function setUpBeforeClass(): void
    {
        self::$app = sys_get_temp_dir() . '/pogo-deploy-' . bin2hex(random_bytes(4));
        LaravelSkeleton::freshCopy(self::$app);
        self::$port = FreePort::find();
        self::$certs = TestCertificates::create();
    }

    public static function tearDownAfterClass(): void
    {
        LaravelSkeleton::remove(self::$app);
        self::$certs->remove();
    }

    private function install(): string
    {
        $result = Artisan::run(self::$app, ['pogo:ws-install', '--no-interaction', '--without-npm', '--host=127.0.0.1', '--port=' . self::$port]);
        $this->assertSame(0, $result['code'], $result['output']);

        return $result['output'];
    }

    public function testInstallWritesTheTlsKeysCommentedOutOnce(): void
    {
        $this->install();
        $again = $this->install();

        $env = (string) file_get_contents(self::$app . '/.env');
        foreach (['WS_TLS_CERT', 'WS_TLS_KEY', 'WS_TLS_CA', 'WS_TLS_PASSPHRASE'] as $key) {
            $this->assertSame(1, preg_match_all('/^# ' . $key . '=/m', $env), "{$key} commented out, once");
            $this->assertNull(EnvFile::load(self::$app . '/.env')->get($key), "{$key} is not set");
        }
        $this->assertMatchesRegularExpression('/\.env \.+ unchanged/', $again);
    }

    #[Depends('testInstallWritesTheTlsKeysCommentedOutOnce')]
    public function testStartServesTlsAndSighupReloadsAppsSecretsAndTheCertificate(): void
    {
        $first = self::$certs->issue('first', ['localhost', '127.0.0.1']);
        $second = self::$certs->issue('second', ['localhost', '127.0.0.1']);
        @mkdir(self::$app . '/storage/tls', 0700, true);
        copy($first['cert'], self::$app . '/storage/tls/cert.pem');
        copy($first['key'], self::$app . '/storage/tls/key.pem');
        $env = EnvFile::load(self::$app . '/.env');
        // Relative paths: pogo:ws-start resolves them against the app, wherever its supervisor runs it.
        foreach (['WS_TLS_CERT' => 'storage/tls/cert.pem', 'WS_TLS_KEY' => 'storage/tls/key.pem', 'WS_SCHEME' => 'https', 'WS_SERVER_HOST' => '127.0.0.1'] as $key => $value) {
            $env->set($key, $value);
        }
        $env->save();
        $id = (string) $env->get('WS_APP_ID');
        $key = (string) $env->get('WS_APP_KEY');

        $server = new Process([PHP_BINARY, 'artisan', 'pogo:ws-start'], self::$app, Artisan::baseEnv(), null, null);
        $server->start();

        try {
            $this->waitFor($server, 'listening on https://127.0.0.1:' . self::$port);
            $this->assertSame(openssl_x509_fingerprint((string) file_get_contents($first['cert'])), $this->servedFingerprint());
            $client = WebSocketProbe::connect('https', '127.0.0.1', self::$port, "/app/{$key}?protocol=7&client=php-test&version=1.0", 3, null, ['cafile' => self::$certs->caCert]);
            $this->assertSame('pusher:connection_established', $client->receiveJson(3)['event'] ?? null);
            $this->assertSame(200, $this->channelsStatus($id, $key, (string) $env->get('WS_APP_SECRET')));

            // The deploy: a new app in config/, a rotated secret in .env, a renewed certificate on disk.
            $config = self::$app . '/config/pogo-websocket.php';
            file_put_contents($config, str_replace("'apps' => [],", "'apps' => [['id' => 'second-app', 'key' => 'second-key', 'secret' => 'second-secret']],", (string) file_get_contents($config), $replaced));
            $this->assertSame(1, $replaced);
            $oldSecret = (string) $env->get('WS_APP_SECRET');
            $env->set('WS_APP_SECRET', 'rotated-secret-0123456789');
            $env->save();
            copy($second['cert'], self::$app . '/storage/tls/cert.pem');
            copy($second['key'], self::$app . '/storage/tls/key.pem');

            $server->signal(SIGHUP);
            $this->waitFor($server, 'SIGHUP: configuration reloaded');

            $this->assertMatchesRegularExpression('/SIGHUP: configuration reloaded \([^)]*added second-app[^)]*changed ' . preg_quote($id, '/') . '[^)]*certificate reloaded\)/', $server->getOutput() . $server->getErrorOutput());
            $this->assertSame(openssl_x509_fingerprint((string) file_get_contents($second['cert'])), $this->servedFingerprint());
            $this->assertSame(200, $this->channelsStatus('second-app', 'second-key', 'second-secret'));
            $this->assertSame(200, $this->channelsStatus($id, $key, 'rotated-secret-0123456789'));
            $this->assertSame(401, $this->channelsStatus($id, $key, $oldSecret));

            // The client connected before the reload is still there.
            $client->sendJson(['event' => 'pusher:ping', 'data' => new \stdClass()]);
            $this->assertSame('pusher:pong', $client->receiveJson(3)['event'] ?? null);
            $client->close();
        } finally {
            $server->signal(SIGTERM);
            $server->wait();
        }
        $this->assertSame(0, $server->getExitCode(), $server->getOutput() . $server->getErrorOutput());
    }

    private function waitFor(Process $process, string $text): void
    {
        $deadline = microtime(true) + 20;
        while (! str_contains($process->getOutput() . $process->getErrorOutput(), $text) && $process->isRunning() && microtime(true) < $deadline) {
            usleep(50_000);
        }
        $this->assertStringContainsString($text, $process->getOutput() . $process->getErrorOutput());
    }

    /** The SHA-1 fingerprint of the certificate the server presents now. */
    private function servedFingerprint(): string
    {
        $context = stream_context_create(['ssl' => ['capture_peer_cert' => true, 'cafile' => self::$certs->caCert, 'peer_name' => 'localhost']]);
        $stream = stream_socket_client('tls://127.0.0.1:' . self::$port, $errno, $error, 3, STREAM_CLIENT_CONNECT, $context);
        $this->assertNotFalse($stream, $error);
        $certificate = stream_context_get_params($stream)['options']['ssl']['peer_certificate'];
        fclose($stream);

        return (string) openssl_x509_fingerprint($certificate);
    }

    /** HTTP status of a signed GET /apps/{id}/channels over https, verifying the server with the test CA. */
    private function channelsStatus(string $id, string $key, string $secret): int
    {
        $client = new PogoClient(new CurlTransport(), new Signer($key, $secret), $id, 'https://127.0.0.1:' . self::$port, ['retries' => 0, 'verify' => self::$certs->caCert]);

        try {
            $client->channels();

            return 200;
        } catch (\Illuminate\Broadcasting\BroadcastException $e) {
            return preg_match('/ (\d{3}) /', $e->getMessage(), $match) === 1 ? (int) $match[1] : 0;
        }
    }
}
