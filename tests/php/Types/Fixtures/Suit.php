<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Types\Fixtures;

enum Suit
{
    case Hearts;
    case Spades;
}
