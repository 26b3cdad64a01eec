<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Types;

use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Tests\Types\Fixtures\Flagged;
use Pogo\WebSocket\Tests\Types\Fixtures\Shipment;
use Pogo\WebSocket\Types\BroadcastEvents;
use Pogo\WebSocket\Types\ExpressionTypes;
use Pogo\WebSocket\Types\TypeMapper;
use ReflectionClass;

/** ShouldBroadcast classes read without being built: name, payload, channels. */
final class BroadcastEventsTest extends TestCase
{
    private function reader(): BroadcastEvents
    {
        $types = new TypeMapper();

        return new BroadcastEvents($types, new ExpressionTypes($types));
    }

    public function testChannelsFromBroadcastOnAndPublicPropertiesAsPayload(): void
    {
        $event = $this->reader()->read(new ReflectionClass(Shipment::class));
        $this->assertNotNull($event);
        // broadcastAs() returns a constant; a leading dot as Echo wants names outside its namespace.
        $this->assertSame('.shipment.moved', $event->name);
        $this->assertSame([
            ['type' => 'private', 'pattern' => 'depots.{depot}'],
            ['type' => 'presence', 'pattern' => 'rooms.{id}.live'],
            ['type' => 'public', 'pattern' => 'feed'],
            ['type' => 'private', 'pattern' => 'legacy.{depot}'],
        ], $event->channels);
        // socket (InteractsWithSockets) and broadcastQueue are not in the payload.
        $this->assertSame(
            "{ author: { id: number; name: string; size: 's' | 'l'; born_at: string | null; friends?: Record<string, unknown>[]; display_name: string; score: number }; size: 's' | 'l'; depot: number }",
            $event->payload->render(),
        );
    }

    public function testTheAttributeAndABroadcastWithArrayLiteral(): void
    {
        $event = $this->reader()->read(new ReflectionClass(Flagged::class));
        $this->assertNotNull($event);
        $this->assertSame('.' . Flagged::class, $event->name);
        $this->assertSame([['type' => null, 'pattern' => 'depots.{depot}'], ['type' => 'public', 'pattern' => 'alerts']], $event->channels);
        $this->assertSame(
            "{ who: string; size: 's' | 'l' | null; count: number; ok: boolean; label: string; kind: 'flag'; first: { id: number; nickname: string }; tags: ('a' | 'b')[]; either: number | 'sized' }",
            $event->payload->render(),
        );
    }
}
