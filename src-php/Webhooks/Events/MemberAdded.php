<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Webhooks\Events;

/** A user joined a presence channel (first connection of that user id). */
class MemberAdded extends WebhookEvent
{
    public function userId(): string
    {
        return (string) ($this->payload['user_id'] ?? '');
    }
}
