<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Support;

use RuntimeException;

/** Runs tests/php/fixtures/keep-alive-server.php on a free local port: it tells which TCP connection each request arrived on. */
final class KeepAliveServer
{
    /** @var resource */
    private $process;

    private function __construct(public readonly int $port, private readonly string $log, $process)
    {
        $this->process = $process;
    }

    public static function start(): self
    {
        $port = FreePort::find();
        $log = (string) tempnam(sys_get_temp_dir(), 'pogo-keep-alive-');
        $process = proc_open(
            [PHP_BINARY, dirname(__DIR__) . '/fixtures/keep-alive-server.php', (string) $port, $log],
            [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']],
            $pipes,
        );
        if (! is_resource($process)) {
            throw new RuntimeException('Cannot start the keep-alive server.');
        }
        FreePort::waitUntilListening($port);

        return new self($port, $log, $process);
    }

    /** How many TCP connections the requests so far arrived on. */
    public function connectionsUsed(): int
    {
        return count(array_unique(array_map(fn (string $line) => strtok($line, ' '), $this->lines())));
    }

    /** @return list<string> "METHOD /path", in arrival order */
    public function requests(): array
    {
        return array_map(fn (string $line) => substr($line, strpos($line, ' ') + 1), $this->lines());
    }

    public function stop(): void
    {
        proc_terminate($this->process);
        proc_close($this->process);
        @unlink($this->log);
    }

    /** @return list<string> */
    private function lines(): array
    {
        return array_values(array_filter(explode("\n", (string) file_get_contents($this->log))));
    }
}
