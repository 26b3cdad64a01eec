<?php

declare(strict_types=1);

namespace App\Events;

use Illuminate\Broadcasting\EncryptedPrivateChannel;
use Illuminate\Contracts\Broadcasting\ShouldBroadcastNow;

/** An encrypted private channel, authorized by the same route as a private one. */
class SecretShared implements ShouldBroadcastNow
{
    public function __construct(public int $userId, public string $secret)
    {
    }

    public function broadcastOn(): EncryptedPrivateChannel
    {
        return new EncryptedPrivateChannel('vault.' . $this->userId);
    }
}
