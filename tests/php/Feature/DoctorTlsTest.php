<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use Illuminate\Support\Facades\Artisan;
use Pogo\WebSocket\Console\DoctorFailure;
use Pogo\WebSocket\Console\TlsChecks;
use Pogo\WebSocket\Tests\Support\TestCertificates;
use Pogo\WebSocket\Tests\TestCase;

/** pogo:ws-doctor's TLS checks on certificates made by `openssl`: good, expired, soon expiring, wrong key, wrong host, wrong CA. */
final class DoctorTlsTest extends TestCase
{
    private static TestCertificates $certs;

    public static function setUpBeforeClass(): void
    {
        self::$certs = TestCertificates::create();
    }

    public static function tearDownAfterClass(): void
    {
        self::$certs->remove();
    }

    protected function tearDown(): void
    {
        putenv('VITE_POGO_HOST');
        putenv('VITE_POGO_PORT');
        parent::tearDown();
    }

    /**
     * @param array{cert: string, key: string, ca?: string} $tls
     * @param list<string> $hosts
     * @return array{string, list<string>, list<string>} detail, failures (problem | fix), warnings
     */
    private function check(array $tls, array $hosts = ['localhost'], ?int $now = null): array
    {
        $checks = new TlsChecks($tls, $now ?? time());
        $detail = $checks->run($hosts);

        return [$detail, array_map(fn (DoctorFailure $f) => $f->getMessage() . ' | ' . $f->fix, $checks->failures), $checks->warnings];
    }

    public function testAGoodCertificateSignedByTheConfiguredCaPasses(): void
    {
        $good = self::$certs->issue('good', ['localhost', '127.0.0.1']);

        [$detail, $failures, $warnings] = $this->check($good + ['ca' => self::$certs->caCert], ['localhost', '127.0.0.1']);

        $this->assertSame([], $failures);
        $this->assertSame([], $warnings);
        $this->assertStringContainsString('localhost, 127.0.0.1, valid until ' . gmdate('Y-m-d', time() + 30 * 86400), $detail);
    }

    public function testAnExpiredCertificateFailsWithHowToRenewIt(): void
    {
        $expired = self::$certs->issue('expired', ['localhost'], days: -1);

        [, $failures] = $this->check($expired + ['ca' => self::$certs->caCert]);

        $this->assertCount(1, $failures, implode("\n", $failures));
        $this->assertMatchesRegularExpression('/^the certificate expired on \d{4}-\d\d-\d\d \d\d:\d\d UTC: browsers refuse wss:\/\/ with it \| renew it .*kill -HUP/', $failures[0]);
    }

    public function testACertificateExpiringWithinTwoWeeksIsAWarningNotAFailure(): void
    {
        $soon = self::$certs->issue('soon', ['localhost'], days: 5);

        [, $failures, $warnings] = $this->check($soon + ['ca' => self::$certs->caCert]);

        $this->assertSame([], $failures);
        $this->assertCount(1, $warnings);
        $this->assertMatchesRegularExpression('/^the certificate expires in [45] day\(s\)/', $warnings[0]);
    }

    public function testACertificateNotYetValidFails(): void
    {
        $good = self::$certs->issue('early', ['localhost']);

        // This machine's clock two days behind the certificate's start.
        [, $failures] = $this->check($good + ['ca' => self::$certs->caCert], now: time() - 2 * 86400);

        $this->assertCount(1, $failures);
        $this->assertStringStartsWith('the certificate is not valid until ', $failures[0]);
    }

    public function testAKeyOfAnotherCertificateFails(): void
    {
        $one = self::$certs->issue('one', ['localhost']);
        $other = self::$certs->issue('other', ['localhost']);

        [, $failures] = $this->check(['cert' => $one['cert'], 'key' => $other['key'], 'ca' => self::$certs->caCert]);

        $this->assertSame(["WS_TLS_KEY [{$other['key']}] is not the key of the certificate in WS_TLS_CERT | use the private key the certificate was issued for (with Let's Encrypt: privkey.pem from the same live/ directory as fullchain.pem)"], $failures);
    }

    public function testACertificateForAnotherHostFailsNamingTheHostClientsUse(): void
    {
        $other = self::$certs->issue('elsewhere', ['other.example.test']);
        [, $failures] = $this->check($other + ['ca' => self::$certs->caCert], ['ws.example.test']);
        $this->assertSame(['the certificate is for [other.example.test], not ws.example.test, the host clients connect to | get a certificate whose subjectAltName includes ws.example.test (certbot certonly -d ws.example.test), or set VITE_POGO_HOST to a name it covers'], $failures);

        $wildcard = self::$certs->issue('wildcard', ['*.example.test']);
        $this->assertSame([], $this->check($wildcard + ['ca' => self::$certs->caCert], ['ws.example.test'])[1]);
        $this->assertCount(1, $this->check($wildcard + ['ca' => self::$certs->caCert], ['a.ws.example.test'])[1], 'a wildcard covers one label only');
        $this->assertCount(1, $this->check($wildcard + ['ca' => self::$certs->caCert], ['example.test'])[1]);
    }

