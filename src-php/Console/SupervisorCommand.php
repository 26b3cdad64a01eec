<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Console;

use Illuminate\Console\Command;

use function Illuminate\Support\php_binary;

use Illuminate\Support\Str;

use Pogo\WebSocket\PogoServiceProvider;

/**
 * `php artisan pogo:ws-supervisor`: a Supervisor program and a systemd unit that keep `php artisan pogo:ws-start`
 * running. A command of its own rather than a pogo:ws-install option: it is run on the server that will host the
 * process (its PHP binary, path and user go into the files), while pogo:ws-install is run once where the code is
 * written, like queue workers, whose Supervisor setup is a deployment step too.
 */
class SupervisorCommand extends Command
{
    protected $signature = 'pogo:ws-supervisor
        {--output=deploy : Directory the two files are written to (relative to the app, or absolute)}
        {--name= : Program / unit name (default pogo-ws-<app name>)}
        {--user= : User the server runs as (default the user running this command)}
        {--php= : PHP binary (default the one running this command)}
        {--log= : Log file (default storage/logs/pogo-ws.log)}
        {--stop-wait=60 : Seconds a graceful stop may take before SIGKILL (stopwaitsecs / TimeoutStopSec)}
        {--force : Overwrite files that differ from what would be written}';

    protected $description = 'Write a Supervisor program and a systemd unit that keep pogo:ws-start running';

    public function handle(): int
    {
        $stopWait = (string) $this->option('stop-wait');
        if (! ctype_digit($stopWait) || (int) $stopWait < 15) {
            $this->components->error("--stop-wait must be a whole number of seconds, at least 15 (the server's shutdown takes up to 10 by default), not \"{$stopWait}\".");

            return self::FAILURE;
        }
        $name = (string) ($this->option('name') ?? 'pogo-ws-' . (Str::slug((string) config('app.name')) ?: 'app'));
        if (preg_match('/^[A-Za-z0-9_.-]+$/', $name) !== 1) {
            $this->components->error("--name may hold letters, digits, '.', '_' and '-' only, not \"{$name}\".");

            return self::FAILURE;
        }
        $user = (string) ($this->option('user') ?? $this->currentUser());
        if ($user === 'root') {
            $this->components->warn('The server would run as root: pass --user=www-data (or the user that owns the app).');
        }
        $path = $this->laravel->basePath();
        $php = (string) ($this->option('php') ?? php_binary());
        $log = (string) ($this->option('log') ?? $this->laravel->storagePath('logs/pogo-ws.log'));
        $output = (string) $this->option('output');
        $directory = str_starts_with($output, '/') ? $output : $this->laravel->basePath($output);

        $values = [
            'app' => (string) config('app.name'),
            'name' => $name,
            'user' => $user,
            'path' => $path,
            'command' => $this->quote($php) . ' ' . $this->quote("{$path}/artisan") . ' pogo:ws-start',
            'log' => $log,
            'stop_wait' => $stopWait,
        ];
        $failed = false;
        foreach (["{$name}.conf" => 'stubs/supervisor.conf.stub', "{$name}.service" => 'stubs/systemd.service.stub'] as $file => $stub) {
            $failed = ! $this->write("{$directory}/{$file}", $stub, $values) || $failed;
        }

        $relative = fn (string $file) => Str::after("{$directory}/{$file}", "{$path}/");
        $this->newLine();
        $this->components->info('Install one of them on this server:');
        $this->components->bulletList([
            "Supervisor:  sudo cp {$relative("{$name}.conf")} /etc/supervisor/conf.d/ && sudo supervisorctl reread && sudo supervisorctl update",
            "systemd:  sudo cp {$relative("{$name}.service")} /etc/systemd/system/ && sudo systemctl daemon-reload && sudo systemctl enable --now {$name}",
        ]);

        return $failed ? self::FAILURE : self::SUCCESS;
    }

    /** @param array<string, string> $values */
    private function write(string $target, string $stub, array $values): bool
    {
        $replacements = $values + ['file' => $target];
        $contents = str_replace(
            array_map(fn (string $key) => "{{ {$key} }}", array_keys($replacements)),
            array_values($replacements),
            (string) file_get_contents(PogoServiceProvider::packagePath($stub)),
        );
        $relative = Str::after($target, $this->laravel->basePath() . '/');
        $before = is_file($target) ? file_get_contents($target) : null;
        if ($before === $contents) {
            $this->components->twoColumnDetail($relative, 'unchanged');

            return true;
        }
        if ($before !== null && ! $this->option('force')) {
            $this->components->warn("{$relative} exists and differs from what would be written: pass --force to replace it.");

            return false;
        }
        if (! is_dir(dirname($target)) && ! mkdir(dirname($target), 0755, true) && ! is_dir(dirname($target))) {
            $this->components->error('Could not create ' . dirname($target) . '.');

            return false;
        }
        file_put_contents($target, $contents);
        $this->components->twoColumnDetail($relative, '<fg=green>written</>');

        return true;
    }

    private function currentUser(): string
    {
        if (function_exists('posix_geteuid') && function_exists('posix_getpwuid')) {
            $entry = posix_getpwuid(posix_geteuid());
            if (is_array($entry)) {
                return $entry['name'];
            }
        }

        return get_current_user();
    }

    /** Supervisor splits `command` like a shell and systemd splits ExecStart alike: quote what holds a space. */
    private function quote(string $word): string
    {
        return preg_match('/[\s"\'\\\\]/', $word) === 1 ? '"' . addcslashes($word, '"\\') . '"' : $word;
    }
}
