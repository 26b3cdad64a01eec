<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Http;

use GuzzleHttp\ClientInterface;
use GuzzleHttp\Exception\GuzzleException;
use GuzzleHttp\Exception\RequestException;
use GuzzleHttp\Exception\TransferException;

/**
 * A Transport through a Guzzle client, for an app that wants its middleware (logging, tracing) on
 * the package's requests, or a test that fakes the server with a MockHandler:
 *
 *     $this->app->instance(Transport::class, new GuzzleTransport(new Client(['handler' => HandlerStack::create($mock)])));
 *
 * Slower than the default CurlTransport (see there), the same failures and messages.
 */
final class GuzzleTransport implements Transport
{
    public function __construct(private readonly ClientInterface $client)
    {
    }

    public function send(string $method, string $url, ?string $body, float $timeout, float $connectTimeout, bool|string $verify = true): array
    {
        $options = [
            'verify' => $verify,
            'timeout' => $timeout,
            'connect_timeout' => $connectTimeout,
            'http_errors' => false,
            'headers' => ['Accept' => 'application/json'],
        ];
        if ($body !== null) {
            $options['headers']['Content-Type'] = 'application/json';
            $options['body'] = $body;
        }

        try {
            $response = $this->client->request($method, $url, $options);
        } catch (GuzzleException $e) {
            throw self::failure($e);
        }

        return [$response->getStatusCode(), (string) $response->getBody()];
    }

    /** The cURL error number and text from Guzzle's handler context (0 when a handler gave none, a mock say). */
    private static function failure(GuzzleException $e): TransportFailure
    {
        $context = $e instanceof TransferException && method_exists($e, 'getHandlerContext') ? $e->getHandlerContext() : [];
        $errno = is_int($context['errno'] ?? null) ? $context['errno'] : 0;
        $error = is_string($context['error'] ?? null) && $context['error'] !== ''
            ? $context['error']
            // Guzzle's own message ends with the URL, signature and all: never quoted.
            : ($e instanceof RequestException && $e->hasResponse() ? 'an incomplete response' : 'connection failed');

        return new TransportFailure($errno, $error, $e);
    }
}
