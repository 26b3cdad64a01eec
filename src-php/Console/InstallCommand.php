<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Console;

use Illuminate\Console\Command;

use function Laravel\Prompts\confirm;

use Pogo\WebSocket\PogoServiceProvider;
use Pogo\WebSocket\Support\HostName;
use Pogo\WebSocket\Support\PhpSourceEditor;

use Symfony\Component\Process\ExecutableFinder;
use Symfony\Component\Process\Process;

/**
 * `php artisan pogo:ws-install`: everything between `composer require pogo/websocket` and a
 * working Echo. Safe to re-run: each step checks what is already there and changes nothing twice.
 */
class InstallCommand extends Command
{
    use InstallsOverReverb;
    use WritesEnvironment;

    protected $signature = 'pogo:ws-install
        {--force : Regenerate WS_APP_ID, WS_APP_KEY and WS_APP_SECRET and rewrite resources/js/echo.*}
        {--host= : Host Laravel and the browser use to reach the server (WS_HOST, default localhost)}
        {--port= : Port of the server (WS_PORT, default 6001)}
        {--scheme= : http or https (WS_SCHEME, default http)}
        {--without-npm : Do not install laravel-echo, pusher-js and @pogo/echo}
        {--reverb= : In an app set up for Reverb: "keep" its REVERB_* names (pogo:ws-start serves them) or "move" them to WS_* / VITE_POGO_*}';

    protected $description = 'Install Pogo WebSocket: .env keys, the pogo broadcasting connection, channel routes and Echo';

    public const NPM_PACKAGES = ['laravel-echo@^2.2.0', 'pusher-js@^8.4.0'];

    public function handle(): int
    {
        // Refused before anything is written, the Reverb move included.
        if ($this->option('host') !== null) {
            $this->assertHost((string) $this->option('host'));
        }
        $reverb = $this->reverbChoice();
        if ($reverb === 'keep') {
            $this->keepReverb();
            $npmOk = true;
        } else {
            if ($reverb === 'move') {
                $this->moveFromReverb();
            }
            $this->writeEnvironment();
            $this->configureBroadcasting();
            $this->enableChannelRoutes();
            $this->writeEcho($reverb === 'move');
            // The typed channel map, once; a failure here (an event that does not load...) must not stop the install.
            rescue(fn () => $this->call('pogo:ws-types'), fn () => $this->components->warn('Channel types were not generated: run php artisan pogo:ws-types'), false);

            $npmOk = $this->option('without-npm') ? true : $this->installNpmPackages();
        }

        $this->newLine();
        $this->components->info('Pogo WebSocket is installed. Next steps:');
        $this->components->bulletList([
            'Start the server:  php artisan pogo:ws-start',
            'Build the front end:  npm run dev',
            'Check the setup:  php artisan pogo:ws-doctor',
            'Type your channels again after changing events:  php artisan pogo:ws-types (in CI: --check)',
            'In production, keep the server running:  php artisan pogo:ws-supervisor (Supervisor or systemd)',
        ]);

        return $npmOk ? self::SUCCESS : self::FAILURE;
    }

    private function assertHost(string $host): void
    {
        if (! HostName::isValid($host)) {
            throw new \InvalidArgumentException('--host must be an IP address or a host name, not ' . json_encode($host, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE) . '.');
        }
    }

    private function configureBroadcasting(): void
    {
        $broadcasting = $this->laravel->configPath('broadcasting.php');
        if (! is_file($broadcasting)) {
            $this->callSilently('config:publish', ['name' => 'broadcasting']);
        }
        if (is_file($broadcasting)) {
            $editor = new PhpSourceEditor((string) file_get_contents($broadcasting));
            $result = $editor->ensureArrayEntry('connections', 'pogo', (string) file_get_contents(PogoServiceProvider::packagePath('stubs/broadcasting-connection.stub')));
            if ($result === 'added') {
                file_put_contents($broadcasting, $editor->source());
            }
            $this->report('config/broadcasting.php', $result, "add the 'pogo' connection of stubs/broadcasting-connection.stub to its 'connections' array");
        } else {
            $this->components->warn('config/broadcasting.php could not be published; the package provides the pogo connection itself.');
        }

        $this->publish('pogo-websocket-config', $this->laravel->configPath('pogo-websocket.php'), 'config/pogo-websocket.php', 'published');
    }

