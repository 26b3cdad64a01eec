<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Http;

use Illuminate\Broadcasting\BroadcastException;
use Pogo\WebSocket\Support\Schema;

/**
 * The Pogo WebSocket server's signed HTTP API (the Pusher Channels HTTP API): signing, retries when
 * they are safe, and one clear BroadcastException per failure. The bytes go through the container's
 * Transport (by default one kept-alive cURL handle, so the TCP connection stays open between broadcasts).
 */
class PogoClient
{
    private const CURL_COULDNT_CONNECT = 7;
    private const CURL_OPERATION_TIMEDOUT = 28;

    /** @var callable(): int */
    private $clock;

    /**
     * @param array{timeout?: float|int, connect_timeout?: float|int, retries?: int, retry_delay_ms?: int, verify?: bool|string} $options
     */
    public function __construct(
        private readonly Transport $transport,
        private readonly Signer $signer,
        private readonly string $appId,
        private readonly string $baseUrl,
        private readonly array $options = [],
        ?callable $clock = null,
    ) {
        $this->clock = $clock ?? static fn (): int => time();
    }

    public function appId(): string
    {
        return $this->appId;
    }

    public function baseUrl(): string
    {
        return $this->baseUrl;
    }

    public function signer(): Signer
    {
        return $this->signer;
    }

    /**
     * Publish one event to up to maxChannelsPerPublish channels (POST /apps/{id}/events).
     *
     * @param list<string> $channels
     */
    public function trigger(array $channels, string $event, string $data, ?string $socketId = null): void
    {
        $body = ['name' => $event, 'channels' => $channels, 'data' => $data];

        if ($socketId !== null && $socketId !== '') {
            $body['socket_id'] = $socketId;
        }

        $this->send('POST', 'events', [], $this->encode($body), 'broadcast');
    }

    /**
     * Publish up to maxBatchEvents events in one request (POST /apps/{id}/batch_events).
     *
     * @param list<array{name: string, channel: string, data: string, socket_id?: string}> $batch
     */
    public function triggerBatch(array $batch): void
    {
        $this->send('POST', 'batch_events', [], $this->encode(['batch' => $batch]), 'broadcast');
    }

    /**
     * Occupied channels (GET /apps/{id}/channels).
     *
     * @param list<string> $info for example ['user_count'] (presence channels only)
     * @return array<string, array<string, mixed>> channel name => attributes
     */
    public function channels(?string $prefix = null, array $info = []): array
    {
        $params = array_filter(['filter_by_prefix' => $prefix, 'info' => implode(',', $info)], fn ($v) => $v !== null && $v !== '');
        $response = $this->send('GET', 'channels', $params, null, 'request');
        $channels = $response['channels'] ?? [];

        return is_array($channels) ? $channels : [];
    }

    /**
     * One channel's state (GET /apps/{id}/channels/{name}): occupied, and user_count / subscription_count when asked.
     *
     * @param list<string> $info
     * @return array<string, mixed>
     */
    public function channel(string $channel, array $info = []): array
    {
        $params = $info === [] ? [] : ['info' => implode(',', $info)];

        return $this->send('GET', 'channels/' . rawurlencode($channel), $params, null, 'request');
    }

    /**
     * Members of a presence channel (GET /apps/{id}/channels/{name}/users).
     *
     * @return list<array{id: string}>
     */
    public function presenceUsers(string $channel): array
    {
        $response = $this->send('GET', 'channels/' . rawurlencode($channel) . '/users', [], null, 'request');

        return array_values(is_array($response['users'] ?? null) ? $response['users'] : []);
    }

    /** Close every connection signed in as this user (POST /apps/{id}/users/{id}/terminate_connections). */
    public function terminateUserConnections(string $userId): void
    {
        $this->send('POST', 'users/' . rawurlencode($userId) . '/terminate_connections', [], '{}', 'request');
    }

