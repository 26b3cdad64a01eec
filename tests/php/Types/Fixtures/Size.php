<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Types\Fixtures;

enum Size: string
{
    case Small = 's';
    case Large = 'l';
}
