<?php

declare(strict_types=1);

namespace App\Events;

use Illuminate\Broadcasting\PresenceChannel;
use Illuminate\Contracts\Broadcasting\ShouldBroadcastNow;

/** broadcastAs() and a @return array{...} shape. */
class MessagePosted implements ShouldBroadcastNow
{
    public function __construct(public int $roomId, public string $body)
    {
    }

    public function broadcastOn(): PresenceChannel
    {
        return new PresenceChannel('chat.' . $this->roomId);
    }

    public function broadcastAs(): string
    {
        return 'message.posted';
    }

    /** @return array{body: string, author: array{id: int, name: string}, sentAt: string, tags?: list<string>} */
    public function broadcastWith(): array
    {
        return ['body' => $this->body, 'author' => ['id' => 1, 'name' => 'x'], 'sentAt' => now()->toIso8601String()];
    }
}
