<?php

declare(strict_types=1);

namespace App\Models;

use Illuminate\Database\Eloquent\Model;

/** No @property docblock: only its key, timestamps and casts are known. */
class Invoice extends Model
{
    protected $casts = ['total' => 'decimal:2', 'paid' => 'boolean'];
}
