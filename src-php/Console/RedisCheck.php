<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Console;

use Illuminate\Contracts\Foundation\Application;
use Illuminate\Http\Client\Factory as HttpFactory;
use Illuminate\Redis\RedisManager;

/**
 * pogo:ws-doctor's check of the server's Redis (WS_REDIS_URL). With a Redis client Laravel knows
 * (phpredis, or predis), a PING through Laravel's Redis manager built from the URL; without one,
 * the running server's GET /ready, which answers 503 while its Redis is unreachable.
 */
final class RedisCheck
{
    public function __construct(private readonly Application $app, private readonly HttpFactory $http)
    {
    }

    /** Returns what was reached ("host:port") or fails with the fix. */
    public function check(string $url, float $timeout, string $serverUrl): string
    {
        $parts = parse_url($url) ?: [];
        $where = ($parts['host'] ?? '127.0.0.1') . ':' . ($parts['port'] ?? 6379);
        $client = extension_loaded('redis') ? 'phpredis' : (class_exists(\Predis\Client::class) ? 'predis' : null);

        return $client === null
            ? $this->askServer($where, $timeout, $serverUrl)
            : $this->ping($client, $url, $where, $timeout, isset($parts['pass']) ? rawurldecode($parts['pass']) : null);
    }

    private function ping(string $client, string $url, string $where, float $timeout, ?string $password): string
    {
        $redis = new RedisManager($this->app, $client, [
            'default' => ['url' => $url, 'timeout' => $timeout, 'read_timeout' => $timeout, 'read_write_timeout' => $timeout],
        ]);

        try {
            $reply = $redis->connection()->command('ping');
        } catch (\Throwable $e) {
            $message = strtok($e->getMessage(), "\n") ?: get_class($e);
            if (preg_match('/NOAUTH|WRONGPASS|invalid password|invalid username/i', $message) === 1) {
                throw new DoctorFailure('Redis refused the credentials in WS_REDIS_URL', 'fix the user and password in WS_REDIS_URL');
            }
            // A client's message may quote its connection parameters; never the password.
            $message = $password === null || $password === '' ? $message : str_replace($password, '********', $message);

            throw new DoctorFailure("cannot connect to Redis at {$where} ({$message})", 'start Redis or fix WS_REDIS_URL');
        } finally {
            $redis->purge();
        }

        // phpredis answers true, predis a status whose text is PONG.
        $text = is_scalar($reply) || $reply instanceof \Stringable ? (string) $reply : get_debug_type($reply);
        if ($reply !== true && strtoupper(ltrim($text, '+')) !== 'PONG') {
            throw new DoctorFailure("Redis answered PING with [{$text}]", 'check that WS_REDIS_URL points at a Redis server');
        }

        return $where;
    }

    private function askServer(string $where, float $timeout, string $serverUrl): string
    {
        try {
            $response = $this->http->timeout($timeout)->connectTimeout($timeout)->get(rtrim($serverUrl, '/') . '/ready');
        } catch (\Throwable) {
            throw new DoctorFailure(
                "cannot check Redis at {$where}: no Redis client here (phpredis or predis) and no server answering {$serverUrl}/ready",
                'start the server (its /ready checks Redis), or install a client: composer require predis/predis',
            );
        }
        if ($response->status() === 200) {
            return "{$where} (the server's /ready)";
        }
        $reason = $response->json('reason');

        throw new DoctorFailure(
            'the server is not ready: ' . (is_string($reason) ? $reason : "HTTP {$response->status()}"),
            'start Redis or fix WS_REDIS_URL, then restart pogo:ws-start',
        );
    }
}
