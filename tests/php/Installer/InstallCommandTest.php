<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Installer;

use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Support\EnvFile;
use Pogo\WebSocket\Tests\Support\Artisan;
use Pogo\WebSocket\Tests\Support\LaravelSkeleton;

/** `php artisan pogo:ws-install` on a fresh `composer create-project laravel/laravel:^12` application. */
final class InstallCommandTest extends TestCase
{
    private const FILES = [
        '.env', '.env.example', 'bootstrap/app.php', 'config/broadcasting.php', 'config/pogo-websocket.php',
        'routes/channels.php', 'resources/js/echo.js', 'resources/js/echo.ts', 'resources/js/bootstrap.js', 'resources/js/app.js',
    ];

    private string $app;

    public static function setUpBeforeClass(): void
    {
        LaravelSkeleton::ensure();
    }

    protected function setUp(): void
    {
        $this->app = sys_get_temp_dir() . '/pogo-install-' . bin2hex(random_bytes(4));
        LaravelSkeleton::freshCopy($this->app);
    }

    protected function tearDown(): void
    {
        LaravelSkeleton::remove($this->app);
    }

    private function install(string ...$options): string
    {
        $result = Artisan::run($this->app, ['pogo:ws-install', '--no-interaction', ...$options]);
        $this->assertSame(0, $result['code'], $result['output']);

        return $result['output'];
    }

    private function file(string $path): string
    {
        return (string) file_get_contents("{$this->app}/{$path}");
    }

    /** @return array<string, string|null> */
    private function snapshot(): array
    {
        $files = [];
        foreach (self::FILES as $file) {
            $files[$file] = is_file("{$this->app}/{$file}") ? $this->file($file) : null;
        }

        return $files;
    }

    private function assertKeyOnce(string $contents, string $key): void
    {
        $count = count(array_filter(explode("\n", $contents), fn (string $line) => str_starts_with($line, "{$key}=")));
        $this->assertSame(1, $count, "{$key} appears {$count} times");
    }

    public function testAFreshAppIsFullySetUp(): void
    {
        $output = $this->install('--without-npm');

        $env = EnvFile::load("{$this->app}/.env");
        $this->assertSame('pogo', $env->get('BROADCAST_CONNECTION'));
        $this->assertMatchesRegularExpression('/^\d{6}$/', (string) $env->get('WS_APP_ID'));
        $this->assertMatchesRegularExpression('/^[a-z0-9]{20}$/', (string) $env->get('WS_APP_KEY'));
        $this->assertMatchesRegularExpression('/^[a-z0-9]{32}$/', (string) $env->get('WS_APP_SECRET'));
        $this->assertSame(['localhost', '6001', 'http'], [$env->get('WS_HOST'), $env->get('WS_PORT'), $env->get('WS_SCHEME')]);
        $this->assertSame(['${WS_APP_KEY}', '${WS_HOST}', '${WS_PORT}', '${WS_SCHEME}'], [$env->get('VITE_POGO_APP_KEY'), $env->get('VITE_POGO_HOST'), $env->get('VITE_POGO_PORT'), $env->get('VITE_POGO_SCHEME')]);
        foreach (['BROADCAST_CONNECTION', 'WS_APP_ID', 'WS_APP_KEY', 'WS_APP_SECRET', 'WS_HOST', 'WS_PORT', 'WS_SCHEME', 'VITE_POGO_APP_KEY', 'VITE_POGO_HOST', 'VITE_POGO_PORT', 'VITE_POGO_SCHEME'] as $key) {
            $this->assertKeyOnce($this->file('.env'), $key);
        }

        // .env.example lists the keys for teammates, without the secrets.
        $example = EnvFile::load("{$this->app}/.env.example");
        $this->assertSame(['pogo', '', ''], [$example->get('BROADCAST_CONNECTION'), $example->get('WS_APP_KEY'), $example->get('WS_APP_SECRET')]);

        $this->assertStringContainsString("channels: __DIR__.'/../routes/channels.php',", $this->file('bootstrap/app.php'));
        $this->assertFileExists("{$this->app}/routes/channels.php");
        $this->assertSame(1, substr_count($this->file('config/broadcasting.php'), "'pogo' => ["));
        $this->assertFileExists("{$this->app}/config/pogo-websocket.php");
        $this->assertStringContainsString("import { createEcho } from '@pogo/echo';", $this->file('resources/js/echo.js'));
        $this->assertStringContainsString('window.Echo = createEcho({ env: import.meta.env });', $this->file('resources/js/echo.js'));
        $this->assertFileDoesNotExist("{$this->app}/resources/js/echo.ts");
        $this->assertSame(1, substr_count($this->file('resources/js/bootstrap.js'), "import './echo';"));
        $this->assertStringContainsString('php artisan pogo:ws-start', $output);

        // Laravel now serves /broadcasting/auth and the pogo connection reads the new .env.
        $routes = Artisan::run($this->app, ['route:list', '--path=broadcasting']);
        $this->assertStringContainsString('broadcasting/auth', $routes['output']);
        $config = Artisan::run($this->app, ['pogo:ws-start', '--print-config']);
        $this->assertSame(0, $config['code'], $config['output']);
        $server = json_decode($config['output'], true);
        $this->assertSame([$env->get('WS_APP_ID'), $env->get('WS_APP_KEY'), '********'], [$server['apps'][0]['id'], $server['apps'][0]['key'], $server['apps'][0]['secret']]);
        $this->assertStringNotContainsString((string) $env->get('WS_APP_SECRET'), $config['output']);
        foreach (['bootstrap/app.php', 'config/broadcasting.php'] as $php) {
            $lint = Artisan::run($this->app, []);
            $this->assertSame(0, $lint['code']);
            exec(PHP_BINARY . ' -l ' . escapeshellarg("{$this->app}/{$php}"), $out, $code);
            $this->assertSame(0, $code, "{$php} is not valid PHP");
        }
    }

