<?php

declare(strict_types=1);

namespace App\Models;

use App\Enums\OrderStatus;
use Carbon\CarbonImmutable;
use Illuminate\Database\Eloquent\Model;

/**
 * @property int $id
 * @property OrderStatus $status
 * @property string|null $note
 * @property string $secret
 * @property CarbonImmutable $created_at
 * @property-read User $customer
 */
class Order extends Model
{
    protected $hidden = ['secret'];
}
