<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Console;

use Illuminate\Support\Env;
use Illuminate\Support\Str;

use function Laravel\Prompts\text;

use Pogo\WebSocket\Support\EnvFile;

/**
 * pogo:ws-install's .env and .env.example keys. Plain values are written with Laravel's own
 * Env::writeVariables (Laravel 12+). The package's EnvFile does what Laravel's writer lacks: reading
 * values back (quotes, trailing comments), ${...} references placed after the keys they name,
 * .env.example placeholders that never carry a secret, removal (ReverbEnvMove), and the whole write
 * on Laravel 11 (newlines escaped, a trailing comment kept).
 */
trait WritesEnvironment
{
    private function writeEnvironment(): void
    {
        $envPath = $this->laravel->basePath('.env');
        if (! is_file($envPath) && is_file($this->laravel->basePath('.env.example'))) {
            copy($this->laravel->basePath('.env.example'), $envPath); // as Laravel's own post-create-project script does
        }

        $env = EnvFile::load($envPath);
        $force = (bool) $this->option('force');

        $host = $this->option('host') ?? ($env->get('WS_HOST') ?: text('Host Laravel and the browser use to reach the server', default: 'localhost'));
        $port = $this->option('port') ?? ($env->get('WS_PORT') ?: text('Port of the server', default: '6001'));
        $scheme = $this->option('scheme') ?? ($env->get('WS_SCHEME') ?: 'http');

        $this->assertHost((string) $host);
        if (! ctype_digit((string) $port) || (int) $port < 1 || (int) $port > 65535) {
            throw new \InvalidArgumentException("--port must be a TCP port (1-65535), not [{$port}].");
        }
        if (! in_array($scheme, ['http', 'https'], true)) {
            throw new \InvalidArgumentException("--scheme must be http or https, not [{$scheme}].");
        }

        $credentials = [
            'WS_APP_ID' => (string) random_int(100_000, 999_999),
            'WS_APP_KEY' => Str::lower(Str::random(20)),
            'WS_APP_SECRET' => Str::lower(Str::random(32)),
        ];
        $set = ['BROADCAST_CONNECTION' => 'pogo', 'WS_HOST' => (string) $host, 'WS_PORT' => (string) $port, 'WS_SCHEME' => (string) $scheme];
        $references = ['VITE_POGO_APP_KEY' => '${WS_APP_KEY}', 'VITE_POGO_HOST' => '${WS_HOST}', 'VITE_POGO_PORT' => '${WS_PORT}', 'VITE_POGO_SCHEME' => '${WS_SCHEME}'];

        // Credentials are kept unless --force; the rest is written only where its value differs, so an
        // unchanged line (and its comment) stays as it is.
        $writes = array_filter($credentials, fn (string $value, string $key) => $force || ! $env->filled($key), ARRAY_FILTER_USE_BOTH)
            + array_filter($set, fn (string $value, string $key) => $env->get($key) !== $value, ARRAY_FILTER_USE_BOTH)
            + array_filter($references, fn (string $value, string $key) => ! $env->filled($key), ARRAY_FILTER_USE_BOTH);
        $this->writeVariables($envPath, $writes);
        $tls = $this->offerTlsKeys($envPath);
        $fallback = $this->offerFallbackKey($envPath);
        $this->components->twoColumnDetail('.env', $writes !== [] || $tls || $fallback ? '<fg=green>updated</>' : 'unchanged');

        // Teammates cloning the app see which keys to fill in; secrets stay out of .env.example.
        $examplePath = $this->laravel->basePath('.env.example');
        if (is_file($examplePath)) {
            $example = EnvFile::load($examplePath);
            $example->set('BROADCAST_CONNECTION', 'pogo');
            foreach (['WS_APP_ID', 'WS_APP_KEY', 'WS_APP_SECRET'] as $key) {
                if ($example->get($key) === null) {
                    $example->set($key, '');
                }
            }
            foreach (['WS_HOST' => 'localhost', 'WS_PORT' => '6001', 'WS_SCHEME' => 'http', 'VITE_POGO_APP_KEY' => '${WS_APP_KEY}', 'VITE_POGO_HOST' => '${WS_HOST}', 'VITE_POGO_PORT' => '${WS_PORT}', 'VITE_POGO_SCHEME' => '${WS_SCHEME}'] as $key => $value) {
                $example->setIfEmpty($key, $value);
            }
            $example->save();
        }
    }

    /**
     * The server's own TLS keys, commented out (most apps end TLS in a proxy): there to uncomment when the
     * server serves wss:// itself. Written once; a file that names them already, set or not, is left alone.
     */
    private function offerTlsKeys(string $path): bool
    {
        $contents = (string) file_get_contents($path);
        if (preg_match('/^[#\s]*WS_TLS_CERT\s*=/m', $contents) === 1) {
            return false;
        }
        $block = "# TLS on the Pogo WebSocket server itself (wss:// and https:// on WS_SERVER_PORT; SIGHUP reloads the files).\n"
            . "# WS_TLS_CERT=/etc/letsencrypt/live/ws.example.com/fullchain.pem\n"
            . "# WS_TLS_KEY=/etc/letsencrypt/live/ws.example.com/privkey.pem\n"
            . "# WS_TLS_CA=\n"
            . "# WS_TLS_PASSPHRASE=\n";
        file_put_contents($path, rtrim($contents, "\n") . "\n\n" . $block);

        return true;
    }

    /**
     * The Echo preset's switch for pusher-js's HTTP fallback transports, commented out (off by default): there to
     * uncomment where WebSockets are blocked. Written once; a file that names it already, set or not, is left alone.
     */
    private function offerFallbackKey(string $path): bool
    {
        $contents = (string) file_get_contents($path);
        if (preg_match('/^[#\s]*VITE_POGO_FALLBACK\s*=/m', $contents) === 1) {
            return false;
        }
        $block = "# Where a WebSocket cannot be opened (a proxy or network that blocks it), let browsers fall back to\n"
            . "# HTTP streaming and polling on the same server (rebuild the front end after changing it).\n"
            . "# VITE_POGO_FALLBACK=true\n";
        file_put_contents($path, rtrim($contents, "\n") . "\n\n" . $block);

        return true;
    }

    /** @param array<string, string> $variables */
    private function writeVariables(string $path, array $variables): void
    {
        $env = EnvFile::load($path);
        $contents = (string) file_get_contents($path);
        // Laravel's writer finds a key only as a line starting `KEY=`; `export KEY=` or `KEY =` would get a second line.
        $laravelFinds = fn (string $key): bool => $env->get($key) === null || preg_match('/^' . preg_quote($key, '/') . '=/m', $contents) === 1;
        $plain = array_filter($variables, fn (string $value, string $key) => ! str_contains($value, '${') && $laravelFinds($key), ARRAY_FILTER_USE_BOTH);

        // @phpstan-ignore function.alreadyNarrowedType (analysed against Laravel 12; Laravel 11 has no writeVariables)
        if ($plain !== [] && method_exists(Env::class, 'writeVariables')) {
            // Laravel 12+: a new key lands after the last key of its prefix, as Laravel's own installers place them.
            Env::writeVariables($plain, $path, true);
            $env = EnvFile::load($path);
            $variables = array_diff_key($variables, $plain);
        }

        // The rest through EnvFile, which appends: a ${WS_*} reference must come after the key it names, where
        // Laravel's writer would put VITE_POGO_* after VITE_APP_NAME, above the WS_* keys, and phpdotenv would not expand it.
        foreach ($variables as $key => $value) {
            $env->set($key, $value);
        }
        $env->save();
    }
}
