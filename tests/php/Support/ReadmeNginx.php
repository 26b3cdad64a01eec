<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Support;

use RuntimeException;
use Symfony\Component\Process\Process;

/**
 * Debian's nginx running the README's "Deploying" nginx block, as tests/proxy/nginx.test.ts runs it (the same
 * lines swapped: the listen address, the certificate lines, the upstream port), in a private prefix on 127.0.0.1.
 * `$edit` changes the block further, for a misconfigured proxy.
 */
final class ReadmeNginx
{
    private function __construct(private readonly Process $process, private readonly string $dir, public readonly int $port)
    {
    }

    /** The README's one ```nginx block in its "## Deploying" section. */
    public static function block(): string
    {
        $readme = (string) file_get_contents(dirname(__DIR__, 3) . '/README.md');
        $start = strpos($readme, "\n## Deploying\n");
        if ($start === false) {
            throw new RuntimeException('README.md has no "## Deploying" section');
        }
        $end = strpos($readme, "\n## ", $start + 1);
        $section = substr($readme, $start, $end === false ? null : $end - $start);
        preg_match_all('/^```nginx\n(.*?)^```$/ms', $section, $blocks);
        if (count($blocks[1]) !== 1) {
            throw new RuntimeException("README's Deploying section has " . count($blocks[1]) . ' nginx blocks, expected 1');
        }

        return $blocks[1][0];
    }

    /** Replaces the one line matching `$pattern` (exactly one must) with `$replacement`, keeping its indentation. */
    public static function replaceLine(string $block, string $pattern, string $replacement): string
    {
        $lines = explode("\n", $block);
        $matching = array_filter($lines, fn (string $line) => preg_match($pattern, $line) === 1);
        if (count($matching) !== 1) {
            throw new RuntimeException("expected one line matching {$pattern} in the README block, found " . count($matching));
        }

        return implode("\n", array_map(fn (string $line) => preg_match($pattern, $line) === 1 ? (string) preg_replace('/\S.*$/', $replacement, $line) : $line, $lines));
    }

    /** @param (callable(string): string)|null $edit */
    public static function start(int $upstreamPort, ?callable $edit = null): self
    {
        if (! is_executable('/usr/sbin/nginx')) {
            throw new RuntimeException('nginx is not installed (apt-get install nginx)');
        }
        $port = FreePort::find();
        $dir = sys_get_temp_dir() . '/pogo-php-nginx-' . bin2hex(random_bytes(4));
        mkdir($dir, 0755);
        chmod($dir, 0755); // nginx's workers drop to `nobody` when the tests run as root
        $temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'];
        foreach ($temps as $temp) {
            mkdir("{$dir}/{$temp}", 0777);
            chmod("{$dir}/{$temp}", 0777);
        }

        $site = self::block();
        $site = self::replaceLine($site, '/^\s*listen 443 ssl;$/', "listen 127.0.0.1:{$port};");
        $site = self::replaceLine($site, '/^\s*ssl_certificate\s/', '# (no TLS in the test)');
        $site = self::replaceLine($site, '/^\s*ssl_certificate_key\s/', '# (no TLS in the test)');
        $site = self::replaceLine($site, '/^\s*proxy_pass http:\/\/127\.0\.0\.1:6001;$/', "proxy_pass http://127.0.0.1:{$upstreamPort};");
        file_put_contents("{$dir}/pogo-ws.conf", $edit === null ? $site : $edit($site));
        file_put_contents("{$dir}/nginx.conf", implode("\n", [
            'daemon off;',
            'worker_processes 1;',
            "pid {$dir}/nginx.pid;",
            "error_log {$dir}/error.log warn;",
            'events { worker_connections 256; }',
            'http {',
            "    access_log {$dir}/access.log;",
            ...array_map(fn (string $temp) => "    {$temp}_temp_path {$dir}/{$temp};", $temps),
            "    include {$dir}/pogo-ws.conf;",
            '}',
            '',
        ]));

        $arguments = ['-p', $dir, '-c', "{$dir}/nginx.conf", '-e', "{$dir}/error.log"];
        $check = new Process(['nginx', '-t', ...$arguments]);
        $check->run();
        if (! $check->isSuccessful()) {
            throw new RuntimeException("nginx -t refused the block:\n" . $check->getErrorOutput());
        }
        $process = new Process(['nginx', ...$arguments]);
        $process->setTimeout(null);
        $process->start();
        FreePort::waitUntilListening($port);

        return new self($process, $dir, $port);
    }

    public function stop(): void
    {
        // SIGQUIT: nginx's graceful stop, its workers included.
        $this->process->signal(SIGQUIT);
        $this->process->wait();
        (new \Illuminate\Filesystem\Filesystem())->deleteDirectory($this->dir);
    }
}
