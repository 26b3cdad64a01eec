<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Facades;

use Illuminate\Support\Facades\Facade;

/**
 * @method static void sendToUser(string|int $userId, string $event, array<string, mixed> $payload = [])
 * @method static array<string, array<string, mixed>> occupiedChannels(?string $prefix = null, list<string> $info = [])
 * @method static array<string, mixed> channelInfo(string $channel, list<string> $info = [])
 * @method static list<array{id: string}> presenceUsers(string $channel)
 * @method static void terminateUserConnections(string|int $userId)
 * @method static void broadcast(array<int, \Illuminate\Broadcasting\Channel|string> $channels, string $event, array<string, mixed> $payload = [])
 *
 * @see \Pogo\WebSocket\Broadcasting\PogoBroadcaster
 */
class PogoWebSocket extends Facade
{
    protected static function getFacadeAccessor(): string
    {
        return 'pogo.websocket';
    }
}
