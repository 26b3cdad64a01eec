<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Attributes;

use Attribute;

/**
 * Declares the channel pattern(s) a broadcast event goes to, for `php artisan pogo:ws-types` when its
 * broadcastOn() builds them in a way that cannot be read statically:
 *
 *     #[BroadcastsOn('orders.{orderId}')]
 *     #[BroadcastsOn('news', type: 'public')]
 *
 * The pattern is the one in routes/channels.php. Without `type`, the channel's kind comes from its route
 * (private, or presence when the route returns member info), or is public when no route declares it.
 * Read only by the type generator; broadcasting itself still uses broadcastOn().
 */
#[Attribute(Attribute::TARGET_CLASS | Attribute::IS_REPEATABLE)]
final class BroadcastsOn
{
    public const TYPES = ['public', 'private', 'presence', 'encrypted'];

    /** @param  string|null  $type  public, private, presence or encrypted */
    public function __construct(public readonly string $pattern, public readonly ?string $type = null)
    {
        if ($type !== null && ! in_array($type, self::TYPES, true)) {
            throw new \InvalidArgumentException("#[BroadcastsOn('{$pattern}')]: type must be one of " . implode(', ', self::TYPES) . ", not [{$type}].");
        }
    }
}
