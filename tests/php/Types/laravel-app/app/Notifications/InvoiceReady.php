<?php

declare(strict_types=1);

namespace App\Notifications;

use App\Models\Invoice;
use Illuminate\Notifications\Messages\BroadcastMessage;
use Illuminate\Notifications\Notification;

/** Data from the array literal given to BroadcastMessage; type is the class name. */
class InvoiceReady extends Notification
{
    public function __construct(public Invoice $invoice)
    {
    }

    public function via(object $notifiable): array
    {
        return ['broadcast'];
    }

    public function toBroadcast(object $notifiable): BroadcastMessage
    {
        return new BroadcastMessage(['invoice_id' => $this->invoice->id, 'amount' => $this->invoice->total]);
    }
}
