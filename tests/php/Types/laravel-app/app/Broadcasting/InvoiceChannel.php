<?php

declare(strict_types=1);

namespace App\Broadcasting;

use App\Models\Invoice;
use App\Models\User;

/** A channel class: its join() returns a boolean, so invoices.{invoice} is private. */
class InvoiceChannel
{
    public function join(User $user, Invoice $invoice): bool
    {
        return $user->id === 1;
    }
}
