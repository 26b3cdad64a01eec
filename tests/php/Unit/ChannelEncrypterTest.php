<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Unit;

use Illuminate\Broadcasting\BroadcastException;
use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Broadcasting\ChannelEncrypter;
use Pogo\WebSocket\Tests\Support\Vectors;

final class ChannelEncrypterTest extends TestCase
{
    private static function encrypter(): ChannelEncrypter
    {
        return ChannelEncrypter::fromBase64(Vectors::load()['app']['encryptionMasterKeyBase64']);
    }

    public function testTheSharedSecretMatchesThePusherSdk(): void
    {
        foreach (Vectors::load()['encrypted_shared_secret'] as $vector) {
            $this->assertSame($vector['shared_secret_base64'], base64_encode(self::encrypter()->sharedSecret($vector['channel'])));
        }
    }

    public function testPayloadsAreNaclSecretboxesAPusherJsClientCanOpen(): void
    {
        $channel = 'private-encrypted-orders.1';
        $data = self::encrypter()->encrypt($channel, '{"id":1,"note":"ü ✓"}');
        $message = json_decode($data, true);

        $this->assertSame(['nonce', 'ciphertext'], array_keys($message));
        $nonce = base64_decode($message['nonce'], true);
        $this->assertSame(24, strlen($nonce));
        // What pusher-js does: nacl.secretbox.open(ciphertext, nonce, base64-decoded shared_secret).
        $sharedSecret = base64_decode(Vectors::load()['encrypted_shared_secret'][0]['shared_secret_base64'], true);
        $this->assertSame('{"id":1,"note":"ü ✓"}', sodium_crypto_secretbox_open(base64_decode($message['ciphertext']), $nonce, $sharedSecret));
    }

    public function testEveryMessageGetsAFreshNonce(): void
    {
        $a = json_decode(self::encrypter()->encrypt('private-encrypted-a', 'x'), true);
        $b = json_decode(self::encrypter()->encrypt('private-encrypted-a', 'x'), true);

        $this->assertNotSame($a['nonce'], $b['nonce']);
        $this->assertSame('x', self::encrypter()->decrypt('private-encrypted-a', self::encrypter()->encrypt('private-encrypted-a', 'x')));
    }

    public function testAnotherChannelCannotDecrypt(): void
    {
        $data = self::encrypter()->encrypt('private-encrypted-a', 'secret');

        $this->expectException(BroadcastException::class);
        $this->expectExceptionMessage('cannot be decrypted');
        self::encrypter()->decrypt('private-encrypted-b', $data);
    }

    public function testAMasterKeyThatIsNot32Base64BytesIsRefusedClearly(): void
    {
        foreach (['', 'not base64!!', base64_encode(str_repeat('k', 31)), base64_encode(str_repeat('k', 33))] as $bad) {
            try {
                ChannelEncrypter::fromBase64($bad);
                $this->fail("accepted [{$bad}]");
            } catch (\InvalidArgumentException $e) {
                $this->assertStringContainsString('WS_ENCRYPTION_MASTER_KEY must be 32 bytes encoded in base64', $e->getMessage());
            }
        }
    }
}
