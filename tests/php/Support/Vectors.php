<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Support;

/** The signatures the official Pusher SDKs computed (shared/vectors/pusher-signatures.json). */
final class Vectors
{
    /** @return array<string, mixed> */
    public static function load(): array
    {
        $candidates = [
            getenv('POGO_VECTORS') ?: '',
            dirname(__DIR__, 4) . '/shared/vectors/pusher-signatures.json',
            dirname(__DIR__, 3) . '/shared/vectors/pusher-signatures.json',
        ];
        foreach ($candidates as $path) {
            if ($path !== '' && is_file($path)) {
                return json_decode((string) file_get_contents($path), true, 512, JSON_THROW_ON_ERROR);
            }
        }
        throw new \RuntimeException('shared/vectors/pusher-signatures.json not found beside the repository (set POGO_VECTORS).');
    }
}
