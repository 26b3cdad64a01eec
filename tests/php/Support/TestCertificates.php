<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Support;

use RuntimeException;
use Symfony\Component\Process\Process;

/** A private CA and the certificates it issues, made by the `openssl` command in a temporary directory. */
final class TestCertificates
{
    public readonly string $caCert;

    private readonly string $caKey;

    private function __construct(public readonly string $dir)
    {
        $this->caCert = "{$dir}/ca.pem";
        $this->caKey = "{$dir}/ca.key";
    }

    public static function create(): self
    {
        $dir = sys_get_temp_dir() . '/pogo-certs-' . bin2hex(random_bytes(4));
        mkdir($dir, 0700, true);
        $certificates = new self($dir);
        $certificates->openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', $certificates->caKey, '-out', $certificates->caCert, '-days', '30', '-subj', '/CN=Pogo Test CA']);

        return $certificates;
    }

    /**
     * A certificate for `$names` (DNS names or IP addresses) signed by this CA, valid for `$days` from now
     * (-1: it expired a day ago); `$selfSigned` signs it with its own key instead.
     *
     * @param list<string> $names
     * @return array{cert: string, key: string}
     */
    public function issue(string $label, array $names, int $days = 30, bool $selfSigned = false): array
    {
        $cert = "{$this->dir}/{$label}.pem";
        $key = "{$this->dir}/{$label}.key";
        $san = implode(',', array_map(fn (string $name) => (filter_var($name, FILTER_VALIDATE_IP) !== false ? 'IP:' : 'DNS:') . $name, $names));
        $extensions = "{$this->dir}/{$label}.ext";
        file_put_contents($extensions, "subjectAltName={$san}\nextendedKeyUsage=serverAuth\n");
        $this->openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', $key, '-out', "{$this->dir}/{$label}.csr", '-subj', '/CN=' . $names[0]]);
        $signer = $selfSigned ? ['-signkey', $key] : ['-CA', $this->caCert, '-CAkey', $this->caKey, '-CAcreateserial'];
        $this->openssl(['x509', '-req', '-in', "{$this->dir}/{$label}.csr", ...$signer, '-out', $cert, '-days', (string) $days, '-extfile', $extensions]);

        return ['cert' => $cert, 'key' => $key];
    }

    public function remove(): void
    {
        (new \Illuminate\Filesystem\Filesystem())->deleteDirectory($this->dir);
    }

    /** @param list<string> $arguments */
    private function openssl(array $arguments): void
    {
        $process = new Process(['openssl', ...$arguments], $this->dir);
        $process->run();
        if (! $process->isSuccessful()) {
            throw new RuntimeException('openssl ' . implode(' ', $arguments) . ' failed: ' . $process->getErrorOutput());
        }
    }
}
