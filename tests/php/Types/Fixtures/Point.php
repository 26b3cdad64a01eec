<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Types\Fixtures;

use Carbon\CarbonImmutable as Moment;

/** A plain data object: json_encode() gives its public instance properties. */
final class Point
{
    public static int $count = 0;

    /** @var list<Size> */
    public array $sizes = [];

    public ?Point $next = null;

    public Moment $at;

    public function __construct(public int|float $x, public ?string $label, private string $secret = '')
    {
    }
}
