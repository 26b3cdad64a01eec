<?php

namespace App\Events;

use Illuminate\Broadcasting\Channel;
use Illuminate\Broadcasting\EncryptedPrivateChannel;
use Illuminate\Broadcasting\InteractsWithSockets;
use Illuminate\Broadcasting\PresenceChannel;
use Illuminate\Broadcasting\PrivateChannel;
use Illuminate\Contracts\Broadcasting\ShouldBroadcastNow;
use Illuminate\Foundation\Events\Dispatchable;

/** The event the end-to-end test broadcasts from Laravel (copied into the test application). */
class E2eMessage implements ShouldBroadcastNow
{
    use Dispatchable;
    use InteractsWithSockets;

    public function __construct(public string $kind, public string $channel, public string $text)
    {
    }

    public function broadcastOn(): Channel
    {
        return match ($this->kind) {
            'private' => new PrivateChannel($this->channel),
            'presence' => new PresenceChannel($this->channel),
            'encrypted' => new EncryptedPrivateChannel($this->channel),
            default => new Channel($this->channel),
        };
    }

    public function broadcastAs(): string
    {
        return 'e2e.message';
    }

    public function broadcastWith(): array
    {
        return ['text' => $this->text];
    }
}
