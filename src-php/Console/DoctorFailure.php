<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Console;

/** A failed pogo:ws-doctor check: what is wrong, and how to fix it. */
final class DoctorFailure extends \RuntimeException
{
    public function __construct(string $problem, public readonly string $fix)
    {
        parent::__construct($problem);
    }
}
