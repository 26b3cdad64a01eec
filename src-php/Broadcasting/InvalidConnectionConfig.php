<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Broadcasting;

use Illuminate\Broadcasting\BroadcastException;

/**
 * A broadcasting connection whose .env values cannot work. Thrown when broadcasting actually
 * happens (never while routes/channels.php loads), so one wrong value does not break every page
 * and artisan command; pogo:ws-doctor reports each problem on its own line.
 */
final class InvalidConnectionConfig extends BroadcastException
{
    /** @param non-empty-list<ConfigProblem> $problems */
    public function __construct(public readonly array $problems)
    {
        parent::__construct(implode(' ', array_map(fn (ConfigProblem $p) => "{$p->problem} (fix: {$p->fix}).", $problems)));
    }
}
