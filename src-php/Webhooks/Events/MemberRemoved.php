<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Webhooks\Events;

/** A user left a presence channel (last connection of that user id). */
class MemberRemoved extends WebhookEvent
{
    public function userId(): string
    {
        return (string) ($this->payload['user_id'] ?? '');
    }
}
