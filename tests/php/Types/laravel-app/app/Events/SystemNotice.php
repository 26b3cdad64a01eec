<?php

declare(strict_types=1);

namespace App\Events;

use App\Enums\Priority;
use Illuminate\Broadcasting\Channel;
use Illuminate\Contracts\Broadcasting\ShouldBroadcastNow;

/** A public channel: no route in routes/channels.php. */
class SystemNotice implements ShouldBroadcastNow
{
    public function __construct(public string $message, public Priority $level)
    {
    }

    public function broadcastOn(): Channel
    {
        return new Channel('system');
    }
}
