<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Types;

use PHPUnit\Framework\Attributes\Depends;
use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Tests\Support\Artisan;
use Pogo\WebSocket\Tests\Support\LaravelSkeleton;
use Symfony\Component\Process\Process;

/**
 * `php artisan pogo:ws-types` on a real `laravel/laravel:^12` application holding an event, channel route or
 * notification for every case the generator reads (tests/php/Types/laravel-app), checked by the real `tsc
 * --strict` against the built preset (src-ts/dist): a front end using the channels right compiles, one using a
 * wrong channel, event, payload field or whisper does not.
 */
final class TypesCommandTest extends TestCase
{
    private const OUTPUT = 'resources/js/types/pogo-channels.d.ts';

    private const WHISPERS = 'resources/js/types/pogo-whispers.d.ts';

    private static string $parent;

    private static string $app;

    private static string $installOutput;

    public static function setUpBeforeClass(): void
    {
        $root = LaravelSkeleton::repositoryRoot();
        self::$parent = sys_get_temp_dir() . '/pogo-types-' . bin2hex(random_bytes(4));
        self::$app = self::$parent . '/app';
        mkdir(self::$parent);
        LaravelSkeleton::freshCopy(self::$app, ownVendor: true);
        if (! is_dir(self::$app . '/vendor/phpstan/phpdoc-parser')) {
            // A skeleton cached before the package required phpdoc-parser: resolve the package's dependencies again.
            LaravelSkeleton::run(['composer', 'update', '--no-interaction', '--no-progress', '--quiet'], self::$app);
        }
        $install = Artisan::run(self::$app, ['pogo:ws-install', '--no-interaction', '--without-npm']);
        if ($install['code'] !== 0) {
            throw new \RuntimeException("pogo:ws-install failed:\n{$install['output']}");
        }
        self::$installOutput = $install['output'];

        LaravelSkeleton::run(['cp', '-R', "{$root}/tests/php/Types/laravel-app/.", self::$app]);
        copy("{$root}/tests/php/Types/frontend/tsconfig.json", self::$app . '/tsconfig.json');
        // The app's node_modules as `npm install` would make them, from this repository's own copies.
        mkdir(self::$app . '/node_modules/@pogo', 0777, true);
        symlink("{$root}/src-ts", self::$app . '/node_modules/@pogo/echo');
        symlink("{$root}/node_modules/laravel-echo", self::$app . '/node_modules/laravel-echo');
        symlink("{$root}/node_modules/pusher-js", self::$app . '/node_modules/pusher-js');
    }

    public static function tearDownAfterClass(): void
    {
        LaravelSkeleton::remove(self::$parent);
    }

    /** @return array{code: int, output: string} */
    private function types(string ...$options): array
    {
        return Artisan::run(self::$app, ['pogo:ws-types', ...$options]);
    }

    private function generated(): string
    {
        return (string) file_get_contents(self::$app . '/' . self::OUTPUT);
    }

    /** @return array{code: int, output: string} */
    private function tsc(string ...$files): array
    {
        $this->assertFileExists(LaravelSkeleton::repositoryRoot() . '/src-ts/dist/index.d.ts', 'Build the preset first: npm run build -w src-ts');
        foreach (glob(self::$app . '/resources/js/*.ts') ?: [] as $old) {
            unlink($old);
        }
        foreach ($files as $file) {
            copy(LaravelSkeleton::repositoryRoot() . "/tests/php/Types/frontend/{$file}", self::$app . "/resources/js/{$file}");
        }
        $process = new Process([LaravelSkeleton::repositoryRoot() . '/node_modules/.bin/tsc', '--strict', '-p', 'tsconfig.json'], self::$app, null, null, 180);
        $process->run();

        return ['code' => (int) $process->getExitCode(), 'output' => $process->getOutput() . $process->getErrorOutput()];
    }

    public function testTheInstallerRunsItOnceAndSaysSo(): void
    {
        $this->assertStringContainsString(self::OUTPUT, self::$installOutput);
        $this->assertStringContainsString('pogo:ws-types', self::$installOutput);
    }

