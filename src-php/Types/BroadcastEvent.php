<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

/** A ShouldBroadcast event as the front end sees it: the name `listen()` takes, its payload and its channels. */
final class BroadcastEvent
{
    /**
     * @param  string  $name  as Echo's `listen()` takes it: `OrderShipped` in App\Events, else a leading dot
     * @param  list<array{type: string|null, pattern: string}>  $channels  type null: the route decides
     */
    public function __construct(
        public readonly string $class,
        public readonly string $name,
        public readonly TsType $payload,
        public readonly array $channels,
    ) {
    }
}
