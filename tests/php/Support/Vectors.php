<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Support;

/** The signatures the official Pusher SDKs computed (tests/fixtures/pusher-signatures.json, see its README). */
final class Vectors
{
    /** @return array<string, mixed> */
    public static function load(): array
    {
        $path = dirname(__DIR__, 2) . '/fixtures/pusher-signatures.json';

        return json_decode((string) file_get_contents($path), true, 512, JSON_THROW_ON_ERROR);
    }
}
