<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Types\Fixtures;

use Illuminate\Broadcasting\Channel;
use Illuminate\Broadcasting\InteractsWithSockets;
use Illuminate\Broadcasting\PresenceChannel;
use Illuminate\Broadcasting\PrivateChannel;
use Illuminate\Contracts\Broadcasting\ShouldBroadcast;

/** An event outside App\Events with several channels and a literal broadcastAs() via a constant. */
final class Shipment implements ShouldBroadcast
{
    use InteractsWithSockets;

    public const NAME = 'shipment.moved';

    public string $broadcastQueue = 'broadcasts';

    public function __construct(public Author $author, public Size $size, public int $depot)
    {
    }

    public function broadcastOn(): array
    {
        return [
            new PrivateChannel('depots.' . $this->depot),
            new PresenceChannel("rooms.{$this->author->id}.live"),
            new Channel('feed'),
            'private-legacy.' . $this->depot,
        ];
    }

    public function broadcastAs(): string
    {
        return self::NAME;
    }
}
