<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Support;

use RuntimeException;

final class FreePort
{
    /** A port nothing listens on right now (the kernel picks it). */
    public static function find(): int
    {
        $socket = stream_socket_server('tcp://127.0.0.1:0', $errno, $error);
        if ($socket === false) {
            throw new RuntimeException("Cannot find a free port: {$error}");
        }
        $name = stream_socket_get_name($socket, false);
        fclose($socket);

        return (int) substr((string) $name, strrpos((string) $name, ':') + 1);
    }

    public static function waitUntilListening(int $port, float $seconds = 10.0): void
    {
        $deadline = microtime(true) + $seconds;
        while (microtime(true) < $deadline) {
            $connection = @fsockopen('127.0.0.1', $port, $errno, $error, 0.2);
            if ($connection !== false) {
                fclose($connection);

                return;
            }
            usleep(20_000);
        }

        throw new RuntimeException("Nothing listens on 127.0.0.1:{$port} after {$seconds}s.");
    }
}
