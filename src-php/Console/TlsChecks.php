<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Console;

/**
 * pogo:ws-doctor's checks of the server's own TLS files (WS_TLS_*), with PHP's openssl extension: readable,
 * a certificate in its validity window (a warning under 14 days), the key its own, the host clients connect
 * to among its names, and signed by WS_TLS_CA (or a CA this machine trusts). Each problem comes with its fix.
 */
final class TlsChecks
{
    public const WARN_DAYS = 14;

    /** @var list<DoctorFailure> */
    public array $failures = [];

    /** @var list<string> */
    public array $warnings = [];

    /** @param array{cert: string, key: string, ca?: string, passphrase?: string} $tls */
    public function __construct(private readonly array $tls, private readonly int $now)
    {
    }

    /**
     * Runs every check; failures and warnings are left in the public lists.
     *
     * @param list<string> $hosts the names clients connect to (VITE_POGO_HOST, and WS_HOST over https)
     * @return string what was checked, for the OK line
     */
    public function run(array $hosts): string
    {
        $certPem = $this->readable('WS_TLS_CERT', $this->tls['cert'], 'the certificate chain (PEM, e.g. fullchain.pem)');
        $keyPem = $this->readable('WS_TLS_KEY', $this->tls['key'], 'the certificate\'s private key (PEM, e.g. privkey.pem)');
        if ($certPem === null) {
            return '';
        }
        $certificate = @openssl_x509_read($certPem);
        $parsed = $certificate === false ? false : openssl_x509_parse($certificate);
        if ($certificate === false || $parsed === false) {
            $this->fail("WS_TLS_CERT [{$this->tls['cert']}] is not a PEM certificate", 'point WS_TLS_CERT at the certificate chain in PEM form (it starts with -----BEGIN CERTIFICATE-----)');

            return '';
        }

        $inTime = $this->validity($parsed);
        if ($keyPem !== null) {
            $this->keyMatches($certificate, $keyPem);
        }
        $names = self::names($parsed);
        foreach (array_unique($hosts) as $host) {
            if ($host !== '' && ! self::covers($names, $host)) {
                $this->fail(
                    'the certificate is for [' . implode(', ', $names) . "], not {$host}, the host clients connect to",
                    "get a certificate whose subjectAltName includes {$host} (certbot certonly -d {$host}), or set VITE_POGO_HOST to a name it covers",
                );
            }
        }
        if ($inTime) {
            // OpenSSL's chain check fails a certificate out of its window too: said once, above.
            $this->signedByTrustedCa($certificate);
        }

        return sprintf('%s, valid until %s', implode(', ', $names), gmdate('Y-m-d', (int) $parsed['validTo_time_t']));
    }

    /**
     * Whether the running server presents the certificate in WS_TLS_CERT: a renewed file is served only once
     * the server has read it again (SIGHUP), and TLS turned on only once it has restarted.
     */
    public function served(string $host, int $port, float $timeout): void
    {
        $file = @openssl_x509_read((string) @file_get_contents($this->tls['cert']));
        $stream = @stream_socket_client("tcp://{$host}:{$port}", $errno, $error, $timeout);
        if ($file === false || $stream === false) {
            return; // reported above: the files, or "Server reachable"
        }
        stream_set_timeout($stream, (int) ceil($timeout));
        stream_context_set_option($stream, ['ssl' => ['capture_peer_cert' => true, 'verify_peer' => false, 'verify_peer_name' => false, 'peer_name' => $host]]);
        $secured = @stream_socket_enable_crypto($stream, true, STREAM_CRYPTO_METHOD_TLS_CLIENT);
        $served = $secured === true ? (stream_context_get_params($stream)['options']['ssl']['peer_certificate'] ?? null) : null;
        fclose($stream);
        if (! $served instanceof \OpenSSLCertificate) {
            $this->fail("the server on {$host}:{$port} does not answer TLS: it was started before WS_TLS_CERT was set", 'restart it to turn TLS on: php artisan pogo:ws-restart (its supervisor starts it again)');

            return;
        }
        if (openssl_x509_fingerprint($served, 'sha256') !== openssl_x509_fingerprint($file, 'sha256')) {
            $until = fn (\OpenSSLCertificate $certificate): string => gmdate('Y-m-d', (int) (openssl_x509_parse($certificate) ?: [])['validTo_time_t']);
            $this->fail(
                "the server on {$host}:{$port} presents another certificate (valid until {$until($served)}) than WS_TLS_CERT (valid until {$until($file)})",
                'have it read the files again without dropping a connection: supervisorctl signal HUP <program> (or kill -HUP the pogo:ws-start process)',
            );
        }
    }

    private function readable(string $env, string $path, string $what): ?string
    {
        $contents = is_file($path) && is_readable($path) ? @file_get_contents($path) : false;
        if ($contents === false || $contents === '') {
            $this->fail(
                is_file($path) ? "{$env} [{$path}] cannot be read by this user" : "{$env} [{$path}] does not exist",
                "point {$env} at {$what}, readable by the user that runs pogo:ws-start",
            );

            return null;
        }

        return $contents;
    }