    public function testACertificateNotSignedByTheCaFails(): void
    {
        $self = self::$certs->issue('self', ['localhost'], selfSigned: true);
        [, $failures] = $this->check($self + ['ca' => self::$certs->caCert]);
        $this->assertSame(['the certificate is not signed by WS_TLS_CA [' . self::$certs->caCert . '] | set WS_TLS_CA to the CA certificate that issued WS_TLS_CERT (openssl x509 -in CERT -noout -issuer names it)'], $failures);

        // Without WS_TLS_CA, the private CA is one this machine does not trust.
        $private = self::$certs->issue('private', ['localhost']);
        [, $failures] = $this->check($private);
        $this->assertCount(1, $failures);
        $this->assertStringStartsWith('the certificate is not signed by a CA this machine trusts', $failures[0]);
    }

    public function testMissingAndForeignFilesAreNamed(): void
    {
        [, $failures] = $this->check(['cert' => '/nonexistent/fullchain.pem', 'key' => '/nonexistent/privkey.pem']);
        $this->assertSame([
            'WS_TLS_CERT [/nonexistent/fullchain.pem] does not exist | point WS_TLS_CERT at the certificate chain (PEM, e.g. fullchain.pem), readable by the user that runs pogo:ws-start',
            'WS_TLS_KEY [/nonexistent/privkey.pem] does not exist | point WS_TLS_KEY at the certificate\'s private key (PEM, e.g. privkey.pem), readable by the user that runs pogo:ws-start',
        ], $failures);

        $good = self::$certs->issue('swapped', ['localhost']);
        [, $failures] = $this->check(['cert' => $good['key'], 'key' => $good['key']]);
        $this->assertSame(["WS_TLS_CERT [{$good['key']}] is not a PEM certificate | point WS_TLS_CERT at the certificate chain in PEM form (it starts with -----BEGIN CERTIFICATE-----)"], $failures);
    }

    public function testTheDoctorPrintsEachTlsProblemOnItsOwnLineWithItsFix(): void
    {
        $expired = self::$certs->issue('doctor-expired', ['ws.example.test'], days: -1);
        $other = self::$certs->issue('doctor-other', ['ws.example.test']);
        putenv('VITE_POGO_HOST=ws.example.test');
        putenv('VITE_POGO_PORT=6001'); // the server's own port: no proxy in between
        config(['pogo-websocket.server.tls' => ['cert' => $expired['cert'], 'key' => $other['key'], 'ca' => self::$certs->caCert, 'passphrase' => null]]);

        $code = Artisan::call('pogo:ws-doctor', ['--timeout' => 0.5]);
        $output = Artisan::output();

        $this->assertSame(1, $code);
        $this->assertMatchesRegularExpression('/TLS certificate \.*\s*FAIL the certificate expired on [^\n]+\n\s+Fix: renew it/', $output);
        $this->assertMatchesRegularExpression('/TLS certificate \.*\s*FAIL WS_TLS_KEY \[[^\]]+\] is not the key of the certificate in WS_TLS_CERT\s*\n\s+Fix: use the private key/', $output);
        $this->assertSame(2, substr_count($output, 'TLS certificate'), 'expired and wrong key, nothing more (the CA check is not repeated for an expired certificate)');
        $this->assertStringNotContainsString('Proxy passes', $output, 'clients connect to the server\'s own port');
        $this->assertStringNotContainsString('Exception', $output);

        config(['pogo-websocket.server.tls' => ['cert' => $expired['cert'], 'key' => null]]);
        Artisan::call('pogo:ws-doctor', ['--timeout' => 0.5]);
        $this->assertStringContainsString('FAIL WS_TLS_CERT is set but WS_TLS_KEY is not: set both', Artisan::output());
    }

    public function testTheDoctorWarnsLoudlyWhenLaravelDoesNotCheckTheServersCertificate(): void
    {
        config(['broadcasting.connections.pogo.options.scheme' => 'https', 'broadcasting.connections.pogo.client_options.verify' => false]);

        Artisan::call('pogo:ws-doctor', ['--timeout' => 0.5]);

        $this->assertMatchesRegularExpression('/Laravel checks the server\'s certificate \.*\s*WARN\s*\n\s+Warning: NO: client_options.verify is false, so Laravel publishes to https:\/\/127.0.0.1:6001 trusting any certificate/', Artisan::output());
    }
}
