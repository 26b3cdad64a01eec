<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Http;

/**
 * The default Transport: one cURL handle kept for the life of the process, so one keep-alive TCP
 * connection to the server, and the response read in one piece. Why not a Guzzle client: measured
 * here (Guzzle 7.16, loopback), Guzzle's PSR-7 request, options, handler stack, response stream and
 * promise cost about 270 µs of CPU per request, more than the round trip itself; through Guzzle a
 * publish from a Laravel app ran at 1.16x Laravel's own pusher driver, through this handle at 2x.
 */
final class CurlTransport implements Transport
{
    private ?\CurlHandle $handle = null;

    /** What the handle's fixed options were set for (method kind, timeouts, verify); null: not set yet. */
    private ?string $configuredFor = null;

    public function send(string $method, string $url, ?string $body, float $timeout, float $connectTimeout, bool|string $verify = true): array
    {
        $this->handle ??= curl_init();
        $handle = $this->handle;
        $get = $body === null && $method === 'GET';

        // A publish sets two options: the options every request shares are set once, and again
        // only when they change (curl_reset and a fresh header list cost a publish ~15% of its CPU).
        $configuration = ($get ? 'GET' : $method) . "\n{$timeout}\n{$connectTimeout}\n" . var_export($verify, true);
        if ($configuration !== $this->configuredFor) {
            $this->configure($handle, $get ? null : $method, $timeout, $connectTimeout, $verify);
            $this->configuredFor = $configuration;
        }
        $options = [CURLOPT_URL => $url];
        if (! $get) {
            $options[CURLOPT_POSTFIELDS] = (string) $body;
        }
        curl_setopt_array($handle, $options);

        $response = curl_exec($handle);
        $errno = curl_errno($handle);
        if (! is_string($response) || $errno !== 0) {
            $error = curl_error($handle);
            // A handle that failed mid-exchange must not carry its connection into the next request.
            curl_close($handle);
            $this->handle = null;
            $this->configuredFor = null;

            throw new TransportFailure($errno, $error);
        }

        return [(int) curl_getinfo($handle, CURLINFO_RESPONSE_CODE), $response];
    }

    /**
     * Everything but the URL and the body.
     *
     * @param 'GET'|'POST'|null $method null: a GET without a body
     */
    private function configure(\CurlHandle $handle, ?string $method, float $timeout, float $connectTimeout, bool|string $verify): void
    {
        curl_reset($handle); // options only; the open connection stays in the handle's cache

        $headers = ['Accept: application/json', 'Expect:'];
        $options = [
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_NOSIGNAL => true,
        ];
        if ($timeout > 0) {
            $options[CURLOPT_TIMEOUT_MS] = (int) ceil(1000 * $timeout);
        }
        if ($connectTimeout > 0) {
            $options[CURLOPT_CONNECTTIMEOUT_MS] = (int) ceil(1000 * $connectTimeout);
        }
        if (is_string($verify) && $verify !== '') {
            $options[CURLOPT_CAINFO] = $verify;
        } elseif ($verify === false) {
            $options[CURLOPT_SSL_VERIFYPEER] = false;
            $options[CURLOPT_SSL_VERIFYHOST] = 0;
        }
        if ($method === null) {
            $options[CURLOPT_HTTPGET] = true;
        } else {
            $headers[] = 'Content-Type: application/json';
            $options[CURLOPT_CUSTOMREQUEST] = $method;
        }
        $options[CURLOPT_HTTPHEADER] = $headers;
        curl_setopt_array($handle, $options);
    }
}
