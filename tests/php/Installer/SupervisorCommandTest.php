<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Installer;

use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Support\EnvFile;
use Pogo\WebSocket\Tests\Support\Artisan;
use Pogo\WebSocket\Tests\Support\FreePort;
use Pogo\WebSocket\Tests\Support\LaravelSkeleton;
use Symfony\Component\Process\ExecutableFinder;
use Symfony\Component\Process\Process;

/**
 * `php artisan pogo:ws-supervisor` in a real Laravel 12 app: Debian's supervisord (a private instance: its own
 * socket, pid and log files in a temp dir) runs the written program, the server answers /up, a server that exits
 * is started again, and `supervisorctl stop` stops it gracefully (clients closed with 4200, exit 0, no SIGKILL). The systemd unit goes
 * through `systemd-analyze verify`.
 */
final class SupervisorCommandTest extends TestCase
{
    private static string $app;

    private static int $port;

    private string $dir = '';

    private ?Process $supervisord = null;

    public static function setUpBeforeClass(): void
    {
        self::$app = sys_get_temp_dir() . '/pogo-supervisor-app-' . bin2hex(random_bytes(4));
        LaravelSkeleton::freshCopy(self::$app);
        self::$port = FreePort::find();
        $install = Artisan::run(self::$app, ['pogo:ws-install', '--no-interaction', '--without-npm', '--host=127.0.0.1', '--port=' . self::$port]);
        if ($install['code'] !== 0) {
            throw new \RuntimeException($install['output']);
        }
        file_put_contents(self::$app . '/.env', "\nWS_SERVER_HOST=127.0.0.1\n", FILE_APPEND);
    }

    public static function tearDownAfterClass(): void
    {
        LaravelSkeleton::remove(self::$app);
    }

    protected function setUp(): void
    {
        $this->dir = sys_get_temp_dir() . '/pogo-sv-' . bin2hex(random_bytes(3));
        mkdir($this->dir);
    }

    protected function tearDown(): void
    {
        if ($this->supervisord?->isRunning()) {
            $this->supervisorctl('shutdown');
            $this->supervisord->wait();
        }
        exec('rm -rf ' . escapeshellarg($this->dir));
    }

    /** @return array{code: int, output: string} */
    private function writeFiles(string ...$options): array
    {
        return Artisan::run(self::$app, ['pogo:ws-supervisor', "--output={$this->dir}/deploy", '--name=pogo-ws-test', "--log={$this->dir}/pogo-ws.log", ...array_values($options)]);
    }

    private function supervisorctl(string ...$arguments): string
    {
        $process = new Process(['supervisorctl', '-c', "{$this->dir}/supervisord.conf", ...$arguments], null, null, null, 90);
        $process->run();

        return $process->getOutput() . $process->getErrorOutput();
    }

