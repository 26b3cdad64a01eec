<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Webhooks\Events;

/** A webhook event whose name this package does not know yet; $payload holds it as sent. */
class UnknownWebhookEvent extends WebhookEvent
{
}
