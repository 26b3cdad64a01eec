<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Support;

use RuntimeException;

/**
 * A real Laravel application from `composer create-project laravel/laravel:^12` with this
 * repository installed through a Composer path repository. Built once into
 * tests/.artifacts/laravel-skeleton; each test gets a fresh copy whose vendor/ links to it.
 */
final class LaravelSkeleton
{
    public const CONSTRAINT = 'laravel/laravel:^12';

    /** The skeleton to create; POGO_LARAVEL_SKELETON_VERSION=^11 tests the installer on Laravel 11. */
    public static function constraint(): string
    {
        $version = getenv('POGO_LARAVEL_SKELETON_VERSION');

        return $version ? "laravel/laravel:{$version}" : self::CONSTRAINT;
    }

    public static function repositoryRoot(): string
    {
        return dirname(__DIR__, 3);
    }

    public static function path(): string
    {
        return getenv('POGO_LARAVEL_SKELETON') ?: self::repositoryRoot() . '/tests/.artifacts/laravel-skeleton';
    }

    /** Builds the cached skeleton unless it is there (safe against concurrent builders). */
    public static function ensure(): string
    {
        $path = self::path();
        if (is_file("{$path}/.pogo-ready")) {
            return $path;
        }
        @mkdir(dirname($path), 0777, true);
        $lock = fopen("{$path}.lock", 'c');
        flock($lock, LOCK_EX);

        try {
            if (! is_file("{$path}/.pogo-ready")) {
                self::build($path);
            }
        } finally {
            flock($lock, LOCK_UN);
            fclose($lock);
        }

        return $path;
    }

    /**
     * A fresh application directory: everything copied except vendor/, which links to the skeleton's
     * (fast; Composer's class map then points at the skeleton's app/), or a full copy with $ownVendor.
     */
    public static function freshCopy(string $target, bool $ownVendor = false): string
    {
        $source = self::ensure();
        mkdir($target, 0777, true);
        foreach (scandir($source) as $entry) {
            if ($entry === '.' || $entry === '..') {
                continue;
            }
            $entry === 'vendor' && ! $ownVendor
                ? symlink("{$source}/vendor", "{$target}/vendor")
                : self::run(['cp', '-a', "{$source}/{$entry}", "{$target}/{$entry}"]);
        }

        return $target;
    }

    public static function remove(string $path): void
    {
        if ($path !== '' && is_dir($path)) {
            self::run(['rm', '-rf', $path]);
        }
    }

    private static function build(string $path): void
    {
        self::remove($path);
        $temp = $path . '.building';
        self::remove($temp);
        self::run(['composer', 'create-project', self::constraint(), $temp, '--no-install', '--no-scripts', '--no-interaction', '--quiet']);

        $composer = json_decode((string) file_get_contents("{$temp}/composer.json"));
        // These need PHP 8.3 and play no part in the tests.
        foreach (['laravel/pail', 'laravel/pint', 'laravel/sail'] as $package) {
            unset($composer->{'require-dev'}->{$package});
        }
        $composer->repositories = [['type' => 'path', 'url' => self::repositoryRoot(), 'options' => ['symlink' => true]]];
        $composer->require->{'pogo/websocket'} = '*@dev';
        // A Redis client Laravel knows: pogo:ws-doctor's Redis check PINGs through it.
        $composer->require->{'predis/predis'} = '^3.0';
        // `composer run dev` would start pail, which is gone.
        unset($composer->scripts->dev);
        file_put_contents("{$temp}/composer.json", json_encode($composer, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");

        self::run(['composer', 'install', '--no-interaction', '--no-progress', '--quiet'], $temp);
        copy("{$temp}/.env.example", "{$temp}/.env");
        self::run([PHP_BINARY, 'artisan', 'key:generate', '--no-interaction', '--quiet'], $temp);
        touch("{$temp}/database/database.sqlite");
        touch("{$temp}/.pogo-ready");
        rename($temp, $path);
    }

    /** @param list<string> $command */
    public static function run(array $command, ?string $cwd = null): string
    {
        $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, $cwd);
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        $code = proc_close($process);
        if ($code !== 0) {
            throw new RuntimeException(implode(' ', $command) . " failed ({$code}):\n{$out}\n{$err}");
        }

        return (string) $out;
    }
}
