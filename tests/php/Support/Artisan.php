<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Support;

/** Runs `php artisan ...` in an application directory as a separate process. */
final class Artisan
{
    /**
     * @param list<string> $arguments
     * @param array<string, string> $env
     * @return array{code: int, output: string}
     */
    public static function run(string $app, array $arguments, array $env = [], float $timeout = 120): array
    {
        $process = new \Symfony\Component\Process\Process([PHP_BINARY, 'artisan', ...$arguments], $app, $env + self::baseEnv(), null, $timeout);
        $process->run();

        return ['code' => (int) $process->getExitCode(), 'output' => $process->getOutput() . $process->getErrorOutput()];
    }

    /**
     * The parent's environment minus what would override the app's own .env (false removes a
     * variable in Symfony Process, which otherwise inherits the parent's whole environment).
     *
     * @return array<string, string|false>
     */
    public static function baseEnv(): array
    {
        $env = [];
        foreach (getenv() as $name => $value) {
            $ownedByDotEnv = str_starts_with($name, 'APP_') || str_starts_with($name, 'WS_') || str_starts_with($name, 'BROADCAST_') || str_starts_with($name, 'VITE_');
            $env[$name] = $ownedByDotEnv ? false : $value;
        }

        return $env;
    }
}
