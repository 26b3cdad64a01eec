<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Webhooks\Events;

/**
 * One event of a verified Pogo WebSocket webhook. Listen for a subclass (ChannelOccupied,
 * MemberAdded, ...) or for the PogoWebhook interface to receive them all.
 */
abstract class WebhookEvent implements PogoWebhook
{
    /** @param array<string, mixed> $payload the event exactly as the server sent it */
    final public function __construct(
        public readonly string $name,
        public readonly ?string $channel,
        public readonly int $timeMs,
        public readonly string $appId,
        public readonly array $payload,
    ) {
    }

    /** @var array<string, class-string<WebhookEvent>> */
    private const CLASSES = [
        'channel_occupied' => ChannelOccupied::class,
        'channel_vacated' => ChannelVacated::class,
        'member_added' => MemberAdded::class,
        'member_removed' => MemberRemoved::class,
        'client_event' => ClientEventReceived::class,
        'cache_miss' => CacheMiss::class,
        'subscription_count' => SubscriptionCountChanged::class,
    ];

    /** @param array<string, mixed> $payload */
    public static function fromPayload(array $payload, int $timeMs, string $appId): self
    {
        $class = self::CLASSES[$payload['name']] ?? UnknownWebhookEvent::class;
        $channel = isset($payload['channel']) && is_string($payload['channel']) ? $payload['channel'] : null;

        return new $class((string) $payload['name'], $channel, $timeMs, $appId, $payload);
    }
}
