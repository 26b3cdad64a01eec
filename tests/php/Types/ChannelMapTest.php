<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Types;

use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Types\BroadcastEvent;
use Pogo\WebSocket\Types\ChannelMap;
use Pogo\WebSocket\Types\ChannelMapRenderer;
use Pogo\WebSocket\Types\ChannelRoute;
use Pogo\WebSocket\Types\TsType;

/** Events joined to the route patterns their channels match, and the file written from that. */
final class ChannelMapTest extends TestCase
{
    /** @return iterable<string, array{string, string, bool}> */
    public static function names(): iterable
    {
        yield 'expression for a parameter' => ['orders.{id}', 'orders.{orderId}', true];
        yield 'literal for a parameter' => ['orders.1', 'orders.{orderId}', true];
        yield 'one more segment' => ['orders.1.2', 'orders.{orderId}', false];
        yield 'one segment fewer' => ['orders', 'orders.{orderId}', false];
        yield 'other prefix' => ['invoices.{id}', 'orders.{orderId}', false];
        yield 'expression for a literal segment' => ['chat.{room}', 'chat.lobby', false];
        yield 'parameter inside a segment' => ['user-{id}.feed', 'user-{userId}.feed', true];
        yield 'literal inside a segment' => ['user-7.feed', 'user-{userId}.feed', true];
        yield 'same literal' => ['news', 'news', true];
    }

    #[DataProvider('names')]
    public function testChannelNamesMatchPatternsSegmentBySegment(string $name, string $pattern, bool $matches): void
    {
        $this->assertSame($matches, ChannelMap::matches($name, $pattern));
    }

    public function testEventsJoinTheirRoutesAndUnroutedChannelsGetTheirOwnEntry(): void
    {
        $payload = TsType::object(['id' => TsType::number()]);
        $map = new ChannelMap(
            [new ChannelRoute('orders.{orderId}', 'private'), new ChannelRoute('Pogo.WebSocket.Tests.Types.Fixtures.Author.{id}', 'private'), new ChannelRoute('room.{id}', 'presence', TsType::object(['name' => TsType::string()]))],
            [
                new BroadcastEvent('App\Events\A', 'A', $payload, [['type' => 'private', 'pattern' => 'orders.{id}'], ['type' => 'public', 'pattern' => 'feed']]),
                new BroadcastEvent('App\Events\B', 'A', TsType::object(['extra' => TsType::boolean()]), [['type' => 'encrypted', 'pattern' => 'orders.{x}']]),
                new BroadcastEvent('App\Events\C', 'C', $payload, [['type' => 'private', 'pattern' => 'room.{id}'], ['type' => 'presence', 'pattern' => 'hidden.{id}']]),
            ],
            ['App\Notifications\N' => TsType::object(['id' => TsType::string(), 'type' => TsType::literal('n')])],
        );
        $channels = $map->channels();

        $this->assertSame(['Pogo.WebSocket.Tests.Types.Fixtures.Author.{id}', 'feed', 'hidden.{id}', 'orders.{orderId}', 'room.{id}'], array_keys($channels));
        // The encrypted event made the private route encrypted (the same route authorizes both), payloads merged.
        $this->assertSame('encrypted', $channels['orders.{orderId}']['type']);
        $this->assertSame('{ id: number } | { extra: boolean }', $channels['orders.{orderId}']['events']['A']['payload']->render());
        $this->assertSame(['App\Events\A', 'App\Events\B'], $channels['orders.{orderId}']['events']['A']['classes']);
        $this->assertSame('public', $channels['feed']['type']);
        $this->assertSame(['no Broadcast::channel() in routes/channels.php authorizes this presence channel', 'member: no channel callback, so the member is Record<string, unknown>'], $channels['hidden.{id}']['notes']);
        $this->assertSame("{ id: string; type: 'n' }", $channels['Pogo.WebSocket.Tests.Types.Fixtures.Author.{id}']['notification']?->render());
        $this->assertNull($channels['orders.{orderId}']['notification']);
        $this->assertSame(['App\Events\C broadcasts on room.{id} as a private channel, but it is declared presence; it is typed as private.'], $map->warnings);
    }

    public function testTheRenderedFileIsTheSameForTheSameMap(): void
    {
        $build = fn () => new ChannelMap(
            [new ChannelRoute('b.{id}', 'presence', TsType::object(['id' => TsType::number()])), new ChannelRoute('a', 'private')],
            [new BroadcastEvent('App\Events\X', 'X', TsType::object(['ok' => TsType::boolean()]), [['type' => null, 'pattern' => 'b.{id}']])],
            [],
        );
        $renderer = new ChannelMapRenderer();
        $file = $renderer->render($build(), ['one warning']);

        $this->assertSame($file, $renderer->render($build(), ['one warning']));
        $this->assertStringContainsString("// Not inferred:\n//   - one warning\n", $file);
        $this->assertStringContainsString(<<<'TS'
              interface PogoChannels {
                'a': {
                  type: 'private';
                  events: {};
                  whispers: Whispers<'a'>;
                };
                'b.{id}': {
                  type: 'presence';
                  member: {
                    id: number;
                  };
                  events: {
                    /** App\Events\X */
                    X: {
                      ok: boolean;
                    };
                  };
                  whispers: Whispers<'b.{id}'>;
                };
              }
            }
            TS, $file);
    }
}
