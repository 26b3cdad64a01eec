<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

/**
 * A PHP value's type as pogo:ws-types follows it: the TypeScript type of its JSON form, and the class
 * when it is an object (so `$this->order->status->value` can be followed property by property).
 */
final class PhpType
{
    public function __construct(public readonly TsType $ts, public readonly ?string $class = null)
    {
    }

    public static function unknown(): self
    {
        return new self(TsType::unknown());
    }
}
