<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use Illuminate\Auth\GenericUser;
use Pogo\WebSocket\Tests\TestCase;

final class EncryptedChannelWithoutKeyTest extends TestCase
{
    public function testAuthorizingAnEncryptedChannelWithoutAMasterKeyFailsWithAClearMessage(): void
    {
        $this->withoutExceptionHandling();
        $this->expectExceptionMessage('set WS_ENCRYPTION_MASTER_KEY (32 bytes, base64) to use private-encrypted- channels');

        $this->actingAs(new GenericUser(['id' => 'u1', 'name' => 'Ann']))
            ->post('/broadcasting/auth', ['channel_name' => 'private-encrypted-vault', 'socket_id' => '1.2']);
    }
}
