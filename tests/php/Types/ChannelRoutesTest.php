<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Types;

use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Tests\Types\Fixtures\Author;
use Pogo\WebSocket\Types\ChannelRoute;
use Pogo\WebSocket\Types\ChannelRoutes;
use Pogo\WebSocket\Types\ExpressionTypes;
use Pogo\WebSocket\Types\TypeMapper;

/** routes/channels.php read statically: patterns, private or presence, member shapes. */
final class ChannelRoutesTest extends TestCase
{
    public function testKindsAndMemberShapes(): void
    {
        $types = new TypeMapper();
        $reader = new ChannelRoutes($types, new ExpressionTypes($types), Author::class);
        $routes = [];
        foreach ($reader->read(__DIR__ . '/Fixtures/channels.php', 'channels.php') as $route) {
            $routes[$route->pattern] = [$route->kind, $route->member?->render(), $route->kindKnown];
        }

        $this->assertSame([
            'depots.{depot}' => ['private', null, true],
            'rooms.{roomId}.live' => ['presence', "{ id: number; name: string; size: 's' | 'l' }", true],
            'crew' => ['presence', '{ id: number; name: string }', true],
            'typed' => ['presence', "{ id: number; role: string; size: 's' | 'l' }", true],
            'method' => ['presence', '{ id: number; nickname: string }', true],
            'vague' => ['private', null, false],
            'declared' => ['presence', null, true],
        ], $routes);
        $this->assertSame(['channels.php line 18: the channel pattern is not a string literal, so it is left out.'], $reader->warnings);
    }

    public function testAMissingFileIsAWarningNotAnError(): void
    {
        $types = new TypeMapper();
        $reader = new ChannelRoutes($types, new ExpressionTypes($types), Author::class);
        $this->assertSame([], $reader->read(__DIR__ . '/Fixtures/no-such-file.php', 'routes/channels.php'));
        $this->assertSame(['routes/channels.php does not exist: no private or presence channels.'], $reader->warnings);
        $this->assertInstanceOf(ChannelRoute::class, new ChannelRoute('x', 'private'));
    }
}
