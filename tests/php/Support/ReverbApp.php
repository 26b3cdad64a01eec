<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Support;

/**
 * A Laravel application set up for Reverb the way `php artisan install:broadcasting --reverb` leaves
 * it: Laravel's own install:broadcasting (config/broadcasting.php, routes/channels.php, the reverb
 * echo.js stub, BROADCAST_CONNECTION=reverb), then the .env keys laravel/reverb's `reverb:install`
 * appends (laravel/reverb is not on this machine's Packagist copy, so they are written here as it
 * writes them) and the Pusher PHP SDK it depends on, which Laravel's `reverb` driver uses.
 */
final class ReverbApp
{
    /** @return array{id: string, key: string, secret: string} */
    public static function configure(string $app, int $port, bool $withPusherSdk): array
    {
        LaravelSkeleton::run([PHP_BINARY, 'artisan', 'install:broadcasting', '--reverb', '--without-reverb', '--without-node', '--no-interaction'], $app);

        $credentials = ['id' => (string) random_int(100_000, 999_999), 'key' => strtolower(bin2hex(random_bytes(10))), 'secret' => strtolower(bin2hex(random_bytes(10)))];
        // reverb:install's block, in its order and quoting; the port is the one this test may bind.
        $block = implode(PHP_EOL, [
            "REVERB_APP_ID={$credentials['id']}",
            "REVERB_APP_KEY={$credentials['key']}",
            "REVERB_APP_SECRET={$credentials['secret']}",
            'REVERB_HOST="localhost"',
            "REVERB_PORT={$port}",
            'REVERB_SCHEME=http',
            '',
            'VITE_REVERB_APP_KEY="${REVERB_APP_KEY}"',
            'VITE_REVERB_HOST="${REVERB_HOST}"',
            'VITE_REVERB_PORT="${REVERB_PORT}"',
            'VITE_REVERB_SCHEME="${REVERB_SCHEME}"',
        ]);
        $env = (string) file_get_contents("{$app}/.env");
        file_put_contents("{$app}/.env", $env . (str_ends_with($env, PHP_EOL) ? PHP_EOL : PHP_EOL . PHP_EOL) . $block . PHP_EOL);

        if ($withPusherSdk) {
            LaravelSkeleton::run(['composer', 'require', 'pusher/pusher-php-server:^7.2', '--no-interaction', '--no-progress', '--quiet'], $app);
        }

        return $credentials;
    }
}
