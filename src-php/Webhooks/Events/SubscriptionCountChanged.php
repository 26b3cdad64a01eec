<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Webhooks\Events;

/** The number of subscriptions to a channel changed. */
class SubscriptionCountChanged extends WebhookEvent
{
    public function subscriptionCount(): int
    {
        return (int) ($this->payload['subscription_count'] ?? 0);
    }
}
