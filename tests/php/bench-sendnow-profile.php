<?php

// Where the microseconds of one `Broadcast::on('perf')->as('E')->with([...])->sendNow()` go, in a
// real Laravel app, through `pogo` and through Laravel's own `pusher` driver: each layer is timed
// alone (wall clock, median of interleaved rounds), so the differences between rows are the cost
// of the layer in between.
//
//   php tests/php/bench-sendnow-profile.php /path/to/laravel-app [COUNT=500] [ROUNDS=7]
//
// The app needs pogo/websocket and pusher/pusher-php-server installed, as for bench-laravel-app.php;
// both drivers are pointed at server/dist/pogo-ws.cjs started on a free port.

declare(strict_types=1);

use Illuminate\Support\Facades\Broadcast;
use Pogo\WebSocket\Http\Signer;
use Pogo\WebSocket\Http\Transport;

require __DIR__ . '/bench/server-and-app.php';

$appPath = benchLaravelAppPath($argv, 'php tests/php/bench-sendnow-profile.php /path/to/laravel-app [COUNT] [ROUNDS]');
$count = max(50, (int) ($argv[2] ?? 500));
$rounds = max(3, (int) ($argv[3] ?? 7));

$server = startBenchServer('perf');
$port = $server->port;
$app = bootBenchLaravelApp($appPath, $server, 'perf');

$pogo = Broadcast::connection('pogo');
$client = $pogo->client();
$signer = $client->signer();
$transport = $app->make(Transport::class);
$path = '/apps/perf/events';
$data = ['order' => 1, 'status' => 'shipped'];
$body = '{"name":"E","channels":["perf"],"data":"{\"order\":1,\"status\":\"shipped\"}"}';
$url = static fn () => "http://127.0.0.1:{$port}{$path}?" . Signer::queryString($signer->signRequest('POST', $path, [], $body, time()));
$socket = stream_socket_client("tcp://127.0.0.1:{$port}");
stream_set_blocking($socket, true);
$rawRoundTrip = static function () use ($socket, $url, $body): void {
    $target = substr($url(), strlen('http://127.0.0.1'));
    $target = substr($target, (int) strpos($target, '/'));
    fwrite($socket, "POST {$target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " . strlen($body) . "\r\n\r\n{$body}");
    $answer = '';
    while (! str_ends_with($answer, "\r\n\r\n{}")) {
        $answer .= (string) fread($socket, 4096);
    }
};

/** @var array<string, \Closure(int): mixed> $layers */
$layers = [
    'sendNow() via pusher (Laravel\'s driver)' => fn (int $i) => Broadcast::on('perf')->via('pusher')->as('E')->with(['order' => $i, 'status' => 'shipped'])->sendNow(),
    'sendNow() via pogo' => fn (int $i) => Broadcast::on('perf')->via('pogo')->as('E')->with(['order' => $i, 'status' => 'shipped'])->sendNow(),
    'sendNow() via null (Laravel\'s own work only)' => fn (int $i) => Broadcast::on('perf')->via('null')->as('E')->with(['order' => $i, 'status' => 'shipped'])->sendNow(),
    'PogoBroadcaster::broadcast()' => fn (int $i) => $pogo->broadcast(['perf'], 'E', ['order' => $i, 'status' => 'shipped']),
    'PogoClient::trigger()' => fn (int $i) => $client->trigger(['perf'], 'E', '{"order":1,"status":"shipped"}'),
    'Transport::send() of a signed request' => fn (int $i) => $transport->send('POST', $url(), $body, 5, 2),
    'the same request over a raw keep-alive socket' => fn (int $i) => $rawRoundTrip(),
    'signing alone (md5, HMAC, query string)' => fn (int $i) => $url(),
    'json_encode of payload and body' => fn (int $i) => json_encode(['name' => 'E', 'channels' => ['perf'], 'data' => json_encode($data)]),
];

$results = [];
$cpuResults = [];
// This process's CPU time (user + system), µs: the wall time less it is the wait for the server.
$cpuMicroseconds = static function (): float {
    $usage = getrusage();

    return ($usage['ru_utime.tv_sec'] + $usage['ru_stime.tv_sec']) * 1e6 + $usage['ru_utime.tv_usec'] + $usage['ru_stime.tv_usec'];
};

try {
    foreach ($layers as $layer) {
        for ($i = 0; $i < 100; $i++) {
            $layer($i);
        }
    }
    for ($round = 0; $round < $rounds; $round++) {
        foreach ($layers as $name => $layer) {
            $cpu = $cpuMicroseconds();
            $started = hrtime(true);
            for ($i = 0; $i < $count; $i++) {
                $layer($i);
            }
            $results[$name][] = (hrtime(true) - $started) / $count / 1000;
            $cpuResults[$name][] = ($cpuMicroseconds() - $cpu) / $count;
        }
    }
} finally {
    fclose($socket);
    $server->stop();
}

printf("%-48s %9s %9s %9s %12s\n", "µs per call ({$count} calls × {$rounds} rounds)", 'median', 'min', 'max', 'PHP CPU');
foreach ($results as $name => $values) {
    sort($values);
    $cpu = $cpuResults[$name];
    sort($cpu);
    printf("%-48s %9.1f %9.1f %9.1f %12.1f\n", $name, $values[intdiv(count($values), 2)], $values[0], $values[count($values) - 1], $cpu[intdiv(count($cpu), 2)]);
}
