<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Http;

/**
 * How PogoClient's signed requests reach the server: the one seam of the package's HTTP traffic,
 * bound in the container (`Transport::class`). The default is CurlTransport (one kept-alive cURL
 * handle); GuzzleTransport sends through any Guzzle client instead, e.g. one with a MockHandler in tests.
 */
interface Transport
{
    /**
     * One HTTP exchange. Every status is returned (a rejection is the caller's to read); no answer
     * at all (refused, timed out, reset) is a TransportFailure.
     *
     * @param 'GET'|'POST' $method
     * @param non-empty-string $url
     * @param bool|string $verify over https: true checks the server's certificate against the system's CAs,
     *                            a string against that CA bundle (PEM file), false not at all
     * @return array{int, string} status and body
     * @throws TransportFailure
     */
    public function send(string $method, string $url, ?string $body, float $timeout, float $connectTimeout, bool|string $verify = true): array;
}