    /**
     * Sign and send one API request; throws BroadcastException on any failure.
     *
     * @param 'GET'|'POST' $method
     * @param array<string, string|int> $params
     * @return array<string, mixed> the decoded JSON response
     */
    public function send(string $method, string $resource, array $params, ?string $body, string $what = 'request'): array
    {
        $path = '/apps/' . rawurlencode($this->appId) . '/' . $resource;
        $retries = max(0, (int) ($this->options['retries'] ?? 1));

        for ($attempt = 0;; $attempt++) {
            // Signed per attempt: a retry must carry a fresh timestamp.
            $query = $this->signer->signRequest($method, $path, $params, $body, ($this->clock)());
            $url = rtrim($this->baseUrl, '/') . $path . '?' . Signer::queryString($query);

            try {
                [$status, $responseBody] = $this->transfer($method, $url, $body);
            } catch (TransportFailure $e) {
                // Safe to retry: nothing reached the server (refused), or the request changes nothing (GET).
                $safe = $e->errno === self::CURL_COULDNT_CONNECT || $method === 'GET';
                if ($safe && $attempt < $retries) {
                    $this->pause();
                    continue;
                }

                throw $this->connectionFailure($e, $method, $path);
            }

            if ($status >= 200 && $status < 300) {
                return $this->decodeSuccess($status, $responseBody, $method, $path);
            }

            if ($method === 'GET' && $status === 503 && $attempt < $retries) {
                $this->pause();
                continue;
            }

            throw $this->rejection($status, $responseBody, $what);
        }
    }

    /**
     * @param 'GET'|'POST' $method
     * @param non-empty-string $url
     * @return array{int, string}
     * @throws TransportFailure
     */
    private function transfer(string $method, string $url, ?string $body): array
    {
        return $this->transport->send($method, $url, $body, (float) ($this->options['timeout'] ?? 5), (float) ($this->options['connect_timeout'] ?? 2), $this->options['verify'] ?? true);
    }

    /** @param array<string, mixed> $value */
    private function encode(array $value): string
    {
        try {
            return json_encode($value, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
        } catch (\JsonException $e) {
            throw new BroadcastException('Pogo WebSocket cannot encode the request as JSON: ' . $e->getMessage(), 0, $e);
        }
    }

    /** @return array<string, mixed> */
    private function decodeSuccess(int $status, string $body, string $method, string $path): array
    {
        $decoded = json_decode($body, true);

        if (! is_array($decoded)) {
            throw new BroadcastException(sprintf(
                'Pogo WebSocket answered %s %s with HTTP %d but the body is not JSON: %s',
                $method,
                $path,
                $status,
                $this->excerpt($body),
            ));
        }

        return $decoded;
    }

    private function rejection(int $httpStatus, string $body, string $what): BroadcastException
    {
        $error = json_decode($body, true);
        $schema = Schema::load();
        $status = is_array($error) && is_int($error['status'] ?? null) ? $schema->publishStatusByNumber($error['status']) : null;

        if ($status === null || ($error['name'] ?? $status['name']) !== $status['name']) {
            return new BroadcastException(sprintf(
                'Pogo WebSocket answered the %s with an unexpected HTTP %d response (is WS_HOST/WS_PORT pointing at a Pogo WebSocket server?): %s',
                $what,
                $httpStatus,
                $this->excerpt($body),
            ));
        }

        $message = is_string($error['error'] ?? null) && $error['error'] !== '' ? $error['error'] : $status['message'];

        return new BroadcastException(sprintf(
            'Pogo WebSocket rejected the %s: %d %s (status %d): %s',
            $what,
            $httpStatus,
            $status['name'],
            $status['status'],
            $message,
        ), $status['status']);
    }

    private function connectionFailure(TransportFailure $e, string $method, string $path): BroadcastException
    {
        $target = rtrim($this->baseUrl, '/');

        if ($e->errno === self::CURL_OPERATION_TIMEDOUT) {
            return new BroadcastException(sprintf(
                'Pogo WebSocket at %s did not answer %s %s in time (timeout %ss, connect timeout %ss).',
                $target,
                $method,
                $path,
                $this->options['timeout'] ?? 5,
                $this->options['connect_timeout'] ?? 2,
            ), 0, $e);
        }

        return new BroadcastException(sprintf(
            'Pogo WebSocket is unreachable at %s (%s). Is the server running? Start it with `php artisan pogo:ws-start` and check WS_HOST, WS_PORT and WS_SCHEME.',
            $target,
            // An error text may quote the URL; the part before its query never carries a signature.
            strtok($e->error, '?') ?: $e->error,
        ), 0, $e);
    }

    private function excerpt(string $body): string
    {
        $body = trim($body);

        return $body === '' ? '(empty body)' : mb_strimwidth($body, 0, 200, '…');
    }

    private function pause(): void
    {
        usleep(1000 * (int) ($this->options['retry_delay_ms'] ?? 100));
    }
}