    /**
     * @param array<string, mixed> $parsed
     * @return bool whether the certificate is valid now
     */
    private function validity(array $parsed): bool
    {
        $from = (int) $parsed['validFrom_time_t'];
        $to = (int) $parsed['validTo_time_t'];
        $renew = 'renew it (certbot renew, or your CA), then `kill -HUP` the server (or restart it) to load the new files';
        if ($to < $this->now) {
            $this->fail('the certificate expired on ' . gmdate('Y-m-d H:i', $to) . ' UTC: browsers refuse wss:// with it', $renew);

            return false;
        }
        if ($from > $this->now) {
            $this->fail('the certificate is not valid until ' . gmdate('Y-m-d H:i', $from) . ' UTC', 'check this machine\'s clock, or use a certificate valid now');

            return false;
        }
        if ($to - $this->now < self::WARN_DAYS * 86400) {
            $this->warnings[] = sprintf('the certificate expires in %d day(s), on %s UTC: %s', intdiv($to - $this->now, 86400), gmdate('Y-m-d H:i', $to), $renew);
        }

        return true;
    }

    private function keyMatches(\OpenSSLCertificate $certificate, string $keyPem): void
    {
        $passphrase = $this->tls['passphrase'] ?? null;
        $key = @openssl_pkey_get_private($keyPem, $passphrase);
        if ($key === false) {
            $this->fail(
                "WS_TLS_KEY [{$this->tls['key']}] is not a private key" . ($passphrase === null ? '' : ' that WS_TLS_PASSPHRASE opens'),
                str_contains($keyPem, 'ENCRYPTED') && $passphrase === null ? 'the key is encrypted: set WS_TLS_PASSPHRASE' : 'point WS_TLS_KEY at the certificate\'s private key in PEM form (and WS_TLS_PASSPHRASE if it is encrypted)',
            );

            return;
        }
        if (! openssl_x509_check_private_key($certificate, $key)) {
            $this->fail(
                "WS_TLS_KEY [{$this->tls['key']}] is not the key of the certificate in WS_TLS_CERT",
                'use the private key the certificate was issued for (with Let\'s Encrypt: privkey.pem from the same live/ directory as fullchain.pem)',
            );
        }
    }

    /** WS_TLS_CA when set (a private CA), else the CAs this machine trusts; the chain's intermediates from the cert file. */
    private function signedByTrustedCa(\OpenSSLCertificate $certificate): void
    {
        $ca = $this->tls['ca'] ?? null;
        if ($ca !== null && (! is_file($ca) || ! is_readable($ca))) {
            $this->fail("WS_TLS_CA [{$ca}] cannot be read", 'point WS_TLS_CA at the CA certificate (PEM) that signed WS_TLS_CERT, or remove it for a public CA');

            return;
        }
        $verified = @openssl_x509_checkpurpose($certificate, X509_PURPOSE_SSL_SERVER, $ca === null ? [] : [$ca], $this->tls['cert']);
        if ($verified === true) {
            return;
        }
        $this->fail(
            $ca === null
                ? 'the certificate is not signed by a CA this machine trusts (self-signed, or a private CA): browsers and PHP will refuse it'
                : "the certificate is not signed by WS_TLS_CA [{$ca}]",
            $ca === null
                ? 'use a certificate from a public CA (Let\'s Encrypt), or set WS_TLS_CA to your private CA, install it on every client, and give PHP the pogo connection\'s client_options.verify = that CA file'
                : 'set WS_TLS_CA to the CA certificate that issued WS_TLS_CERT (openssl x509 -in CERT -noout -issuer names it)',
        );
    }

    private function fail(string $problem, string $fix): void
    {
        $this->failures[] = new DoctorFailure($problem, $fix);
    }

    /**
     * The certificate's host names and addresses (subjectAltName; the subject's CN only when it has none).
     *
     * @param array<string, mixed> $parsed
     * @return list<string>
     */
    public static function names(array $parsed): array
    {
        $names = [];
        foreach (explode(',', (string) ($parsed['extensions']['subjectAltName'] ?? '')) as $entry) {
            [$type, $value] = array_map('trim', explode(':', $entry, 2)) + [1 => ''];
            if (($type === 'DNS' || $type === 'IP Address') && $value !== '') {
                $names[] = strtolower($value);
            }
        }
        $cn = $parsed['subject']['CN'] ?? null;

        return $names !== [] ? $names : (is_string($cn) ? [strtolower($cn)] : []);
    }

    /**
     * Whether one of the names covers the host, as a browser matches them: exact, or a `*.` wildcard for one label.
     *
     * @param list<string> $names
     */
    public static function covers(array $names, string $host): bool
    {
        $host = strtolower(trim($host, '[]'));
        foreach ($names as $name) {
            if ($name === $host) {
                return true;
            }
            if (str_starts_with($name, '*.') && filter_var($host, FILTER_VALIDATE_IP) === false) {
                $dot = strpos($host, '.');
                if ($dot !== false && substr($host, $dot + 1) === substr($name, 2)) {
                    return true;
                }
            }
        }

        return false;
    }
}
