<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use Illuminate\Auth\GenericUser;
use Illuminate\Support\Facades\Broadcast;
use Pogo\WebSocket\Support\WebSocketProbe;
use Pogo\WebSocket\Tests\Support\ConnectsToRealServer;
use Pogo\WebSocket\Tests\TestCase;

/**
 * Pusher's watchlist from Laravel: `Broadcast::resolveAuthenticatedUserUsing()` returns a `watchlist`,
 * `/broadcasting/user-auth` signs it inside user_data, and the real server accepts that sign-in and
 * tells the connection when a watched user comes online.
 */
final class WatchlistSigningTest extends TestCase
{
    use ConnectsToRealServer;

    protected static function realServerApp(): array
    {
        return ['id' => 'watch-app', 'key' => 'watch-key', 'secret' => 'watch-secret'];
    }

    protected function pogoConnection(): array
    {
        return [
            'driver' => 'pogo',
            'app_id' => 'watch-app',
            'key' => 'watch-key',
            'secret' => 'watch-secret',
            'options' => ['host' => '127.0.0.1', 'port' => self::$server->port, 'scheme' => 'http'],
        ];
    }

    /** What the app's user resolver returns: Laravel's integer ids, as they come. */
    private function resolveWithWatchlist(): void
    {
        Broadcast::resolveAuthenticatedUserUsing(fn ($request) => [
            'id' => $request->user()->getAuthIdentifier(),
            'user_info' => ['name' => $request->user()->name],
            'watchlist' => [2, 3],
        ]);
    }

    /**
     * The next message with this event name (skipping others), or null after the timeout.
     *
     * @return array<string, mixed>|null
     */
    private function nextEvent(WebSocketProbe $socket, string $event, float $timeout = 3): ?array
    {
        $deadline = microtime(true) + $timeout;
        while (($left = $deadline - microtime(true)) > 0 && ($message = $socket->receiveJson($left)) !== null) {
            if (($message['event'] ?? null) === $event || ($message['event'] ?? null) === 'pusher:error') {
                return $message;
            }
        }

        return null;
    }

    /** pusher:signin with what /broadcasting/user-auth answered for `$user`. */
    private function signIn(WebSocketProbe $socket, string $socketId, GenericUser $user): void
    {
        $answer = $this->actingAs($user)->post('/broadcasting/user-auth', ['socket_id' => $socketId])->assertOk()->json();
        $socket->sendJson(['event' => 'pusher:signin', 'data' => $answer]);
        $this->assertSame('pusher:signin_success', $this->nextEvent($socket, 'pusher:signin_success')['event'] ?? null);
    }

    public function testUserAuthSignsTheWatchlistInsideUserData(): void
    {
        $this->resolveWithWatchlist();
        $socketId = '1234.5678';

        $answer = $this->actingAs(new GenericUser(['id' => 1, 'name' => 'Ann']))
            ->post('/broadcasting/user-auth', ['socket_id' => $socketId])
            ->assertOk()
            ->json();

        $this->assertSame('{"id":"1","user_info":{"name":"Ann"},"watchlist":[2,3]}', $answer['user_data']);
        // Pusher's user signature covers the whole user_data, watchlist included.
        $expected = 'watch-key:' . hash_hmac('sha256', "{$socketId}::user::{$answer['user_data']}", 'watch-secret');
        $this->assertSame($expected, $answer['auth']);
    }

    public function testTheServerAcceptsTheSignedWatchlistAndReportsWatchedUsersOnline(): void
    {
        $this->resolveWithWatchlist();
        [$watched, $watchedId] = $this->connect();
        $this->signIn($watched, $watchedId, new GenericUser(['id' => 2, 'name' => 'Bob']));

        [$watcher, $watcherId] = $this->connect();
        $this->signIn($watcher, $watcherId, new GenericUser(['id' => 1, 'name' => 'Ann']));
        $initial = $this->nextEvent($watcher, 'pusher_internal:watchlist_events');
        $this->assertSame(['events' => [['name' => 'online', 'user_ids' => ['2']]]], json_decode($initial['data'] ?? 'null', true));

        [$late, $lateId] = $this->connect();
        $this->signIn($late, $lateId, new GenericUser(['id' => 3, 'name' => 'Cy']));
        $online = $this->nextEvent($watcher, 'pusher_internal:watchlist_events');
        $this->assertSame(['events' => [['name' => 'online', 'user_ids' => ['3']]]], json_decode($online['data'] ?? 'null', true));
    }
}
