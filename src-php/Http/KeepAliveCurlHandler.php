<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Http;

use GuzzleHttp\Exception\ConnectException;
use GuzzleHttp\Exception\RequestException;
use GuzzleHttp\Handler\CurlHandler;
use GuzzleHttp\Promise\Create;
use GuzzleHttp\Promise\PromiseInterface;
use GuzzleHttp\Psr7\Response;
use GuzzleHttp\TransferStats;
use Psr\Http\Message\RequestInterface;

/**
 * A Guzzle handler for the small JSON requests of the server's API: one cURL handle kept for the
 * life of the process (so one keep-alive connection), the response read in one piece. Guzzle's
 * general CurlHandler builds a handle configuration, header callbacks and a body stream per
 * request, which costs more than the loopback round trip itself. Requests with options this
 * handler does not implement (proxies, client certificates, streaming, ...) go to CurlHandler.
 */
final class KeepAliveCurlHandler
{
    /** Request options this handler honours (all others: CurlHandler). */
    private const SUPPORTED = [
        'allow_redirects' => true, 'http_errors' => true, 'decode_content' => true, 'verify' => true,
        'cookies' => true, 'idn_conversion' => true, 'synchronous' => true, 'timeout' => true,
        'connect_timeout' => true, 'on_stats' => true, 'laravel_data' => true, 'headers' => true,
        'body' => true, 'version' => true,
    ];

    /** cURL errors meaning the request never reached the server, or timed out (Guzzle's ConnectException set). */
    private const CONNECT_ERRORS = [CURLE_COULDNT_RESOLVE_HOST => true, CURLE_COULDNT_CONNECT => true, CURLE_SSL_CONNECT_ERROR => true, CURLE_OPERATION_TIMEOUTED => true];

    private ?\CurlHandle $handle = null;

    private ?CurlHandler $fallback = null;

    /**
     * One request on the kept connection.
     *
     * @param non-empty-string $method
     * @param non-empty-string $url
     * @param list<string> $headers "Name: value" lines
     * @return array{int, string} status and body
     * @throws TransportFailure
     */
    public function exchange(string $method, string $url, ?string $body, array $headers, float $timeout, float $connectTimeout): array
    {
        [$status, , $responseBody] = $this->perform($method, $url, $body, $headers, $timeout, $connectTimeout, true);

        return [$status, $responseBody];
    }

    /** @param array<string, mixed> $options Guzzle's request options */
    public function __invoke(RequestInterface $request, array $options): PromiseInterface
    {
        foreach ($options as $name => $value) {
            $unsupported = ! isset(self::SUPPORTED[$name])
                || ($name === 'allow_redirects' && $value !== false && $value !== [] && ! is_array($value))
                || ($name === 'verify' && $value !== true);
            if ($unsupported) {
                return ($this->fallback ??= new CurlHandler())($request, $options);
            }
        }

        $headers = [];
        foreach ($request->getHeaders() as $name => $values) {
            foreach ($values as $value) {
                $headers[] = "{$name}: {$value}";
            }
        }
        $body = (string) $request->getBody();
        $method = $request->getMethod();
        $url = (string) $request->getUri()->withFragment('');
        if ($method === '' || $url === '') {
            return ($this->fallback ??= new CurlHandler())($request, $options);
        }
        $started = microtime(true);

        try {
            [$status, $head, $responseBody, $info] = $this->perform(
                $method,
                $url,
                $body === '' && $method === 'GET' ? null : $body,
                $headers,
                (float) ($options['timeout'] ?? 0),
                (float) ($options['connect_timeout'] ?? 0),
                false,
            );
        } catch (TransportFailure $failure) {
            $context = ['errno' => $failure->errno, 'error' => $failure->error];
            $exception = isset(self::CONNECT_ERRORS[$failure->errno])
                ? new ConnectException($failure->getMessage(), $request, null, $context)
                : new RequestException($failure->getMessage(), $request, null, null, $context);
            $this->report($options, $request, null, microtime(true) - $started, $exception, $context);

            return Create::rejectionFor($exception);
        }

        $response = self::parse($head, $responseBody);
        $this->report($options, $request, $response, microtime(true) - $started, null, $info);

        return Create::promiseFor($response);
    }

    /**
     * @param non-empty-string $method
     * @param non-empty-string $url
     * @param list<string> $headers
     * @return array{int, string, string, array<string, mixed>} status, header block, body, cURL info
     * @throws TransportFailure
     */
    private function perform(string $method, string $url, ?string $body, array $headers, float $timeout, float $connectTimeout, bool $bodyOnly): array
    {
        $this->handle ??= curl_init();
        $handle = $this->handle;
        curl_reset($handle); // options only; the open connection stays in the handle's cache

        $options = [
            CURLOPT_URL => $url,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_HEADER => ! $bodyOnly,
            CURLOPT_HTTPHEADER => [...$headers, 'Expect:'],
            CURLOPT_NOSIGNAL => true,
        ];
        if ($timeout > 0) {
            $options[CURLOPT_TIMEOUT_MS] = (int) ceil(1000 * $timeout);
        }
        if ($connectTimeout > 0) {
            $options[CURLOPT_CONNECTTIMEOUT_MS] = (int) ceil(1000 * $connectTimeout);
        }
        if ($body === null && $method === 'GET') {
            $options[CURLOPT_HTTPGET] = true;
        } else {
            $options[CURLOPT_CUSTOMREQUEST] = $method;
            $options[CURLOPT_POSTFIELDS] = (string) $body;
        }
        curl_setopt_array($handle, $options);

        $raw = curl_exec($handle);
        $errno = curl_errno($handle);
        if ($raw === false || $errno !== 0) {
            $error = curl_error($handle);
            // A handle that failed mid-exchange must not carry its connection into the next request.
            curl_close($handle);
            $this->handle = null;

            throw new TransportFailure($errno, $error);
        }

        $status = (int) curl_getinfo($handle, CURLINFO_RESPONSE_CODE);
        if ($bodyOnly) {
            return [$status, '', (string) $raw, []];
        }
        $info = curl_getinfo($handle);
        $headerSize = (int) $info['header_size'];

        return [$status, substr((string) $raw, 0, $headerSize), substr((string) $raw, $headerSize), $info];
    }

    private static function parse(string $head, string $body): Response
    {
        // With keep-alive and no redirects there is one header block (a `100 Continue` is disabled by `Expect:`).
        $lines = explode("\r\n", rtrim($head));
        [$protocol, $status, $reason] = array_pad(explode(' ', (string) array_shift($lines), 3), 3, '');
        $headers = [];
        foreach ($lines as $line) {
            $colon = strpos($line, ':');
            if ($colon !== false) {
                $headers[substr($line, 0, $colon)][] = trim(substr($line, $colon + 1));
            }
        }

        return new Response((int) $status, $headers, $body, substr($protocol, 5) ?: '1.1', $reason);
    }

    /**
     * @param array<string, mixed> $options
     * @param array<string, mixed> $context
     */
    private function report(array $options, RequestInterface $request, ?Response $response, float $seconds, ?\Throwable $error, array $context): void
    {
        if (isset($options['on_stats']) && is_callable($options['on_stats'])) {
            ($options['on_stats'])(new TransferStats($request, $response, $seconds, $error, $context));
        }
    }
}
