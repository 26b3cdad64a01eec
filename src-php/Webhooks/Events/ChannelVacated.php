<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Webhooks\Events;

/** A channel lost its last subscriber. */
class ChannelVacated extends WebhookEvent
{
}
