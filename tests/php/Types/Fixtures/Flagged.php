<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Types\Fixtures;

use Illuminate\Contracts\Broadcasting\ShouldBroadcastNow;
use Pogo\WebSocket\Attributes\BroadcastsOn;

/** Channels declared by attribute; payload from an array literal. */
#[BroadcastsOn('depots.{depot}')]
#[BroadcastsOn('alerts', type: 'public')]
final class Flagged implements ShouldBroadcastNow
{
    public function __construct(public Author $author, public ?Size $size)
    {
    }

    public function broadcastOn(): array
    {
        return [];
    }

    public function broadcastWith(): array
    {
        return [
            'who' => $this->author->name,
            'size' => $this->size?->value,
            'count' => count([1]) + 1,
            'ok' => $this->author->id > 0,
            'label' => "author {$this->author->id}",
            'kind' => 'flag',
            'first' => $this->author->presence(),
            'tags' => ['a', 'b'],
            'either' => $this->size === null ? 0 : 'sized',
        ];
    }
}
