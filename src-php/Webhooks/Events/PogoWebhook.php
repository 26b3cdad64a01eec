<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Webhooks\Events;

/**
 * Implemented by every webhook event: listen for this interface to receive them all
 * (Laravel's dispatcher matches interfaces, not parent classes).
 */
interface PogoWebhook
{
}
