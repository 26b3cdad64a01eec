<?php

declare(strict_types=1);

namespace App\Domain\Orders;

use Illuminate\Broadcasting\PrivateChannel;
use Illuminate\Contracts\Broadcasting\ShouldBroadcastNow;

/** Outside App\Events: Echo listens to it as `.App\Domain\Orders\OrderCancelled`. */
class OrderCancelled implements ShouldBroadcastNow
{
    public function __construct(public int $orderId, public string $reason)
    {
    }

    public function broadcastOn(): PrivateChannel
    {
        return new PrivateChannel("orders.{$this->orderId}");
    }
}
