<?php

declare(strict_types=1);

namespace App\Events;

use Illuminate\Contracts\Broadcasting\ShouldBroadcast;

/** Channels the generator cannot read and no attribute: left out, with a warning. */
class Unreadable implements ShouldBroadcast
{
    public function __construct(public array $channels)
    {
    }

    public function broadcastOn(): array
    {
        return $this->channels;
    }
}