    public function testRunningItAgainChangesNothing(): void
    {
        $this->install('--without-npm');
        $first = $this->snapshot();

        $output = $this->install('--without-npm');

        $this->assertSame($first, $this->snapshot());
        $this->assertStringNotContainsString('updated', $output);
        $this->assertStringNotContainsString('written', $output);
    }

    public function testForceRegeneratesTheCredentialsAndRestoresEchoWithoutDuplicatingKeys(): void
    {
        $this->install('--without-npm');
        $before = EnvFile::load("{$this->app}/.env");
        file_put_contents("{$this->app}/resources/js/echo.js", "// customised\n");
        $this->install('--without-npm');
        $this->assertSame("// customised\n", $this->file('resources/js/echo.js'), 'a re-run without --force keeps a customised echo.js');

        $this->install('--without-npm', '--force');

        $after = EnvFile::load("{$this->app}/.env");
        foreach (['WS_APP_ID', 'WS_APP_KEY', 'WS_APP_SECRET'] as $key) {
            $this->assertNotSame($before->get($key), $after->get($key), "{$key} was not regenerated");
            $this->assertKeyOnce($this->file('.env'), $key);
        }
        $this->assertSame($before->get('WS_HOST'), $after->get('WS_HOST'));
        $this->assertStringContainsString('window.Echo = createEcho({ env: import.meta.env });', $this->file('resources/js/echo.js'));
        $this->assertSame(1, substr_count($this->file('resources/js/bootstrap.js'), "import './echo';"));
    }

    public function testExistingCredentialsAndOtherSettingsAreKept(): void
    {
        file_put_contents("{$this->app}/.env", $this->file('.env') . "\nWS_APP_ID=my-app\nWS_APP_KEY=my-key\nWS_APP_SECRET=\"my secret\"\nVITE_POGO_HOST=ws.example.test\n");

        $this->install('--without-npm', '--port=7001', '--scheme=https');

        $env = EnvFile::load("{$this->app}/.env");
        $this->assertSame(['my-app', 'my-key', 'my secret'], [$env->get('WS_APP_ID'), $env->get('WS_APP_KEY'), $env->get('WS_APP_SECRET')]);
        $this->assertSame(['7001', 'https', 'ws.example.test'], [$env->get('WS_PORT'), $env->get('WS_SCHEME'), $env->get('VITE_POGO_HOST')]);
        $this->assertKeyOnce($this->file('.env'), 'VITE_POGO_HOST');
    }

    public function testKeysWrittenInAnotherStyleAreReplacedNotDuplicated(): void
    {
        file_put_contents("{$this->app}/.env", $this->file('.env') . "\nexport WS_HOST=old.example.test\nWS_PORT = 7001 # the server's port\n");

        $this->install('--without-npm', '--host=ws.example.test', '--port=7002');

        $env = EnvFile::load("{$this->app}/.env");
        $this->assertSame(['ws.example.test', '7002'], [$env->get('WS_HOST'), $env->get('WS_PORT')]);
        $lines = array_filter(explode("\n", $this->file('.env')), fn (string $line) => preg_match('/^\s*(export\s+)?WS_(HOST|PORT)\s*=/', $line) === 1);
        $this->assertCount(2, $lines, implode("\n", $lines));
        $this->assertStringContainsString("WS_PORT=7002 # the server's port", $this->file('.env'));
    }

