<?php

declare(strict_types=1);

namespace App\Events;

use Illuminate\Broadcasting\Channel;
use Illuminate\Contracts\Broadcasting\ShouldBroadcast;
use Pogo\WebSocket\Attributes\BroadcastsOn;

/** Channels built elsewhere: declared with the attribute. */
#[BroadcastsOn('warehouse.{warehouseId}', type: 'public')]
class StockChanged implements ShouldBroadcast
{
    /** @param  array<string, int>  $levels */
    public function __construct(public int $warehouseId, public array $levels)
    {
    }

    public function broadcastOn(): array
    {
        return $this->channels();
    }

    private function channels(): array
    {
        return [new Channel(implode('.', ['warehouse', $this->warehouseId]))];
    }
}