    private function enableChannelRoutes(): void
    {
        $this->publish('pogo-websocket-channels', $this->laravel->basePath('routes/channels.php'), 'routes/channels.php', 'created');

        $bootstrap = $this->laravel->bootstrapPath('app.php');
        if (! is_file($bootstrap)) {
            $this->components->warn('bootstrap/app.php not found: call Broadcast::routes() and require routes/channels.php yourself.');

            return;
        }
        $editor = new PhpSourceEditor((string) file_get_contents($bootstrap));
        $result = $editor->ensureNamedArgument('withRouting', 'channels', "__DIR__.'/../routes/channels.php'");
        if ($result === 'added') {
            file_put_contents($bootstrap, $editor->source());
        }
        $this->report('bootstrap/app.php', $result, "add channels: __DIR__.'/../routes/channels.php' to ->withRouting(...)");
    }

    /** @param bool $replaceReverb an echo script set up for Reverb is replaced (its VITE_REVERB_* keys are gone) */
    private function writeEcho(bool $replaceReverb = false): void
    {
        $js = $this->laravel->resourcePath('js');
        $starterKit = StarterKitEcho::detect($this->laravel->basePath('package.json'), $js);
        if ($starterKit !== null) {
            $this->configureStarterKitEcho($starterKit['package'], $starterKit['entry']);

            return;
        }
        $typescript = is_file($this->laravel->basePath('tsconfig.json')) || is_file("{$js}/app.ts") || is_file("{$js}/app.tsx");
        $extension = $typescript ? 'ts' : 'js';
        $echo = "{$js}/echo.{$extension}";
        $relative = "resources/js/echo.{$extension}";

        foreach (['js', 'ts'] as $other) {
            $reverbEcho = "{$js}/echo.{$other}";
            if ($replaceReverb && $other !== $extension && is_file($reverbEcho) && str_contains((string) file_get_contents($reverbEcho), "broadcaster: 'reverb'")) {
                // install:broadcasting wrote echo.js even in a TypeScript app: it would shadow echo.ts.
                unlink($reverbEcho);
                $this->components->twoColumnDetail("resources/js/echo.{$other}", '<fg=green>removed (Reverb\'s)</>');
            }
        }
        $isReverbs = $replaceReverb && is_file($echo) && str_contains((string) file_get_contents($echo), "broadcaster: 'reverb'");

        if (is_file($echo) && ! $this->option('force') && ! $isReverbs) {
            $this->components->twoColumnDetail($relative, 'unchanged');
        } else {
            $this->publish("pogo-websocket-echo-{$extension}", $echo, $relative, 'written', force: true);
        }

        // Load it from the app's entry point, the way install:broadcasting does.
        foreach (["bootstrap.{$extension}", "app.{$extension}", 'bootstrap.js', 'app.js', 'app.tsx', 'app.jsx'] as $entry) {
            $path = "{$js}/{$entry}";
            if (! is_file($path)) {
                continue;
            }
            $source = (string) file_get_contents($path);
            if (str_contains($source, "'./echo'") || str_contains($source, '"./echo"')) {
                $this->components->twoColumnDetail("resources/js/{$entry}", 'unchanged');
            } else {
                $import = (string) file_get_contents(PogoServiceProvider::packagePath('stubs/echo-import.stub'));
                file_put_contents($path, rtrim($source) . "\n\n" . $import);
                $this->components->twoColumnDetail("resources/js/{$entry}", '<fg=green>imports ./echo</>');
            }

            return;
        }
        $this->components->warn("No resources/js/bootstrap or app script found: import './echo' from your entry point.");
    }

