<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Console;

use Illuminate\Console\Command;
use Pogo\WebSocket\Broadcasting\InvalidConnectionConfig;
use Pogo\WebSocket\PogoServiceProvider;
use Pogo\WebSocket\Server\ConfiguredApps;
use Pogo\WebSocket\Server\ServerConfigBuilder;
use Pogo\WebSocket\Support\HostName;
use Pogo\WebSocket\Support\SecretMask;
use Symfony\Component\Process\ExecutableFinder;
use Symfony\Component\Process\Process;

/**
 * `php artisan pogo:ws-start`: runs the Node.js server shipped in this package with the app's own
 * configuration, passes SIGTERM/SIGINT on for a clean shutdown and exits with the server's code (0 after
 * pogo:ws-restart, for its supervisor to start it again). SIGHUP rebuilds the configuration from .env and
 * config/ in a fresh artisan process and has the server reload it (apps, secrets, the TLS certificate).
 */
class StartCommand extends Command
{
    protected $signature = 'pogo:ws-start
        {--host= : Address to bind (default WS_SERVER_HOST, REVERB_SERVER_HOST when serving a Reverb app, or 0.0.0.0)}
        {--port= : Port to bind (default WS_SERVER_PORT or 6001; REVERB_SERVER_PORT, else REVERB_PORT, when serving a Reverb app)}
        {--workers= : Server processes sharing the port (a number or "auto")}
        {--print-config : Print the generated server configuration (secrets masked) and exit}
        {--write-config= : Write the server configuration to this file (mode 0600) and exit; what SIGHUP runs}';

    protected $description = 'Start the Pogo WebSocket server with this application\'s configuration';

    public function handle(ServerConfigBuilder $builder, ConfiguredApps $apps): int
    {
        $port = $this->option('port');
        if ($port !== null && (! ctype_digit((string) $port) || (int) $port > 65535)) {
            $this->components->error("--port must be a TCP port (0-65535), not \"{$port}\".");

            return self::FAILURE;
        }
        $host = $this->option('host');
        if ($host !== null && ! HostName::isValid((string) $host)) {
            $this->components->error("--host must be an IP address or a host name, not \"{$host}\".");

            return self::FAILURE;
        }

        try {
            $config = $builder->build($host, $port === null ? null : (int) $port);
        } catch (InvalidConnectionConfig $e) {
            foreach ($e->problems as $problem) {
                $this->components->error("{$problem->problem}: {$problem->fix}.");
            }

            return self::FAILURE;
        } catch (\InvalidArgumentException $e) {
            $this->components->error($e->getMessage());

            return self::FAILURE;
        }

        if (($target = $this->option('write-config')) !== null) {
            $this->writeConfigFile((string) $target, $config);

            return self::SUCCESS;
        }

        if ($this->option('print-config')) {
            $this->line(json_encode(SecretMask::serverConfig($config), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR));

            return self::SUCCESS;
        }

        $served = $apps->served();
        $this->components->info(sprintf('Serving the %s broadcasting connection (app %s) on %s:%d.', $served->name, $config['apps'][0]['id'], $config['host'], $config['port']));
        if (($reverb = $builder->reverbSettings()) !== null) {
            $limits = $reverb->limits();
            $honoured = array_map(fn (string $limit, int $value) => "{$limit}={$value}", array_keys($limits), $limits);
            if ($reverb->redisUrl() !== null && ! isset(((array) $this->laravel->make('config')->get(PogoServiceProvider::CONFIG . '.server.redis'))['url'])) {
                $honoured[] = 'Redis scaling (REVERB_SCALING_ENABLED)';
            }
            if ($honoured !== []) {
                $this->components->twoColumnDetail('Reverb settings taken over', implode(', ', $honoured));
            }
            if (($ignored = $reverb->ignored()) !== []) {
                $this->components->twoColumnDetail('Reverb settings ignored', implode(', ', $ignored));
            }
        }

        $node = $this->findNode();
        if ($node === null) {
            $this->components->error(sprintf(
                'Node.js was not found (looked for [%s]). Install Node.js 20 or newer, or set WS_NODE_BINARY to its path.',
                $this->nodeSetting(),
            ));

            return self::FAILURE;
        }

        $bundle = (string) ($this->laravel->make('config')->get(PogoServiceProvider::CONFIG . '.server.bundle') ?: PogoServiceProvider::packagePath('server/dist/pogo-ws.cjs'));
        if (! is_file($bundle)) {
            $this->components->error("The Pogo WebSocket server bundle is missing at [{$bundle}]. Reinstall the package (composer reinstall pogo/websocket) or set WS_SERVER_BUNDLE.");

            return self::FAILURE;
        }

        $configFile = $this->writeConfig($config);
        $dotEnv = $this->variablesFromDotEnv();
        $command = [$node, $bundle, 'start', '--config', $configFile];
        if ($this->option('workers') !== null) {
            $command = [...$command, '--workers', (string) $this->option('workers')];
        }

        $process = new Process($command, $this->laravel->basePath(), null, null, null);
        $process->start(function (string $type, string $output): void {
            $type === Process::ERR ? $this->output->getErrorStyle()->write($output) : $this->output->write($output);
        });

        // Plain pcntl rather than $this->trap(): Laravel disables trap() under APP_ENV=testing,
        // and a server left running after its artisan parent died would keep the port.
        // SIGTERM and SIGINT are passed on as SIGTERM: Ctrl+C also reaches the server itself (same process
        // group), and the server stops cleanly on SIGINT then SIGTERM, where a second SIGINT would kill it.
        $forwarding = function_exists('pcntl_signal');
        $reload = false;
        if ($forwarding) {
            pcntl_async_signals(true);
            foreach ([SIGTERM, SIGINT] as $signal) {
                pcntl_signal($signal, function () use ($process): void {
                    if ($process->isRunning()) {
                        $process->signal(SIGTERM);
                    }
                });
            }
            pcntl_signal(SIGHUP, function () use (&$reload): void {
                $reload = true;
            });
        }

        try {
            if ($forwarding) {
                // Polled, so a SIGHUP's rebuild runs here rather than inside the signal handler.
                while ($process->isRunning()) {
                    if ($reload) {
                        $reload = false;
                        $this->reload($process, $configFile, $dotEnv);
                    }
                    usleep(50_000);
                }
            }
            $code = $process->wait();
        } finally {
            @unlink($configFile);
            if ($forwarding) {
                foreach ([SIGTERM, SIGINT, SIGHUP] as $signal) {
                    pcntl_signal($signal, SIG_DFL);
                }
            }
        }

        // A server stopped by a forwarded signal that exits 0 has shut down cleanly.
        return $process->hasBeenSignaled() ? 128 + (int) $process->getTermSignal() : (int) $code;
    }

