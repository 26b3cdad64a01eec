<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Webhooks\Events;

/** A channel got its first subscriber. */
class ChannelOccupied extends WebhookEvent
{
}
