<?php

declare(strict_types=1);

namespace App\Events;

use App\Data\Address;
use App\Enums\OrderStatus;
use App\Enums\Priority;
use App\Models\Order;
use Illuminate\Broadcasting\InteractsWithSockets;
use Illuminate\Broadcasting\PrivateChannel;
use Illuminate\Contracts\Broadcasting\ShouldBroadcast;
use Illuminate\Foundation\Events\Dispatchable;
use Illuminate\Support\Carbon;

/** Payload from public properties: every kind of PHP type. */
class OrderShipped implements ShouldBroadcast
{
    use Dispatchable;
    use InteractsWithSockets;

    /** @var list<string> */
    public array $items = [];

    /** @var array{carrier: string, weight?: float} */
    public array $parcel;

    public array $meta = [];

    public static string $notInPayload = '';

    protected string $hidden = '';

    public function __construct(
        public Order $order,
        public string $trackingNumber,
        public ?int $eta,
        public OrderStatus $status,
        public Priority $priority,
        public Carbon $shippedAt,
        public Address $address,
        public bool $express,
        public int|float $weight,
    ) {
    }

    public function broadcastOn(): array
    {
        return [new PrivateChannel('orders.' . $this->order->id)];
    }
}