    /**
     * SIGHUP: the configuration built again by a fresh artisan process (this one's config was loaded at start),
     * written over the server's file, then SIGHUP to the server, which applies what may change without a restart.
     */
    /** @param array<string, false> $dotEnv */
    private function reload(Process $server, string $configFile, array $dotEnv): void
    {
        $rebuild = new Process(
            [PHP_BINARY, 'artisan', 'pogo:ws-start', '--write-config=' . $configFile, ...$this->bindOptions()],
            $this->laravel->basePath(),
            $dotEnv,
            null,
            60,
        );
        $rebuild->run();
        if (! $rebuild->isSuccessful()) {
            $why = preg_replace('/\s+/', ' ', trim($rebuild->getOutput() . ' ' . $rebuild->getErrorOutput())) ?: 'exit code ' . $rebuild->getExitCode();
            $this->output->getErrorStyle()->writeln("SIGHUP: the configuration was not rebuilt, the server keeps the running one: {$why}");

            return;
        }
        $this->line('SIGHUP: configuration rebuilt from .env and config/; the server reloads it');
        if ($server->isRunning()) {
            $server->signal(SIGHUP);
        }
    }

    /** @return list<string> --host and --port as this command got them, so a rebuild binds the same. */
    private function bindOptions(): array
    {
        return array_values(array_filter([
            $this->option('host') !== null ? '--host=' . $this->option('host') : null,
            $this->option('port') !== null ? '--port=' . $this->option('port') : null,
        ]));
    }

    /**
     * The variables Laravel loaded from .env at start (their value is the file's), each mapped to false, which
     * unsets it in a child Process: phpdotenv never overrides a set variable, so a rebuild would otherwise read
     * the old values rather than the file's. A variable the environment itself sets (a supervisor's) stays.
     *
     * @return array<string, false>
     */
    private function variablesFromDotEnv(): array
    {
        $file = $this->laravel->environmentFilePath();

        try {
            $loaded = is_file($file) ? \Dotenv\Dotenv::parse((string) file_get_contents($file)) : [];
        } catch (\Throwable) {
            $loaded = [];
        }
        $env = [];
        foreach ($loaded as $name => $value) {
            $current = $_SERVER[$name] ?? getenv($name);
            if ($current === $value) {
                $env[$name] = false;
            }
        }

        return $env;
    }

    /** @param array<string, mixed> $config */
    private function writeConfigFile(string $file, array $config): void
    {
        // It holds the app secrets: readable by this user only, and replaced in one step (the server may be reading it).
        $temporary = $file . '.' . getmypid() . '.tmp';
        touch($temporary);
        chmod($temporary, 0600);
        file_put_contents($temporary, json_encode($config, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR));
        rename($temporary, $file);
    }

    private function nodeSetting(): string
    {
        return (string) ($this->laravel->make('config')->get(PogoServiceProvider::CONFIG . '.server.node') ?: 'node');
    }

    private function findNode(): ?string
    {
        $node = $this->nodeSetting();
        if (str_contains($node, '/')) {
            return is_file($node) && is_executable($node) ? $node : null;
        }

        return (new ExecutableFinder())->find($node);
    }

    /** @param array<string, mixed> $config */
    private function writeConfig(array $config): string
    {
        $directory = $this->laravel->storagePath('framework');
        @mkdir($directory, 0755, true);
        $file = $directory . '/pogo-websocket-' . getmypid() . '.json';
        $this->writeConfigFile($file, $config);

        return $file;
    }
}
