<?php

// Broadcasts per second from a real Laravel app, the way an app sends them:
// `Broadcast::on('perf')->via($driver)->as('E')->with([...])->sendNow()`, through `pogo` and through
// Laravel's own `pusher` driver, interleaved rounds against one server; the ratio is each round's,
// and the median of those is the figure to quote.
//
//   php tests/php/bench-laravel-app.php /path/to/laravel-app [COUNT=1000] [ROUNDS=5]
//
// The app needs pogo/websocket and pusher/pusher-php-server installed (composer require); its .env
// is not read for these drivers: both are pointed at server/dist/pogo-ws.cjs started on a free port.

declare(strict_types=1);

use Illuminate\Support\Facades\Broadcast;

require __DIR__ . '/bench/server-and-app.php';

$appPath = benchLaravelAppPath($argv, 'php tests/php/bench-laravel-app.php /path/to/laravel-app [COUNT] [ROUNDS]');
$count = max(100, (int) ($argv[2] ?? 1000));
$rounds = max(1, (int) ($argv[3] ?? 5));

$server = startBenchServer('perf');
bootBenchLaravelApp($appPath, $server, 'perf');

$send = static fn (string $driver, int $i) => Broadcast::on('perf')->via($driver)->as('E')->with(['order' => $i, 'status' => 'shipped'])->sendNow();
$rates = ['pogo' => [], 'pusher' => []];
$ratios = [];

try {
    foreach (array_keys($rates) as $driver) {
        for ($i = 0; $i < 200; $i++) {
            $send($driver, $i);
        }
    }
    for ($round = 0; $round < $rounds; $round++) {
        // Each round runs both drivers back to back, first one then the other in turn, and its
        // ratio is taken within the round: the machine's load drifts less within a round than across.
        $order = $round % 2 === 0 ? ['pogo', 'pusher'] : ['pusher', 'pogo'];
        $rate = [];
        foreach ($order as $driver) {
            $started = hrtime(true);
            for ($i = 0; $i < $count; $i++) {
                $send($driver, $i);
            }
            $rate[$driver] = $count / ((hrtime(true) - $started) / 1e9);
            $rates[$driver][] = $rate[$driver];
        }
        $ratios[] = $rate['pogo'] / $rate['pusher'];
    }
} finally {
    $server->stop();
}

$median = static function (array $values): float {
    sort($values);

    return $values[intdiv(count($values), 2)];
};
foreach ($rates as $driver => $values) {
    printf("%-7s median %5.0f sendNow()/s (rounds: %s)\n", $driver, $median($values), implode(', ', array_map(fn ($v) => round($v), $values)));
}
printf("pogo / pusher: median %.2fx of the rounds' ratios (%s)\n", $median($ratios), implode(', ', array_map(fn ($r) => sprintf('%.2f', $r), $ratios)));
