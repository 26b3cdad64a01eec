<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Unit;

use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Support\EnvFile;

final class EnvFileTest extends TestCase
{
    private string $path;

    protected function setUp(): void
    {
        $this->path = tempnam(sys_get_temp_dir(), 'env-');
    }

    protected function tearDown(): void
    {
        @unlink($this->path);
    }

    public function testExistingKeysAreReplacedInPlaceAndNothingElseMoves(): void
    {
        file_put_contents($this->path, "# comment\nAPP_NAME=Laravel\nexport WS_HOST=old\n  WS_PORT = 6001\nWS_HOSTNAME=keep\n\nLAST=1\n");
        $env = EnvFile::load($this->path);
        $env->set('WS_HOST', 'localhost');
        $env->set('WS_PORT', '7000');
        $env->save();

        $this->assertSame("# comment\nAPP_NAME=Laravel\nWS_HOST=localhost\nWS_PORT=7000\nWS_HOSTNAME=keep\n\nLAST=1\n", file_get_contents($this->path));
    }

    public function testNewKeysAreAppendedOnceAfterOneBlankLine(): void
    {
        file_put_contents($this->path, "APP_NAME=Laravel\n");
        $env = EnvFile::load($this->path);
        $env->set('A', '1');
        $env->set('B', '${A}');
        $env->set('A', '2');
        $env->save();

        $this->assertSame("APP_NAME=Laravel\n\nA=2\nB=\"\${A}\"\n", file_get_contents($this->path));
    }

    public function testValuesAreReadUnquotedAndWrittenQuotedWhenNeeded(): void
    {
        file_put_contents($this->path, "A=\"hello world\"\nB='x#y'\nC=plain\nD=\nE=\"say \\\"hi\\\"\"\n");
        $env = EnvFile::load($this->path);

        $this->assertSame(['hello world', 'x#y', 'plain', '', 'say "hi"', null], [$env->get('A'), $env->get('B'), $env->get('C'), $env->get('D'), $env->get('E'), $env->get('F')]);
        $this->assertFalse($env->filled('D'));
        $this->assertFalse($env->setIfEmpty('C', 'other'));
        $this->assertTrue($env->setIfEmpty('D', 'a b'));
        $this->assertFalse($env->set('C', 'plain'));
        $env->save();
        $this->assertStringContainsString("D=\"a b\"\n", file_get_contents($this->path));
        $this->assertSame('a b', EnvFile::load($this->path)->get('D'));
    }

    public function testAnUnchangedFileIsNotRewritten(): void
    {
        file_put_contents($this->path, 'A=1');
        $env = EnvFile::load($this->path);
        $env->set('A', '1');
        $env->save();

        $this->assertFalse($env->changed());
        $this->assertSame('A=1', file_get_contents($this->path));
    }

    public function testANewlineIsEscapedSoTheValueStaysOnOneLineAndReadsBackTheSame(): void
    {
        file_put_contents($this->path, "APP_NAME=Laravel\n");
        $env = EnvFile::load($this->path);
        $env->set('WS_NOTE', "first\nINJECTED=1");
        $env->save();

        $parsed = \Dotenv\Dotenv::parse((string) file_get_contents($this->path));
        $this->assertSame(['APP_NAME', 'WS_NOTE'], array_keys($parsed));
        $this->assertSame("first\nINJECTED=1", $parsed['WS_NOTE']);
        $this->assertSame("first\nINJECTED=1", EnvFile::load($this->path)->get('WS_NOTE'));
    }

    public function testACommentAfterTheValueIsNotPartOfItAndSurvivesARewrite(): void
    {
        file_put_contents($this->path, "WS_HOST=localhost # where browsers connect\nWS_PORT=\"6001\" # the port\nWS_KEY=a#b\n");
        $env = EnvFile::load($this->path);

        $this->assertSame(['localhost', '6001', 'a'], [$env->get('WS_HOST'), $env->get('WS_PORT'), $env->get('WS_KEY')]);
        $this->assertFalse($env->set('WS_HOST', 'localhost'));
        $env->set('WS_HOST', 'example.com');
        $env->set('WS_PORT', '7000');
        $env->save();

        $this->assertSame("WS_HOST=example.com # where browsers connect\nWS_PORT=7000 # the port\nWS_KEY=a#b\n", file_get_contents($this->path));
        $this->assertSame(['WS_HOST' => 'example.com', 'WS_PORT' => '7000', 'WS_KEY' => 'a'], \Dotenv\Dotenv::parse((string) file_get_contents($this->path)));
    }

    public function testAKeyCanBeRemoved(): void
    {
        file_put_contents($this->path, "A=1\nREVERB_APP_ID=2\nB=3\n");
        $env = EnvFile::load($this->path);

        $this->assertTrue($env->remove('REVERB_APP_ID'));
        $this->assertFalse($env->remove('REVERB_APP_ID'));
        $env->save();
        $this->assertSame("A=1\nB=3\n", file_get_contents($this->path));
    }
}
