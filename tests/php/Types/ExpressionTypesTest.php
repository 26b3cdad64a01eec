<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Types;

use PhpParser\Node\Stmt\Return_;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Tests\Types\Fixtures\Author;
use Pogo\WebSocket\Types\ExpressionTypes;
use Pogo\WebSocket\Types\PhpSource;
use Pogo\WebSocket\Types\TypeMapper;

/** The type of expressions read statically, as in a broadcastWith() array or a presence callback. */
final class ExpressionTypesTest extends TestCase
{
    /** @return iterable<string, array{string, string}> */
    public static function expressions(): iterable
    {
        yield 'string literal' => ["'flag'", "'flag'"];
        yield 'numbers and arithmetic' => ['1 + 2.5 * $n', 'number'];
        yield 'concatenation' => ["'a'.\$author->id", 'string'];
        yield 'interpolation' => ['"author {$author->id}"', 'string'];
        yield 'casts' => ['[(int) $x, (string) $x, (bool) $x, (float) $x]', '(number | string | boolean)[]'];
        yield 'comparison' => ['$author->id > 1', 'boolean'];
        yield 'model attribute' => ['$author->name', 'string'];
        yield 'enum value through a model' => ['$author->size->value', "'s' | 'l'"];
        yield 'enum name' => ['$author->size->name', "'Small' | 'Large'"];
        yield 'enum case' => ['\Pogo\WebSocket\Tests\Types\Fixtures\Size::Large', "'l'"];
        yield 'nullsafe' => ['$maybe?->name', 'string | null'];
        yield 'coalesce' => ["\$maybe?->name ?? 'anonymous'", "string | 'anonymous'"];
        yield 'ternary' => ["\$author->id ? 1 : 'none'", "number | 'none'"];
        yield 'match' => ["match (\$x) { 1 => 'one', default => null }", "'one' | null"];
        yield 'method with @return shape' => ['$author->presence()', '{ id: number; nickname: string }'];
        yield 'only()' => ["\$author->only('id', 'name')", '{ id: number; name: string }'];
        yield 'only([...])' => ["\$author->only(['size'])", "{ size: 's' | 'l' }"];
        yield 'toArray()' => ['$author->toArray()', "{ id: number; name: string; size: 's' | 'l'; born_at: string | null; friends?: Record<string, unknown>[]; display_name: string; score: number }"];
        yield 'array literal' => ["['id' => \$author->id, 'tags' => ['a', 'b'], 'at' => now()]", "{ id: number; tags: ('a' | 'b')[]; at: string }"];
        yield 'mixed keys' => ["['a' => 1, 2]", 'unknown[] | Record<string, unknown>'];
        yield 'unknown variable' => ['$nobody->name', 'unknown'];
        yield 'unknown function' => ['mystery()', 'unknown'];
    }

    #[DataProvider('expressions')]
    public function testInfers(string $php, string $typeScript): void
    {
        $source = PhpSource::parse("<?php return {$php};");
        $this->assertNotNull($source);
        $return = $source->statements[0];
        $this->assertInstanceOf(Return_::class, $return);
        $types = new TypeMapper();
        $scope = [
            'author' => $types->fromClassName(Author::class),
            'maybe' => new \Pogo\WebSocket\Types\PhpType(\Pogo\WebSocket\Types\TsType::nullable($types->fromClassName(Author::class)->ts), Author::class),
        ];

        $this->assertSame($typeScript, (new ExpressionTypes($types))->infer($return->expr, $scope)->ts->render());
    }
}
