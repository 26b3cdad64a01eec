<?php

declare(strict_types=1);

use Illuminate\Support\Facades\Broadcast;
use Pogo\WebSocket\Tests\Types\Fixtures\Author;
use Pogo\WebSocket\Tests\Types\Fixtures\Size;

Broadcast::channel('depots.{depot}', fn ($user, $depot) => $user->id === (int) $depot);
Broadcast::channel('rooms.{roomId}.live', function (Author $user) {
    return $user->id > 0 ? ['id' => $user->id, 'name' => $user->name, 'size' => $user->size] : null;
});
Broadcast::channel('crew', fn (Author $user) => $user->only(['id', 'name']));
Broadcast::channel('typed', /** @return array{id: int, role: string, size: Size}|false */ fn ($user) => $user->toMember());
Broadcast::channel('method', fn (Author $user) => $user->presence());
Broadcast::channel('vague', fn ($user) => $user->whatever());
Broadcast::channel('declared', fn ($user): array => (array) $user);
Broadcast::channel($dynamic, fn () => true);
