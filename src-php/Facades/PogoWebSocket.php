<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Facades;

use Illuminate\Support\Facades\Facade;

/**
 * @method static void sendToUser(string|int $userId, string $event, array $payload = [])
 * @method static array occupiedChannels(?string $prefix = null, array $info = [])
 * @method static array channelInfo(string $channel, array $info = [])
 * @method static array presenceUsers(string $channel)
 * @method static void terminateUserConnections(string|int $userId)
 * @method static void broadcast(array $channels, string $event, array $payload = [])
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
