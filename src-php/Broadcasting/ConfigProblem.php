<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Broadcasting;

/** One wrong .env value: which key, what is wrong with it (quoting the value as given), and the fix. */
final class ConfigProblem
{
    public function __construct(
        public readonly string $key,
        public readonly string $problem,
        public readonly string $fix,
    ) {
    }
}
