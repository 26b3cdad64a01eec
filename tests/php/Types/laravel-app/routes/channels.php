<?php

declare(strict_types=1);

use App\Broadcasting\InvoiceChannel;
use App\Models\User;
use Illuminate\Support\Facades\Broadcast;

Broadcast::channel('App.Models.User.{id}', function ($user, $id) {
    return (int) $user->id === (int) $id;
});

// Private: the callback returns a boolean.
Broadcast::channel('orders.{orderId}', fn ($user, $orderId) => $user->id === (int) $orderId);
Broadcast::channel('vault.{userId}', fn ($user, $userId) => $user->id === (int) $userId);
Broadcast::channel('invoices.{invoice}', InvoiceChannel::class);

// Presence: the callback returns member info.
Broadcast::channel('chat.{roomId}', function ($user, $roomId) {
    if ($user->id > 0) {
        return ['id' => $user->id, 'name' => $user->name];
    }

    return false;
});
Broadcast::channel('lobby', fn (User $user) => $user->only('id', 'email'));
Broadcast::channel('team.{teamId}', fn (User $user, $teamId) => $user->presenceInfo());
Broadcast::channel('stage.{id}', function ($user, $id): array {
    return array_merge(['id' => $user->id], session('stage', []));
});