    /** React and Vue starter kits: their configureEcho() call, in resources/js/app.tsx / app.ts, points at Pogo. */
    private function configureStarterKitEcho(string $package, ?string $entry): void
    {
        $call = trim((string) file_get_contents(PogoServiceProvider::packagePath('stubs/configure-echo.stub')));
        $manual = "import { configureEcho } from '{$package}' and { echoConfig } from '@pogo/echo', then call {$call}";
        if ($entry === null) {
            $this->components->warn("This app uses {$package} but has no resources/js entry script for it: {$manual}");

            return;
        }
        $path = $this->laravel->resourcePath("js/{$entry}");
        $edit = StarterKitEcho::configure((string) file_get_contents($path), $package, $call);
        if ($edit['result'] === 'custom') {
            $this->components->warn("resources/js/{$entry} calls configureEcho() with options of its own, left as they are: pass them through echoConfig({ env: import.meta.env, echo: { ... } }).");

            return;
        }
        if ($edit['result'] !== 'present') {
            file_put_contents($path, $edit['source']);
        }
        $this->components->twoColumnDetail("resources/js/{$entry}", match ($edit['result']) {
            'present' => 'unchanged',
            'replaced' => '<fg=green>configureEcho() now uses echoConfig()</>',
            default => '<fg=green>calls configureEcho(echoConfig())</>',
        });
    }

    /**
     * Publishes one of the package's tags with Laravel's vendor:publish (an existing file is kept
     * unless $force) and reports whether the file changed.
     */
    private function publish(string $tag, string $path, string $relative, string $done, bool $force = false): void
    {
        $before = is_file($path) ? file_get_contents($path) : null;
        if ($before === null || $force) {
            $this->callSilently('vendor:publish', ['--tag' => $tag, '--force' => $force]);
        }
        $after = is_file($path) ? file_get_contents($path) : null;
        if ($after === null) {
            $this->components->warn("{$relative} could not be published: run php artisan vendor:publish --tag={$tag}.");

            return;
        }
        $this->components->twoColumnDetail($relative, $after !== $before ? "<fg=green>{$done}</>" : 'unchanged');
    }

    private function installNpmPackages(): bool
    {
        if (! confirm('Install laravel-echo, pusher-js and @pogo/echo with npm now?', default: true)) {
            return true;
        }
        $npm = (new ExecutableFinder())->find('npm');
        if ($npm === null) {
            $this->components->error('npm was not found on PATH. Install Node.js, then run: npm install --save-dev ' . implode(' ', $this->npmPackages()));

            return false;
        }

        $process = new Process([$npm, 'install', '--save-dev', ...$this->npmPackages()], $this->laravel->basePath(), null, null, 600);
        $this->components->task('npm install --save-dev ' . implode(' ', $this->npmPackages()), function () use ($process) {
            $process->run();

            return $process->isSuccessful();
        });
        if (! $process->isSuccessful()) {
            $this->components->error('npm install failed: ' . trim($process->getErrorOutput() ?: $process->getOutput()));

            return false;
        }

        return true;
    }

    /** @return list<string> */
    private function npmPackages(): array
    {
        // @pogo/echo ships inside this Composer package, like Ziggy: install it from vendor/.
        $vendored = $this->laravel->basePath('vendor/pogo/websocket/src-ts');
        $path = is_dir($vendored) ? 'vendor/pogo/websocket/src-ts' : PogoServiceProvider::packagePath('src-ts');

        return [...self::NPM_PACKAGES, "@pogo/echo@file:{$path}"];
    }

    private function report(string $file, string $result, string $manualFix): void
    {
        match ($result) {
            'added' => $this->components->twoColumnDetail($file, '<fg=green>updated</>'),
            'present' => $this->components->twoColumnDetail($file, 'unchanged'),
            default => $this->components->warn("Could not edit {$file} automatically: {$manualFix}."),
        };
    }
}
