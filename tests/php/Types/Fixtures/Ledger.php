<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Types\Fixtures;

use Illuminate\Database\Eloquent\Model;

/** No @property docblock: its key, timestamps and casts are all that is known. */
final class Ledger extends Model
{
    protected $primaryKey = 'uuid';

    protected $keyType = 'string';

    protected function casts(): array
    {
        return ['balance' => 'decimal:2', 'open' => 'bool', 'size' => Size::class, 'closed_at' => 'datetime', 'meta' => 'array'];
    }
}
