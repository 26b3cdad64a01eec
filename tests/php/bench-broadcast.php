<?php

// Broadcasts per second from ONE PHP process through the `pogo` driver to the real server.
// Usage: php tests/php/bench-broadcast.php [COUNT=5000]
// Starts server/dist/pogo-ws.cjs on a free local port, publishes COUNT events one after another
// (each a signed POST /apps/{id}/events, as Laravel's broadcaster does per event) and prints the rate.

declare(strict_types=1);

use Illuminate\Http\Client\Factory;
use Pogo\WebSocket\Broadcasting\PogoBroadcasterFactory;

require dirname(__DIR__, 2) . '/vendor/autoload.php';

$count = max(100, (int) ($argv[1] ?? 5000));
$root = dirname(__DIR__, 2);
$config = tempnam(sys_get_temp_dir(), 'pogo-bench-');
file_put_contents($config, json_encode(['apps' => [['id' => 'bench', 'key' => 'bench-key', 'secret' => 'bench-secret']]]));

$server = proc_open(
    ['node', "{$root}/server/dist/pogo-ws.cjs", 'start', '--config', $config, '--host', '127.0.0.1', '--port', '0'],
    [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']],
    $pipes,
    sys_get_temp_dir(),
);
$port = null;
$deadline = microtime(true) + 10;
while ($port === null && microtime(true) < $deadline && ($line = fgets($pipes[1])) !== false) {
    if (preg_match('#listening on http://[^:]+:(\d+)#', $line, $match)) {
        $port = (int) $match[1];
    }
}
if ($port === null) {
    fwrite(STDERR, "the server did not start\n");
    exit(1);
}

$broadcaster = (new PogoBroadcasterFactory(new Factory()))->make([
    'app_id' => 'bench', 'key' => 'bench-key', 'secret' => 'bench-secret',
    'options' => ['host' => '127.0.0.1', 'port' => $port, 'scheme' => 'http'],
]);
$payload = ['order' => ['id' => 1234, 'status' => 'shipped', 'items' => [1, 2, 3]], 'socket' => null];

try {
    for ($i = 0; $i < 200; $i++) {
        $broadcaster->broadcast(['orders'], 'order.shipped', $payload);
    }
    $results = [];
    foreach (['one channel' => ['orders'], 'toOthers (socket_id)' => ['orders']] as $label => $channels) {
        $body = $label === 'one channel' ? $payload : ['socket' => '1234.5678'] + $payload;
        $started = hrtime(true);
        for ($i = 0; $i < $count; $i++) {
            $broadcaster->broadcast($channels, 'order.shipped', $body);
        }
        $seconds = (hrtime(true) - $started) / 1e9;
        $results[$label] = $count / $seconds;
        printf("%-22s %6d broadcasts in %.2f s = %6.0f broadcasts/s (%.0f µs each)\n", $label, $count, $seconds, $count / $seconds, 1e6 * $seconds / $count);
    }
} finally {
    proc_terminate($server);
    proc_close($server);
    unlink($config);
}
