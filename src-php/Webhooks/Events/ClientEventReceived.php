<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Webhooks\Events;

/** A client sent a client-* event on a private or presence channel. */
class ClientEventReceived extends WebhookEvent
{
    public function event(): string
    {
        return (string) ($this->payload['event'] ?? '');
    }

    /** The event's data, decoded when it is JSON. */
    public function data(): mixed
    {
        $data = $this->payload['data'] ?? null;
        if (! is_string($data)) {
            return $data;
        }
        $decoded = json_decode($data, true);

        return json_last_error() === JSON_ERROR_NONE ? $decoded : $data;
    }

    public function socketId(): ?string
    {
        return isset($this->payload['socket_id']) ? (string) $this->payload['socket_id'] : null;
    }

    public function userId(): ?string
    {
        return isset($this->payload['user_id']) ? (string) $this->payload['user_id'] : null;
    }
}
