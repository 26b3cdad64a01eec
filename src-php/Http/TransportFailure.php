<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Http;

/** The server could not be reached or did not answer in time (a cURL error). */
final class TransportFailure extends \RuntimeException
{
    public function __construct(public readonly int $errno, public readonly string $error, ?\Throwable $previous = null)
    {
        parent::__construct("cURL error {$errno}: {$error}", $errno, $previous);
    }
}