    public function testSupervisorRunsTheProgramAndStopsItGracefully(): void
    {
        $this->assertNotNull((new ExecutableFinder())->find('supervisord'), 'supervisord is not installed (apt-get install supervisor)');
        $written = $this->writeFiles('--stop-wait=40');
        $this->assertSame(0, $written['code'], $written['output']);

        $program = (string) file_get_contents("{$this->dir}/deploy/pogo-ws-test.conf");
        $this->assertStringContainsString('[program:pogo-ws-test]', $program);
        $this->assertStringContainsString('command=' . PHP_BINARY . ' ' . self::$app . '/artisan pogo:ws-start', $program);
        $this->assertStringContainsString('directory=' . self::$app, $program);
        $this->assertStringContainsString('stopwaitsecs=40', $program);
        $this->assertStringContainsString('autorestart=true', $program);
        $this->assertStringContainsString("stdout_logfile={$this->dir}/pogo-ws.log", $program);

        file_put_contents("{$this->dir}/supervisord.conf", <<<INI
            [unix_http_server]
            file={$this->dir}/supervisor.sock

            [supervisord]
            logfile={$this->dir}/supervisord.log
            pidfile={$this->dir}/supervisord.pid
            childlogdir={$this->dir}
            nodaemon=true

            [rpcinterface:supervisor]
            supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

            [supervisorctl]
            serverurl=unix://{$this->dir}/supervisor.sock

            [include]
            files = {$this->dir}/deploy/*.conf
            INI);
        $this->supervisord = new Process(['supervisord', '-c', "{$this->dir}/supervisord.conf"], $this->dir, Artisan::baseEnv(), null, null);
        $this->supervisord->start();

        $this->assertSame(200, $this->waitForUp(), "the server did not answer /up:\n" . @file_get_contents("{$this->dir}/pogo-ws.log") . @file_get_contents("{$this->dir}/supervisord.log"));
        // RUNNING once it has stayed up for startsecs.
        $deadline = microtime(true) + 15;
        while (! str_contains($status = $this->supervisorctl('status'), 'RUNNING') && microtime(true) < $deadline) {
            usleep(250_000);
        }
        $this->assertMatchesRegularExpression('/pogo-ws-test\s+RUNNING/', $status);

        // autorestart: a server that exits (here: its node process stopped from outside) is started again.
        $artisan = (int) trim(str_replace('pid ', '', $this->supervisorctl('pid', 'pogo-ws-test')));
        $node = (int) trim((string) shell_exec('pgrep -P ' . $artisan));
        $this->assertGreaterThan(0, $node, 'the server runs as a child of artisan');
        posix_kill($node, SIGTERM);
        $deadline = microtime(true) + 30;
        do {
            usleep(250_000);
            $restarted = (int) trim($this->supervisorctl('pid', 'pogo-ws-test'));
        } while (($restarted === $artisan || $restarted === 0) && microtime(true) < $deadline);
        $this->assertNotSame($artisan, $restarted, 'Supervisor did not start pogo:ws-start again');
        $this->assertSame(200, $this->waitForUp(), 'the restarted server does not answer /up');

        $client = $this->openWebSocket();
        $started = microtime(true);
        $stop = $this->supervisorctl('stop', 'pogo-ws-test');
        $elapsed = microtime(true) - $started;

        $this->assertStringContainsString('pogo-ws-test: stopped', $stop);
        $this->assertSame(4200, $this->closeCode($client), 'a connected client is closed with 4200 (reconnect), not dropped');
        $this->assertLessThan(30, $elapsed, 'the stop waited for a SIGKILL');
        $supervisorLog = (string) file_get_contents("{$this->dir}/supervisord.log");
        $this->assertMatchesRegularExpression('/stopped: pogo-ws-test \(exit status 0\)/', $supervisorLog);
        $this->assertStringNotContainsString('SIGKILL', $supervisorLog);
        $this->assertStringContainsString('SIGTERM: closing connections (4200)', (string) file_get_contents("{$this->dir}/pogo-ws.log"));
        $this->assertFalse(@fsockopen('127.0.0.1', self::$port, $errno, $error, 0.5), 'the server still listens');
    }

    public function testTheSystemdUnitRunsPogoWsStartWithAGracefulStop(): void
    {
        $written = $this->writeFiles('--user=root', '--stop-wait=45');
        $this->assertSame(0, $written['code'], $written['output']);
        $unit = (string) file_get_contents("{$this->dir}/deploy/pogo-ws-test.service");

        $this->assertStringContainsString('ExecStart=' . PHP_BINARY . ' ' . self::$app . '/artisan pogo:ws-start', $unit);
        $this->assertStringContainsString('WorkingDirectory=' . self::$app, $unit);
        $this->assertStringContainsString('User=root', $unit);
        $this->assertStringContainsString('TimeoutStopSec=45', $unit);
        $this->assertStringContainsString('KillMode=mixed', $unit);
        $this->assertStringContainsString('Restart=always', $unit);
        $this->assertStringContainsString('ExecReload=/bin/kill -HUP $MAINPID', $unit);
        $this->assertStringContainsString("StandardOutput=append:{$this->dir}/pogo-ws.log", $unit);

        $analyze = (new ExecutableFinder())->find('systemd-analyze');
        $this->assertNotNull($analyze, 'systemd-analyze is not installed');
        $verify = new Process([$analyze, 'verify', "{$this->dir}/deploy/pogo-ws-test.service"], null, ['SYSTEMD_LOG_LEVEL' => 'warning'], null, 60);
        $verify->run();
        $this->assertSame(0, $verify->getExitCode(), $verify->getOutput() . $verify->getErrorOutput());
        $this->assertSame('', trim($verify->getOutput() . $verify->getErrorOutput()));
    }

    public function testRunningItAgainChangesNothingAndAChangedFileNeedsForce(): void
    {
        $this->assertSame(0, $this->writeFiles()['code']);
        $again = $this->writeFiles();
        $this->assertSame(0, $again['code'], $again['output']);
        $this->assertMatchesRegularExpression('/pogo-ws-test\.conf \.+ unchanged/', $again['output']);

        $changed = $this->writeFiles('--stop-wait=90');
        $this->assertSame(1, $changed['code']);
        $this->assertStringContainsString('pass --force', $changed['output']);
        $this->assertSame(0, $this->writeFiles('--stop-wait=90', '--force')['code']);
        $this->assertStringContainsString('stopwaitsecs=90', (string) file_get_contents("{$this->dir}/deploy/pogo-ws-test.conf"));

        $tooShort = $this->writeFiles('--stop-wait=5');
        $this->assertSame(1, $tooShort['code']);
        $this->assertStringContainsString('--stop-wait must be a whole number of seconds, at least 15', $tooShort['output']);
    }

    private function waitForUp(): int
    {
        $deadline = microtime(true) + 30;
        while (microtime(true) < $deadline) {
            $status = @get_headers('http://127.0.0.1:' . self::$port . '/up');
            if (is_array($status) && str_contains((string) $status[0], '200')) {
                return 200;
            }
            usleep(200_000);
        }

        return 0;
    }

    /** @return resource a WebSocket handshake done and pusher:connection_established read */
    private function openWebSocket()
    {
        $key = (string) EnvFile::load(self::$app . '/.env')->get('WS_APP_KEY');
        $socket = stream_socket_client('tcp://127.0.0.1:' . self::$port, $errno, $error, 5);
        $this->assertNotFalse($socket, (string) $error);
        stream_set_timeout($socket, 30);
        fwrite($socket, "GET /app/{$key}?protocol=7 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " . base64_encode(random_bytes(16)) . "\r\nSec-WebSocket-Version: 13\r\n\r\n");
        $head = '';
        while (! str_contains($head, "\r\n\r\n") && ! feof($socket)) {
            $head .= fread($socket, 1);
        }
        $this->assertStringContainsString(' 101 ', $head);
        $frame = $this->readFrame($socket);
        $this->assertNotNull($frame);
        $this->assertSame(1, $frame[0]);
        $this->assertStringContainsString('pusher:connection_established', $frame[1]);

        return $socket;
    }

    /** @param resource $socket */
    private function closeCode($socket): ?int
    {
        for ($i = 0; $i < 10; $i++) {
            $frame = $this->readFrame($socket);
            if ($frame === null) {
                return null;
            }
            if ($frame[0] === 8) {
                return strlen($frame[1]) >= 2 ? (ord($frame[1][0]) << 8) | ord($frame[1][1]) : null;
            }
        }

        return null;
    }

    /**
     * @param resource $socket
     * @return array{0: int, 1: string}|null an unmasked server frame: opcode and payload
     */
    private function readFrame($socket): ?array
    {
        $read = function (int $length) use ($socket): ?string {
            $data = '';
            while (strlen($data) < $length) {
                $chunk = fread($socket, max(1, $length - strlen($data)));
                if ($chunk === false || $chunk === '') {
                    return null;
                }
                $data .= $chunk;
            }

            return $data;
        };
        $head = $read(2);
        if ($head === null) {
            return null;
        }
        $length = ord($head[1]) & 0x7F;
        if ($length === 126) {
            $extended = (string) $read(2);
            $length = (ord($extended[0]) << 8) | ord($extended[1]);
        } elseif ($length === 127) {
            return null; // no frame this test reads is that long
        }
        $payload = $length > 0 ? $read($length) : '';

        return $payload === null ? null : [ord($head[0]) & 0x0F, $payload];
    }
}
