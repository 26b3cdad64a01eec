<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Console;

/** pogo:ws-doctor's Redis check: a raw RESP connection, so no Redis client library is needed. */
final class RedisCheck
{
    /** PING (after AUTH when the URL has credentials); returns "host:port" or fails with the fix. */
    public static function ping(string $url, float $timeout): string
    {
        $parts = parse_url($url);
        $host = $parts['host'] ?? '127.0.0.1';
        $port = $parts['port'] ?? 6379;
        $transport = ($parts['scheme'] ?? 'redis') === 'rediss' ? 'tls' : 'tcp';
        $stream = @stream_socket_client("{$transport}://{$host}:{$port}", $errno, $error, $timeout);
        if ($stream === false) {
            throw new DoctorFailure("cannot connect to Redis at {$host}:{$port} ({$error})", 'start Redis or fix WS_REDIS_URL');
        }
        stream_set_timeout($stream, (int) ceil($timeout));
        if (isset($parts['pass'])) {
            $auth = isset($parts['user']) ? ['AUTH', rawurldecode($parts['user']), rawurldecode($parts['pass'])] : ['AUTH', rawurldecode($parts['pass'])];
            fwrite($stream, self::redisCommand($auth));
            $reply = (string) fgets($stream);
            if (! str_starts_with($reply, '+OK')) {
                throw new DoctorFailure('Redis refused the credentials in WS_REDIS_URL', 'fix the user and password in WS_REDIS_URL');
            }
        }
        fwrite($stream, self::redisCommand(['PING']));
        $reply = trim((string) fgets($stream));
        fclose($stream);
        if ($reply !== '+PONG') {
            throw new DoctorFailure("Redis answered PING with [{$reply}]", 'check that WS_REDIS_URL points at a Redis server');
        }

        return "{$host}:{$port}";
    }

    /** @param list<string> $parts */
    private static function redisCommand(array $parts): string
    {
        $command = '*' . count($parts) . "\r\n";
        foreach ($parts as $part) {
            $command .= '$' . strlen($part) . "\r\n{$part}\r\n";
        }

        return $command;
    }
}
