<?php

// Broadcasts per second from ONE PHP process through the `pogo` driver to the real server.
//
//   php tests/php/bench-broadcast.php [COUNT=1000] [ROUNDS=5] [--compare-pusher=/path/to/vendor/autoload.php]
//
// Starts server/dist/pogo-ws.cjs on a free local port, then publishes COUNT events one after
// another per round (each a signed POST /apps/{id}/events, as Laravel does per broadcast event) and
// prints the median rate. With --compare-pusher (an autoloader that has pusher/pusher-php-server),
// Laravel's own PusherBroadcaster runs interleaved against the same server, so machine load hits both alike.

declare(strict_types=1);

use Illuminate\Broadcasting\Broadcasters\Broadcaster;
use Illuminate\Broadcasting\Broadcasters\PusherBroadcaster;
use Illuminate\Config\Repository;
use Illuminate\Container\Container;
use Pogo\WebSocket\Broadcasting\PogoBroadcasterFactory;
use Pogo\WebSocket\PogoServiceProvider;

require dirname(__DIR__, 2) . '/vendor/autoload.php';
require __DIR__ . '/bench/server-and-app.php';

$positional = array_values(array_filter(array_slice($argv, 1), fn ($a) => ! str_starts_with($a, '--')));
$count = max(100, (int) ($positional[0] ?? 1000));
$rounds = max(1, (int) ($positional[1] ?? 5));
$pusherAutoload = null;
foreach ($argv as $arg) {
    if (str_starts_with($arg, '--compare-pusher=')) {
        $pusherAutoload = substr($arg, strlen('--compare-pusher='));
    }
}

$server = startBenchServer('bench');
$port = $server->port;

// The package's bindings as the service provider registers them (its HTTP client included).
$container = new Container();
$container->instance(Illuminate\Contracts\Container\Container::class, $container);
$container->instance('config', new Repository([]));
(new PogoServiceProvider($container))->register();

/** @var array<string, Broadcaster> $drivers */
$drivers = ['pogo' => $container->make(PogoBroadcasterFactory::class)->make([
    'app_id' => 'bench', 'key' => 'bench-key', 'secret' => 'bench-secret',
    'options' => ['host' => '127.0.0.1', 'port' => $port, 'scheme' => 'http'],
])];
if ($pusherAutoload !== null) {
    require $pusherAutoload;
    // As Laravel's BroadcastManager builds the `pusher` driver.
    $drivers['pusher (Laravel)'] = new PusherBroadcaster(new Pusher\Pusher('bench-key', 'bench-secret', 'bench', [
        'host' => '127.0.0.1', 'port' => $port, 'scheme' => 'http', 'useTLS' => false,
    ]));
}

$payload = ['order' => ['id' => 1234, 'status' => 'shipped', 'items' => [1, 2, 3]], 'socket' => null];
$rates = array_fill_keys(array_keys($drivers), []);

try {
    foreach ($drivers as $driver) {
        for ($i = 0; $i < 200; $i++) {
            $driver->broadcast(['orders'], 'order.shipped', $payload);
        }
    }
    for ($round = 0; $round < $rounds; $round++) {
        foreach ($drivers as $name => $driver) {
            $started = hrtime(true);
            for ($i = 0; $i < $count; $i++) {
                $driver->broadcast(['orders'], 'order.shipped', $payload);
            }
            $rates[$name][] = $count / ((hrtime(true) - $started) / 1e9);
        }
    }
} finally {
    $server->stop();
}

foreach ($rates as $name => $values) {
    sort($values);
    $median = $values[intdiv(count($values), 2)];
    printf("%-18s median %5.0f broadcasts/s (%.0f µs each; rounds: %s)\n", $name, $median, 1e6 / $median, implode(', ', array_map(fn ($v) => round($v), $values)));
}
