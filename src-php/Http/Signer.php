<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Http;

/**
 * Pusher-compatible signatures: HTTP API requests, channel authorization and user authentication.
 * Everything is one HMAC-SHA256 over a canonical string, so signing costs microseconds.
 */
final class Signer
{
    public function __construct(
        private readonly string $key,
        #[\SensitiveParameter]
        private readonly string $secret,
    ) {
    }

    public function key(): string
    {
        return $this->key;
    }

    /**
     * The query parameters of a signed HTTP API request, auth_signature last.
     *
     * @param array<string, string|int> $params extra query parameters (for example filter_by_prefix, info)
     * @return array<string, string>
     */
    public function signRequest(string $method, string $path, array $params, ?string $body, int $timestamp): array
    {
        $query = ['auth_key' => $this->key, 'auth_timestamp' => (string) $timestamp, 'auth_version' => '1.0'];

        if ($body !== null) {
            $query['body_md5'] = md5($body);
        }

        // The four auth keys are in order already: only extra parameters need a sort.
        if ($params !== []) {
            foreach ($params as $name => $value) {
                $query[strtolower((string) $name)] = (string) $value;
            }
            ksort($query, SORT_STRING);
        }

        $pairs = [];
        foreach ($query as $name => $value) {
            $pairs[] = $name . '=' . $value;
        }

        $query['auth_signature'] = hash_hmac('sha256', strtoupper($method) . "\n" . $path . "\n" . implode('&', $pairs), $this->secret);

        return $query;
    }

    /** @param array<string, string> $query */
    public static function queryString(array $query): string
    {
        $pairs = [];
        foreach ($query as $name => $value) {
            $pairs[] = rawurlencode((string) $name) . '=' . rawurlencode($value);
        }

        return implode('&', $pairs);
    }

    /** The `auth` value a client sends with pusher:subscribe for a private, encrypted or presence channel. */
    public function channelAuth(string $socketId, string $channel, ?string $channelData = null): string
    {
        $subject = $socketId . ':' . $channel . ($channelData !== null ? ':' . $channelData : '');

        return $this->key . ':' . hash_hmac('sha256', $subject, $this->secret);
    }

    /** The `auth` value a client sends with pusher:signin. */
    public function userAuth(string $socketId, string $userData): string
    {
        return $this->key . ':' . hash_hmac('sha256', $socketId . '::user::' . $userData, $this->secret);
    }

    /** Hex HMAC-SHA256 of a webhook body, as sent in X-Pusher-Signature. */
    public function webhookSignature(string $body): string
    {
        return hash_hmac('sha256', $body, $this->secret);
    }

    /** The signature the server puts on its server-side authorization calls: HMAC of "timestamp\nbody". */
    public function serverRequestSignature(string $timestamp, string $body): string
    {
        return hash_hmac('sha256', $timestamp . "\n" . $body, $this->secret);
    }

    /** Constant-time check of a webhook's X-Pusher-Signature. */
    public function verifyWebhook(string $body, string $signature): bool
    {
        return hash_equals($this->webhookSignature($body), strtolower($signature));
    }
}
