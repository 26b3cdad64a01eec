<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Unit;

use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Support\PhpSourceEditor;

final class PhpSourceEditorTest extends TestCase
{
    private const BOOTSTRAP = <<<'PHP'
<?php

return Application::configure(basePath: dirname(__DIR__))
    ->withRouting(
        web: __DIR__.'/../routes/web.php',
        // A string that mentions channels: must not count.
        commands: __DIR__.'/../routes/console.php',
        health: '/up',
    )
    ->create();
PHP;

    public function testANamedArgumentIsAddedOnce(): void
    {
        $editor = new PhpSourceEditor(self::BOOTSTRAP);
        $this->assertSame('added', $editor->ensureNamedArgument('withRouting', 'channels', "__DIR__.'/../routes/channels.php'"));
        $source = $editor->source();

        $this->assertStringContainsString("->withRouting(\n        channels: __DIR__.'/../routes/channels.php',\n        web: ", $source);
        $this->assertSame('present', (new PhpSourceEditor($source))->ensureNamedArgument('withRouting', 'channels', 'x'));
        $this->assertSame(self::BOOTSTRAP, str_replace("\n        channels: __DIR__.'/../routes/channels.php',", '', $source));
    }

    public function testACommentedOutArgumentIsUncommented(): void
    {
        $source = str_replace("health: '/up',", "health: '/up',\n        // channels: __DIR__.'/../routes/channels.php',", self::BOOTSTRAP);
        $editor = new PhpSourceEditor($source);

        $this->assertSame('added', $editor->ensureNamedArgument('withRouting', 'channels', 'unused'));
        $this->assertStringContainsString("        channels: __DIR__.'/../routes/channels.php',\n    )", $editor->source());
    }

    public function testNestedArgumentsOfTheSameNameDoNotCount(): void
    {
        $editor = new PhpSourceEditor("<?php\n\$app->withRouting(using: fn () => foo(channels: 1));\n");

        $this->assertSame('added', $editor->ensureNamedArgument('withRouting', 'channels', "'c.php'"));
        $this->assertStringContainsString("channels: 'c.php',", $editor->source());
    }

    public function testAMissingCallIsReported(): void
    {
        $this->assertSame('not-found', (new PhpSourceEditor("<?php\nreturn 1;\n"))->ensureNamedArgument('withRouting', 'channels', 'x'));
    }

    public function testAnArrayEntryIsAddedOnce(): void
    {
        $config = "<?php\nreturn [\n    'default' => 'log',\n    'connections' => [\n        'log' => ['driver' => 'log', 'note' => 'pogo'],\n        'nested' => ['pogo' => 1],\n    ],\n];\n";
        $editor = new PhpSourceEditor($config);

        $this->assertSame('added', $editor->ensureArrayEntry('connections', 'pogo', "        'pogo' => ['driver' => 'pogo'],\n"));
        $source = $editor->source();
        $evaluated = eval('?>' . $source);
        $this->assertSame(['driver' => 'pogo'], $evaluated['connections']['pogo']);
        $this->assertSame('present', (new PhpSourceEditor($source))->ensureArrayEntry('connections', 'pogo', 'x'));
        $this->assertSame('not-found', (new PhpSourceEditor("<?php\nreturn [];\n"))->ensureArrayEntry('connections', 'pogo', 'x'));
    }
}
