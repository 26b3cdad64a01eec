<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Webhooks\Events;

/** A client subscribed to a cache- channel that holds no cached event yet. */
class CacheMiss extends WebhookEvent
{
}