    public function testATypescriptAppGetsEchoTs(): void
    {
        file_put_contents("{$this->app}/tsconfig.json", "{}\n");
        rename("{$this->app}/resources/js/app.js", "{$this->app}/resources/js/app.ts");
        unlink("{$this->app}/resources/js/bootstrap.js");

        $this->install('--without-npm');

        $this->assertStringContainsString('window.Echo = createEcho({ env: import.meta.env });', $this->file('resources/js/echo.ts'));
        $this->assertFileDoesNotExist("{$this->app}/resources/js/echo.js");
        $this->assertStringEndsWith("import './echo';\n", $this->file('resources/js/app.ts'));
    }

    public function testInvalidOptionsAreRefusedAndChangeNothing(): void
    {
        $before = $this->snapshot();

        $result = Artisan::run($this->app, ['pogo:ws-install', '--no-interaction', '--without-npm', '--port=http']);

        $this->assertNotSame(0, $result['code']);
        $this->assertStringContainsString('--port must be a TCP port (1-65535), not [http].', $result['output']);
        $this->assertSame($before, $this->snapshot());

        // A host is written to .env: a URL or a second line must not get there.
        foreach (['http://ws.example.com', "localhost\nAPP_KEY=stolen"] as $host) {
            $result = Artisan::run($this->app, ['pogo:ws-install', '--no-interaction', '--without-npm', "--host={$host}"]);
            $this->assertNotSame(0, $result['code']);
            $this->assertStringContainsString('--host must be an IP address or a host name, not ' . json_encode($host, JSON_UNESCAPED_SLASHES), $result['output']);
            $this->assertSame($before, $this->snapshot());
        }
    }

    public function testWithoutNpmOnPathItSaysHowToInstallThePackages(): void
    {
        $emptyPath = sys_get_temp_dir() . '/pogo-empty-path-' . getmypid();
        @mkdir($emptyPath);
        $result = Artisan::run($this->app, ['pogo:ws-install', '--no-interaction'], ['PATH' => $emptyPath]);
        rmdir($emptyPath);

        $this->assertSame(1, $result['code'], $result['output']);
        $this->assertStringContainsString('npm was not found on PATH', $result['output']);
        $this->assertStringContainsString('laravel-echo@^2.2.0 pusher-js@^8.4.0 @pogo/echo@file:vendor/pogo/websocket/src-ts', $result['output']);
        // Everything else was still set up.
        $this->assertSame('pogo', EnvFile::load("{$this->app}/.env")->get('BROADCAST_CONNECTION'));
    }

    public function testTheNpmPackagesAreInstalledWithPogoEchoFromTheComposerPackage(): void
    {
        $output = $this->install();

        $this->assertStringContainsString('npm install --save-dev laravel-echo@^2.2.0 pusher-js@^8.4.0 @pogo/echo@file:vendor/pogo/websocket/src-ts', $output);
        $package = json_decode($this->file('package.json'), true);
        // npm records the path it resolved (here through the path repository's symlink).
        $this->assertStringStartsWith('file:', $package['devDependencies']['@pogo/echo']);
        $this->assertSame(realpath(LaravelSkeleton::repositoryRoot() . '/src-ts'), realpath("{$this->app}/node_modules/@pogo/echo"));
        $this->assertArrayHasKey('laravel-echo', $package['devDependencies']);
        $this->assertArrayHasKey('pusher-js', $package['devDependencies']);
        $this->assertFileExists("{$this->app}/node_modules/@pogo/echo/package.json");
        $this->assertFileExists("{$this->app}/node_modules/pusher-js/package.json");

        // The app's own Vite build bundles resources/js/echo.js with @pogo/echo and the VITE_POGO_* values.
        $build = new \Symfony\Component\Process\Process(['npm', 'run', 'build'], $this->app, Artisan::baseEnv(), null, 120);
        $build->run();
        $this->assertTrue($build->isSuccessful(), $build->getOutput() . $build->getErrorOutput());
        $bundle = implode('', array_map('file_get_contents', glob("{$this->app}/public/build/assets/*.js")));
        $this->assertStringContainsString((string) EnvFile::load("{$this->app}/.env")->get('WS_APP_KEY'), $bundle);
    }
}
