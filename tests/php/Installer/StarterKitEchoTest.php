<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Installer;

use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Console\StarterKitEcho;
use Pogo\WebSocket\Tests\Support\Artisan;
use Pogo\WebSocket\Tests\Support\LaravelSkeleton;

/**
 * `pogo:ws-install` in an app on Laravel's React or Vue starter kit: the kit's configureEcho() call in
 * resources/js/app.tsx / app.ts is pointed at Pogo through echoConfig(), instead of a window.Echo script.
 * The app.tsx and package.json are the React kit's (tests/starter-kits/react-app).
 */
final class StarterKitEchoTest extends TestCase
{
    private const CALL = 'configureEcho(echoConfig({ env: import.meta.env }));';

    private const KIT = __DIR__ . '/../../starter-kits/react-app';

    private string $app;

    protected function setUp(): void
    {
        $this->app = '';
    }

    protected function tearDown(): void
    {
        if ($this->app !== '') {
            LaravelSkeleton::remove($this->app);
        }
    }

    private function reactKitApp(): string
    {
        $this->app = sys_get_temp_dir() . '/pogo-starter-kit-' . bin2hex(random_bytes(4));
        LaravelSkeleton::freshCopy($this->app);
        copy(self::KIT . '/package.json', "{$this->app}/package.json");
        copy(self::KIT . '/app.tsx', "{$this->app}/resources/js/app.tsx");
        unlink("{$this->app}/resources/js/app.js");

        return $this->app;
    }

    /** @return array{code: int, output: string} */
    private function install(): array
    {
        $result = Artisan::run($this->app, ['pogo:ws-install', '--no-interaction', '--without-npm']);
        $this->assertSame(0, $result['code'], $result['output']);

        return $result;
    }

    public function testTheReactKitsConfigureEchoCallIsPointedAtPogoOnceAndNoEchoScriptIsWritten(): void
    {
        $this->reactKitApp();

        $output = $this->install()['output'];

        $app = (string) file_get_contents("{$this->app}/resources/js/app.tsx");
        $this->assertSame(1, substr_count($app, self::CALL), $app);
        $this->assertSame(1, substr_count($app, "import { echoConfig } from '@pogo/echo';"), $app);
        $this->assertSame(1, substr_count($app, "import { configureEcho } from '@laravel/echo-react';"), $app);
        $this->assertStringNotContainsString("broadcaster: 'reverb'", $app, 'the reverb broadcaster would read VITE_REVERB_* keys this app does not have');
        // Imports stay above the code that uses them, the kit's own code is kept.
        $this->assertLessThan(strpos($app, self::CALL), strpos($app, "import { echoConfig } from '@pogo/echo';"));
        $this->assertStringContainsString('createRoot(root).render(<Feed />);', $app);
        $this->assertStringContainsString('resources/js/app.tsx', $output);
        foreach (['echo.js', 'echo.ts'] as $script) {
            $this->assertFileDoesNotExist("{$this->app}/resources/js/{$script}");
        }

        $again = $this->install()['output'];
        $this->assertSame($app, (string) file_get_contents("{$this->app}/resources/js/app.tsx"), 're-running the installer changed app.tsx');
        $this->assertMatchesRegularExpression('#resources/js/app\.tsx \.+ unchanged#', $again);
    }

    public function testAKitWithoutConfigureEchoGetsTheCallAfterItsImports(): void
    {
        $source = "import '../css/app.css';\n\nimport { createInertiaApp } from '@inertiajs/vue3';\nimport type { DefineComponent } from 'vue';\nimport {\n    createApp,\n    h,\n} from 'vue';\n\nconst appName = import.meta.env.VITE_APP_NAME || 'Laravel';\n";

        $edit = StarterKitEcho::configure($source, '@laravel/echo-vue', self::CALL);

        $this->assertSame('added', $edit['result']);
        $this->assertSame(
            "import '../css/app.css';\n\nimport { createInertiaApp } from '@inertiajs/vue3';\nimport type { DefineComponent } from 'vue';\nimport {\n    createApp,\n    h,\n} from 'vue';\n"
            . "import { configureEcho } from '@laravel/echo-vue';\nimport { echoConfig } from '@pogo/echo';\n\n" . self::CALL . "\n\nconst appName = import.meta.env.VITE_APP_NAME || 'Laravel';\n",
            $edit['source'],
        );
        $this->assertSame(['source' => $edit['source'], 'result' => 'present'], StarterKitEcho::configure($edit['source'], '@laravel/echo-vue', self::CALL));
    }

    public function testAFileWithoutImportsGetsThemAtTheTop(): void
    {
        $edit = StarterKitEcho::configure("createApp(App).mount('#app');\n", '@laravel/echo-vue', self::CALL);

        $this->assertSame("import { configureEcho } from '@laravel/echo-vue';\nimport { echoConfig } from '@pogo/echo';\n" . self::CALL . "\n\ncreateApp(App).mount('#app');\n", $edit['source']);
    }

    public function testAConfigureEchoCallWithOptionsOfTheAppsOwnIsLeftAlone(): void
    {
        $source = "import { configureEcho } from '@laravel/echo-react';\n\nconfigureEcho({\n    broadcaster: 'reverb',\n    authEndpoint: '/api/broadcasting/auth',\n});\n";

        $this->assertSame(['source' => $source, 'result' => 'custom'], StarterKitEcho::configure($source, '@laravel/echo-react', self::CALL));
    }

    public function testDetectionReadsPackageJsonAndFindsTheEntryScript(): void
    {
        $dir = sys_get_temp_dir() . '/pogo-detect-' . bin2hex(random_bytes(4));
        mkdir("{$dir}/js", 0777, true);

        try {
            file_put_contents("{$dir}/package.json", json_encode(['devDependencies' => ['vite' => '^7.0.0']]));
            $this->assertNull(StarterKitEcho::detect("{$dir}/package.json", "{$dir}/js"), 'a plain app gets resources/js/echo.*');

            file_put_contents("{$dir}/package.json", json_encode(['dependencies' => ['@laravel/echo-vue' => '^2.5.0', 'vue' => '^3.5.0']]));
            $this->assertSame(['package' => '@laravel/echo-vue', 'entry' => null], StarterKitEcho::detect("{$dir}/package.json", "{$dir}/js"));
            touch("{$dir}/js/app.ts");
            $this->assertSame(['package' => '@laravel/echo-vue', 'entry' => 'app.ts'], StarterKitEcho::detect("{$dir}/package.json", "{$dir}/js"));

            file_put_contents("{$dir}/package.json", json_encode(['devDependencies' => ['@laravel/echo-react' => '2.5.0']]));
            touch("{$dir}/js/app.jsx");
            $this->assertSame(['package' => '@laravel/echo-react', 'entry' => 'app.jsx'], StarterKitEcho::detect("{$dir}/package.json", "{$dir}/js"));
        } finally {
            exec('rm -rf ' . escapeshellarg($dir));
        }
    }
}
