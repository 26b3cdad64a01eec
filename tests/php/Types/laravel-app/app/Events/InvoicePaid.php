<?php

declare(strict_types=1);

namespace App\Events;

use App\Enums\OrderStatus;
use App\Models\Invoice;
use Illuminate\Broadcasting\PrivateChannel;
use Illuminate\Contracts\Broadcasting\ShouldBroadcast;

/** broadcastWith() returning an array literal; the model has no @property docblock. */
class InvoicePaid implements ShouldBroadcast
{
    public function __construct(public Invoice $invoice, public OrderStatus $status)
    {
    }

    public function broadcastOn(): PrivateChannel
    {
        return new PrivateChannel('invoices.' . $this->invoice->getKey());
    }

    public function broadcastWith(): array
    {
        return [
            'invoice' => $this->invoice->id,
            'total' => $this->invoice->total,
            'paid' => (bool) $this->invoice->paid,
            'status' => $this->status->value,
            'invoiceData' => $this->invoice,
            'label' => 'Invoice ' . $this->invoice->id,
        ];
    }
}
