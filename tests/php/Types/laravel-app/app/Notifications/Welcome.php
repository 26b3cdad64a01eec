<?php

declare(strict_types=1);

namespace App\Notifications;

use Illuminate\Notifications\Notification;

/** A @return array{...} shape and broadcastType(). */
class Welcome extends Notification
{
    public function via(object $notifiable): array
    {
        return ['broadcast'];
    }

    /** @return array{message: string, firstLogin: bool} */
    public function toBroadcast(object $notifiable): array
    {
        return ['message' => 'Hello', 'firstLogin' => true];
    }

    public function broadcastType(): string
    {
        return 'welcome';
    }
}