    public function testItWritesEveryChannelEventAndNotificationDeterministically(): void
    {
        $first = $this->types();
        $this->assertSame(0, $first['code'], $first['output']);
        $this->assertStringContainsString('10 channels, 7 events, 2 notifications', $first['output']);
        $file = $this->generated();

        // routes/channels.php: kinds and presence members (array literal, only(), a typed method, unreadable).
        $this->assertStringContainsString("'orders.{orderId}': {\n      type: 'private';", $file);
        $this->assertStringContainsString("'chat.{roomId}': {\n      type: 'presence';\n      member: {\n        id: number;\n        name: string;\n      };", $file);
        $this->assertStringContainsString("'lobby': {\n      type: 'presence';\n      member: {\n        id: number;\n        email: string;\n      };", $file);
        $this->assertStringContainsString("member: {\n        id: number;\n        nickname: string;\n      };", $file);
        $this->assertStringContainsString("// member: the channel callback returns no array literal or typed value, so the member is Record<string, unknown>\n    'stage.{id}': {\n      type: 'presence';\n      member: Record<string, unknown>;", $file);
        // Events: names as Echo takes them, payloads of every PHP type.
        $this->assertStringContainsString("        OrderShipped: {\n          items: string[];\n          parcel: {\n            carrier: string;\n            weight?: number;\n          };\n          meta: unknown[] | Record<string, unknown>;", $file);
        foreach ([
            'trackingNumber: string;', 'eta: number | null;', "status: 'pending' | 'shipped' | 'delivered';", 'priority: 1 | 2 | 3;',
            'shippedAt: string;', "address: {\n            street: string;\n            city: string | null;\n          };", 'express: boolean;', 'weight: number;',
            // the model: @property types, hidden `secret` left out, the relation optional
            "order: {\n            id: number;\n            status: 'pending' | 'shipped' | 'delivered';\n            note: string | null;\n            created_at: string;\n            customer?: {",
            "'.App\\\\Domain\\\\Orders\\\\OrderCancelled': {", "'.message.posted': {", 'tags?: string[];',
            // broadcastWith() array literal; a model without @property keeps an open shape
            "InvoicePaid: {\n          invoice: number;\n          total: string;\n          paid: boolean;", '[key: string]: unknown;',
            "'system': {\n      type: 'public';", "SystemNotice: {\n          message: string;\n          level: 1 | 2 | 3;",
            "'warehouse.{warehouseId}': {\n      type: 'public';", 'levels: Record<string, number>;',
            "'vault.{userId}': {\n      type: 'encrypted';",
            // notifications on App.Models.User.{id}, told apart by type
            "type: 'App\\\\Notifications\\\\InvoiceReady';\n        invoice_id: number;\n        amount: string;", "type: 'welcome';\n        message: string;\n        firstLogin: boolean;",
            "whispers: Whispers<'chat.{roomId}'>;",
            "App\\Events\\Unreadable: its channels cannot be read from broadcastOn(); declare them with #[\\Pogo\\WebSocket\\Attributes\\BroadcastsOn('pattern')].",
            '//   - App\\Support\\Broken could not be loaded: Class "App\\Missing\\Base" not found',
        ] as $expected) {
            $this->assertStringContainsString($expected, $file);
        }
        $this->assertStringNotContainsString('secret: string', substr($file, 0, (int) strpos($file, "'vault.")), 'hidden attribute');
        $this->assertStringNotContainsString('socket', $file);
        $this->assertStringNotContainsString('internalCode', $file);
        $this->assertStringContainsString('App\\Events\\Unreadable', $first['output']);

        $again = $this->types();
        $this->assertSame(0, $again['code'], $again['output']);
        $this->assertStringContainsString('unchanged', $again['output']);
        $this->assertSame($file, $this->generated(), 'a second run writes the same bytes');
        $this->assertSame(
            file_get_contents(LaravelSkeleton::repositoryRoot() . '/tests/php/Types/laravel-app/' . self::WHISPERS),
            file_get_contents(self::$app . '/' . self::WHISPERS),
            'the hand-written whispers file is never touched',
        );
    }

    #[Depends('testItWritesEveryChannelEventAndNotificationDeterministically')]
    public function testAFrontEndUsingTheChannelsRightCompilesWithStrictTsc(): void
    {
        $result = $this->tsc('good.ts');
        $this->assertSame(0, $result['code'], $result['output']);
    }

    #[Depends('testItWritesEveryChannelEventAndNotificationDeterministically')]
    public function testEveryWrongChannelEventOrFieldFailsTsc(): void
    {
        $result = $this->tsc('bad.ts');
        $this->assertNotSame(0, $result['code'], 'tsc accepted bad.ts');

        $wrong = [];
        foreach (explode("\n", (string) file_get_contents(LaravelSkeleton::repositoryRoot() . '/tests/php/Types/frontend/bad.ts')) as $index => $line) {
            if (str_contains($line, '// wrong:')) {
                $wrong[] = $index + 1;
            }
        }
        preg_match_all('/bad\.ts\((\d+),\d+\): error/', $result['output'], $matches);
        $failed = array_values(array_unique(array_map('intval', $matches[1])));
        $this->assertCount(11, $wrong);
        $this->assertSame($wrong, $failed, $result['output']);
    }

    #[Depends('testItWritesEveryChannelEventAndNotificationDeterministically')]
    public function testCheckFailsWithADiffWhenAnEventChanged(): void
    {
        $fresh = $this->types('--check');
        $this->assertSame(0, $fresh['code'], $fresh['output']);
        $this->assertStringContainsString('is up to date', $fresh['output']);

        $event = self::$app . '/app/Events/OrderShipped.php';
        $original = (string) file_get_contents($event);
        $before = $this->generated();

        try {
            file_put_contents($event, str_replace('public array $meta = [];', "public array \$meta = [];\n\n    public ?string \$carrier = null;", $original));
            $stale = $this->types('--check');
            $this->assertSame(1, $stale['code'], $stale['output']);
            $this->assertStringContainsString(self::OUTPUT . ' is stale', $stale['output']);
            $this->assertMatchesRegularExpression('/^\+\s+carrier: string \| null;$/m', $stale['output']);
            $this->assertSame($before, $this->generated(), '--check never writes');

            unlink(self::$app . '/' . self::OUTPUT);
            $missing = $this->types('--check');
            $this->assertSame(1, $missing['code'], $missing['output']);
            $this->assertStringContainsString('does not exist', $missing['output']);
        } finally {
            file_put_contents($event, $original);
            $this->types();
        }
    }
}
