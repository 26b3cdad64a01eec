<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Support;

use RuntimeException;

/** The real server (server/dist/pogo-ws.cjs) on a free local port, for the happy paths. */
final class RealServer
{
    /** @var resource */
    private $process;

    /** @var resource */
    private $stdout;

    private function __construct($process, $stdout, public readonly int $port, private readonly string $config)
    {
        $this->process = $process;
        $this->stdout = $stdout;
    }

    public static function bundle(): string
    {
        return dirname(__DIR__, 3) . '/server/dist/pogo-ws.cjs';
    }

    /** @param array<string, mixed> $config */
    public static function start(array $config, int $port = 0): self
    {
        if (! is_file(self::bundle())) {
            throw new RuntimeException('server/dist/pogo-ws.cjs is missing: run `npm run build -w server`.');
        }
        $file = tempnam(sys_get_temp_dir(), 'pogo-real-');
        file_put_contents($file, json_encode($config));
        $process = proc_open(
            ['node', self::bundle(), 'start', '--config', $file, '--host', '127.0.0.1', '--port', (string) $port],
            [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']],
            $pipes,
            sys_get_temp_dir(),
            ['PATH' => (string) getenv('PATH')],
        );
        $deadline = microtime(true) + 15;
        $output = '';
        while (microtime(true) < $deadline && ($line = fgets($pipes[1])) !== false) {
            $output .= $line;
            if (preg_match('#listening on http://[^:]+:(\d+)#', $line, $match)) {
                return new self($process, $pipes[1], (int) $match[1], $file);
            }
        }
        proc_terminate($process);

        throw new RuntimeException("The server did not start:\n{$output}");
    }

    public function stop(): void
    {
        proc_terminate($this->process);
        proc_close($this->process);
        @unlink($this->config);
    }
}
