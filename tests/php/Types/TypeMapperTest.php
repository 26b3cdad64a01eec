<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Types;

use PHPStan\PhpDocParser\Lexer\Lexer;
use PHPStan\PhpDocParser\Parser\ConstExprParser;
use PHPStan\PhpDocParser\Parser\TokenIterator;
use PHPStan\PhpDocParser\Parser\TypeParser;
use PHPStan\PhpDocParser\ParserConfig;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Tests\Types\Fixtures\Author;
use Pogo\WebSocket\Tests\Types\Fixtures\Ledger;
use Pogo\WebSocket\Tests\Types\Fixtures\Point;
use Pogo\WebSocket\Tests\Types\Fixtures\Size;
use Pogo\WebSocket\Types\TypeMapper;
use ReflectionClass;

/** PHP types (declared and PHPDoc) → the TypeScript type of their JSON form. */
final class TypeMapperTest extends TestCase
{
    private function doc(string $type, string $context = Point::class): string
    {
        $config = new ParserConfig([]);
        $node = (new TypeParser($config, new ConstExprParser($config)))->parse(new TokenIterator((new Lexer($config))->tokenize($type)));

        return (new TypeMapper())->fromDoc($node, new ReflectionClass($context))->ts->render();
    }

    /** @return iterable<string, array{string, string}> */
    public static function docTypes(): iterable
    {
        yield 'int' => ['int', 'number'];
        yield 'positive-int' => ['positive-int', 'number'];
        yield 'nullable' => ['?string', 'string | null'];
        yield 'union with null' => ['non-empty-string|int|null', 'string | number | null'];
        yield 'bool' => ['bool', 'boolean'];
        yield 'literal union' => ["'draft'|'sent'|3", "'draft' | 'sent' | 3"];
        yield 'mixed' => ['mixed', 'unknown'];
        yield 'list' => ['list<string>', 'string[]'];
        yield 'T[]' => ['int[]', 'number[]'];
        yield 'int keys' => ['array<int, bool>', 'boolean[]'];
        yield 'string keys' => ['array<string, int>', 'Record<string, number>'];
        yield 'bare array' => ['array', 'unknown[] | Record<string, unknown>'];
        yield 'shape' => ['array{id: int, name?: string, "x-y": bool}', "{ id: number; name?: string; 'x-y': boolean }"];
        yield 'unsealed shape' => ['array{id: int, ...}', '{ id: number; [key: string]: unknown }'];
        yield 'list shape' => ['list{int, string}', '(number | string)[]'];
        yield 'object shape' => ['object{a: float}', '{ a: number }'];
        yield 'backed enum, imported name' => ['Size', "'s' | 'l'"];
        yield 'aliased date' => ['Moment', 'string'];
        yield 'collection of models' => ['\Illuminate\Support\Collection<int, Size>', "('s' | 'l')[]"];
        yield 'pure enum' => ['Suit', 'unknown'];
        yield 'unknown class' => ['\Nope\Missing', 'unknown'];
    }

    #[DataProvider('docTypes')]
    public function testPhpDocTypes(string $phpDoc, string $typeScript): void
    {
        $this->assertSame($typeScript, $this->doc($phpDoc));
    }

    public function testADataObjectIsItsPublicInstanceProperties(): void
    {
        $shape = (new TypeMapper())->fromClassName(Point::class)->ts->render();
        // $sizes from @var, $next recursive (a cycle stops at Record), $at a date, $x int|float, no static or private property.
        $this->assertSame(
            "{ sizes: ('s' | 'l')[]; next: Record<string, unknown> | null; at: string; x: number; label: string | null }",
            $shape,
        );
    }

    public function testAModelIsItsDocumentedAttributesMinusHiddenWithRelationsOptional(): void
    {
        $this->assertSame(
            "{ id: number; name: string; size: 's' | 'l'; born_at: string | null; friends?: Record<string, unknown>[]; display_name: string; score: number }",
            (new TypeMapper())->fromClassName(Author::class)->ts->render(),
        );
    }

    public function testAModelWithoutPropertyDocsIsOpenWithItsKeyTimestampsAndCasts(): void
    {
        $this->assertSame(
            "{ uuid: string; created_at: string | null; updated_at: string | null; balance: string; open: boolean; size: 's' | 'l'; closed_at: string; meta: unknown[] | Record<string, unknown>; [key: string]: unknown }",
            (new TypeMapper())->fromClassName(Ledger::class)->ts->render(),
        );
    }

    public function testDatesAndEnumsOfDeclaredTypes(): void
    {
        $types = new TypeMapper();
        $this->assertSame('string', $types->fromClassName(\DateTimeImmutable::class)->ts->render());
        $this->assertSame('string', $types->fromClassName(\Illuminate\Support\Carbon::class)->ts->render());
        $this->assertSame("'s' | 'l'", $types->fromClassName(Size::class)->ts->render());
        $property = new \ReflectionProperty(Point::class, 'label');
        $this->assertSame('string | null', $types->ofProperty($property)->ts->render());
    }
}
