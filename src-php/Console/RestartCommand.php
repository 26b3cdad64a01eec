<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Console;

use Illuminate\Broadcasting\BroadcastException;
use Illuminate\Console\Command;
use Pogo\WebSocket\Broadcasting\InvalidConnectionConfig;
use Pogo\WebSocket\Broadcasting\PogoBroadcasterFactory;
use Pogo\WebSocket\Server\ConfiguredApps;

/**
 * `php artisan pogo:ws-restart`: the one line of a deploy script. Asks the server (signed with the app's
 * key and secret, through the package's one Transport) to restart: every process of every node sharing its
 * Redis closes its clients with 4200, finishes what it is publishing and exits, and its supervisor
 * starts it again with the new configuration. Prints one line either way; never a stack trace.
 */
class RestartCommand extends Command
{
    protected $signature = 'pogo:ws-restart {--reason= : Why, for the server\'s log (for example the release being deployed)}';

    protected $description = 'Restart every running Pogo WebSocket server of this app (after a deploy), for its supervisor to start it again';

    public function handle(ConfiguredApps $apps, PogoBroadcasterFactory $factory): int
    {
        $served = $apps->served();

        try {
            $connection = $served->validated();
        } catch (InvalidConnectionConfig $e) {
            $this->failed(implode('; ', array_map(fn ($problem) => "{$problem->problem} ({$problem->fix})", $e->problems)) . '.');

            return self::FAILURE;
        }

        $reason = trim((string) $this->option('reason'));
        $body = json_encode($reason === '' ? new \stdClass() : ['reason' => mb_substr($reason, 0, 200)], JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);

        try {
            $answer = $factory->client($connection)->send('POST', 'restart', [], $body, 'restart');
        } catch (BroadcastException $e) {
            $this->failed($this->explain($e->getMessage(), $connection->baseUrl()));

            return self::FAILURE;
        }
        if (($answer['restarting'] ?? null) !== true) {
            $this->failed("{$connection->baseUrl()} answered " . json_encode($answer) . ' instead of {"restarting":true}; is it a Pogo WebSocket server of this version?');

            return self::FAILURE;
        }

        // Plain lines, not Laravel's boxed components: those wrap at 80 columns, and a deploy log wants one line.
        $this->line("<fg=green>Restart requested</> from {$connection->baseUrl()} (app {$connection->appId}): every server process closes its clients with 4200 and exits for its supervisor to start it again.");

        return self::SUCCESS;
    }

    private function failed(string $problem): void
    {
        $this->line("<fg=red>Not restarted:</> {$problem}");
    }

    /** The client's message, one line, with what a deploy script's reader should do about the usual causes. */
    private function explain(string $message, string $baseUrl): string
    {
        $message = preg_replace('/\s+/', ' ', trim($message)) ?? $message;
        if (str_contains($message, 'unexpected HTTP 404')) {
            return "the server at {$baseUrl} has no restart endpoint: update pogo/websocket on the server's machine, or stop and start it yourself.";
        }

        return $message;
    }
}
