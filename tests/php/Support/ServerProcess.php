<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Support;

use RuntimeException;
use Symfony\Component\Process\Process;

/**
 * The real server bundle as a Symfony Process on a free port, over http or https (its `tls` config), for tests
 * that need its exit code (a restart) or its output.
 */
final class ServerProcess
{
    private function __construct(public readonly Process $process, public readonly int $port, public readonly string $scheme, private readonly string $config)
    {
    }

    /**
     * @param array<string, mixed> $config what `pogo-ws start --config` reads (host and port are the test's)
     * @param array<string, string> $env
     */
    public static function start(array $config, array $env = []): self
    {
        if (! is_file(RealServer::bundle())) {
            throw new RuntimeException('server/dist/pogo-ws.cjs is missing: run `npm run build -w server`.');
        }
        $file = (string) tempnam(sys_get_temp_dir(), 'pogo-server-');
        file_put_contents($file, json_encode(['host' => '127.0.0.1', 'port' => 0] + $config));
        $process = new Process(['node', RealServer::bundle(), 'start', '--config', $file], sys_get_temp_dir(), ['PATH' => (string) getenv('PATH')] + $env, null, null);
        $process->start();
        $deadline = microtime(true) + 15;
        while (microtime(true) < $deadline && $process->isRunning()) {
            if (preg_match('#listening on (https?)://[^:\s]+:(\d+)#', $process->getOutput(), $match) === 1) {
                return new self($process, (int) $match[2], $match[1], $file);
            }
            usleep(20_000);
        }
        $process->stop(1);
        @unlink($file);

        throw new RuntimeException("The server did not start:\n" . $process->getOutput() . $process->getErrorOutput());
    }

    /** The exit code once the server has exited by itself, within `$seconds`; null if it is still running. */
    public function exitCodeWithin(float $seconds): ?int
    {
        $deadline = microtime(true) + $seconds;
        while ($this->process->isRunning() && microtime(true) < $deadline) {
            usleep(20_000);
        }

        return $this->process->isRunning() ? null : $this->process->getExitCode();
    }

    public function output(): string
    {
        return $this->process->getOutput() . $this->process->getErrorOutput();
    }

    public function stop(): void
    {
        $this->process->stop(10, SIGTERM);
        @unlink($this->config);
    }
}
