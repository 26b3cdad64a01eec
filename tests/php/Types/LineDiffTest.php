<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Types;

use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Types\LineDiff;

final class LineDiffTest extends TestCase
{
    public function testShowsChangedLinesWithContext(): void
    {
        $old = implode("\n", ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) . "\n";
        $new = implode("\n", ['a', 'b', 'C', 'd', 'e', 'f', 'g', 'h', 'i', 'j']) . "\n";

        $this->assertSame(implode("\n", [
            '@@ line 3 @@', '  a', '  b', '- c', '+ C', '  d', '  e',
            '...',
            '@@ line 10 @@', '  h', '  i', '+ j',
        ]), LineDiff::render($old, $new));
    }

    public function testIdenticalTextsHaveNoDiff(): void
    {
        $this->assertSame('', LineDiff::render("x\ny\n", "x\ny\n"));
    }
}
