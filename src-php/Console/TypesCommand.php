<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Console;

use Illuminate\Console\Command;
use Illuminate\Support\Str;
use Pogo\WebSocket\Types\ChannelTypesGenerator;
use Pogo\WebSocket\Types\LineDiff;

/**
 * `php artisan pogo:ws-types`: writes resources/js/types/pogo-channels.d.ts, the `PogoChannels` map of
 * `@pogo/echo`, from routes/channels.php and the app's broadcast events and notifications. `--check` only
 * compares (for CI): it fails with a diff when the file is missing or stale.
 */
class TypesCommand extends Command
{
    protected $signature = 'pogo:ws-types
        {--check : Do not write; exit 1 with a diff when the file is not what the app generates}
        {--path= : Where to write the file, relative to the app (default resources/js/types/pogo-channels.d.ts)}';

    protected $description = 'Generate the TypeScript channel map of @pogo/echo from the app\'s channels, events and notifications';

    public function handle(): int
    {
        $relative = (string) ($this->option('path') ?: ChannelTypesGenerator::OUTPUT);
        $path = $this->laravel->basePath($relative);
        $userModel = (string) ($this->laravel->make('config')->get('auth.providers.users.model') ?: 'App\\Models\\User');

        $generator = new ChannelTypesGenerator($this->laravel->basePath(), $userModel);
        $generated = $generator->generate();
        $current = is_file($path) ? (string) file_get_contents($path) : null;
        $summary = implode(', ', [
            $generator->channelCount . ' ' . Str::plural('channel', $generator->channelCount),
            $generator->eventCount . ' ' . Str::plural('event', $generator->eventCount),
            $generator->notificationCount . ' ' . Str::plural('notification', $generator->notificationCount),
        ]);

        foreach ($generator->warnings as $warning) {
            $this->components->warn($warning);
        }

        if ($this->option('check')) {
            if ($current === $generated) {
                $this->components->info("{$relative} is up to date ({$summary}).");

                return self::SUCCESS;
            }
            if ($current === null) {
                $this->components->error("{$relative} does not exist. Run: php artisan pogo:ws-types");

                return self::FAILURE;
            }
            $this->components->error("{$relative} is stale: the app's channels or events changed. Run: php artisan pogo:ws-types");
            $this->line('--- ' . $relative);
            $this->line('+++ generated now');
            $this->line(LineDiff::render($current, $generated));

            return self::FAILURE;
        }

        if ($current === $generated) {
            $this->components->twoColumnDetail($relative, "unchanged ({$summary})");

            return self::SUCCESS;
        }
        if (! is_dir(dirname($path)) && ! @mkdir(dirname($path), 0755, true) && ! is_dir(dirname($path))) {
            $this->components->error('Cannot create ' . dirname($relative) . '.');

            return self::FAILURE;
        }
        file_put_contents($path, $generated);
        $this->components->twoColumnDetail($relative, "<fg=green>written</> ({$summary})");

        return self::SUCCESS;
    }
}
