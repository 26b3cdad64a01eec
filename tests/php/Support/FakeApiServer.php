<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Support;

use RuntimeException;

/** Runs tests/php/fixtures/fake-server.php under PHP's built-in server on a free local port. */
final class FakeApiServer
{
    /** @var resource */
    private $process;

    private function __construct(public readonly int $port, public readonly string $log, $process)
    {
        $this->process = $process;
    }

    public static function start(): self
    {
        $port = FreePort::find();
        $log = tempnam(sys_get_temp_dir(), 'pogo-fake-');
        $process = proc_open(
            [PHP_BINARY, '-S', "127.0.0.1:{$port}", dirname(__DIR__) . '/fixtures/fake-server.php'],
            [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']],
            $pipes,
            null,
            ['POGO_FAKE_LOG' => $log],
        );
        if (! is_resource($process)) {
            throw new RuntimeException('Cannot start the fake API server.');
        }
        FreePort::waitUntilListening($port);

        return new self($port, $log, $process);
    }

    /** @return list<array{method: string, path: string, query: array<string, string>, body: string}> */
    public function requests(): array
    {
        $lines = array_filter(explode("\n", (string) file_get_contents($this->log)));

        return array_values(array_map(fn (string $line) => json_decode($line, true), $lines));
    }

    public function reset(): void
    {
        file_put_contents($this->log, '');
        @unlink($this->log . '.count');
    }

    public function stop(): void
    {
        proc_terminate($this->process);
        proc_close($this->process);
        @unlink($this->log);
        @unlink($this->log . '.count');
    }
}
