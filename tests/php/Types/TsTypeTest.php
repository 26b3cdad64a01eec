<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Types;

use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Types\TsType;

final class TsTypeTest extends TestCase
{
    public function testUnionsFlattenDropDuplicatesAndPutNullLast(): void
    {
        $union = TsType::union(TsType::null(), TsType::string(), TsType::union(TsType::number(), TsType::string()), TsType::never());
        $this->assertSame('string | number | null', $union->render());
        $this->assertTrue($union->isNullable());
        $this->assertSame('string | number', $union->withoutNull()->render());
        $this->assertSame('unknown', TsType::union(TsType::string(), TsType::unknown())->render());
        $this->assertSame('never', TsType::union()->render());
        $this->assertSame('string', TsType::union(TsType::string())->render());
    }

    public function testLiteralsAreQuotedAndEscaped(): void
    {
        $this->assertSame("'it\\'s'", TsType::literal("it's")->render());
        $this->assertSame("'App\\\\Events\\\\X'", TsType::literal('App\\Events\\X')->render());
        $this->assertSame('3', TsType::literal(3)->render());
        $this->assertSame('true', TsType::literal(true)->render());
    }

    public function testArraysOfUnionsAreParenthesized(): void
    {
        $this->assertSame('(string | number)[]', TsType::arrayOf(TsType::union(TsType::string(), TsType::number()))->render());
        $this->assertSame('Record<string, boolean>', TsType::record(TsType::boolean())->render());
        $this->assertSame('unknown[] | Record<string, unknown>', TsType::anyArray()->render());
    }

    public function testObjectsRenderOnOneLineOrIndented(): void
    {
        $object = TsType::object([
            'id' => TsType::number(),
            'first-name' => ['type' => TsType::string(), 'optional' => true],
            'inner' => TsType::object(['ok' => TsType::boolean()]),
        ]);
        $this->assertSame("{ id: number; 'first-name'?: string; inner: { ok: boolean } }", $object->render());
        $this->assertSame("{\n    id: number;\n    'first-name'?: string;\n    inner: {\n      ok: boolean;\n    };\n  }", $object->render(1, true));
        $this->assertSame('{ id: number; [key: string]: unknown }', TsType::object(['id' => TsType::number()], open: true)->render());
        $this->assertSame('Record<string, unknown>', TsType::object([], open: true)->render());
        $this->assertSame('{}', TsType::object([])->render());
    }
}
