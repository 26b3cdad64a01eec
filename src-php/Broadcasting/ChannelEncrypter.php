<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Broadcasting;

use Illuminate\Broadcasting\BroadcastException;

/**
 * End-to-end encryption for `private-encrypted-` channels, compatible with pusher-js and
 * pusher-php-server: the channel's shared secret is sha256(channel . masterKey) and each
 * payload is a NaCl secretbox with a fresh 24-byte nonce, sent as {"nonce","ciphertext"} in base64.
 */
final class ChannelEncrypter
{
    public const PREFIX = 'private-encrypted-';

    private function __construct(#[\SensitiveParameter] private readonly string $masterKey)
    {
    }

    /** @throws \InvalidArgumentException when the key is not base64 of exactly 32 bytes */
    public static function fromBase64(#[\SensitiveParameter] string $masterKeyBase64): self
    {
        $masterKey = base64_decode($masterKeyBase64, true);

        if ($masterKey === false || strlen($masterKey) !== SODIUM_CRYPTO_SECRETBOX_KEYBYTES) {
            throw new \InvalidArgumentException(
                'WS_ENCRYPTION_MASTER_KEY must be 32 bytes encoded in base64 (generate one with `openssl rand -base64 32`).',
            );
        }

        return new self($masterKey);
    }

    public static function isEncryptedChannel(string $channel): bool
    {
        return str_starts_with($channel, self::PREFIX);
    }

    /** The raw 32-byte secret both sides derive for one channel. */
    public function sharedSecret(string $channel): string
    {
        return hash('sha256', $channel . $this->masterKey, true);
    }

    /** The JSON string sent as an event's `data` on an encrypted channel. */
    public function encrypt(string $channel, string $plaintext): string
    {
        $nonce = random_bytes(SODIUM_CRYPTO_SECRETBOX_NONCEBYTES);
        $ciphertext = sodium_crypto_secretbox($plaintext, $nonce, $this->sharedSecret($channel));

        return json_encode(['nonce' => base64_encode($nonce), 'ciphertext' => base64_encode($ciphertext)], JSON_THROW_ON_ERROR);
    }

    /** Reverses encrypt(); used by tests and by pogo:ws-doctor's round trip. */
    public function decrypt(string $channel, string $data): string
    {
        $message = json_decode($data, true);
        $nonce = is_array($message) ? base64_decode((string) ($message['nonce'] ?? ''), true) : false;
        $ciphertext = is_array($message) ? base64_decode((string) ($message['ciphertext'] ?? ''), true) : false;

        if ($nonce === false || $ciphertext === false || strlen($nonce) !== SODIUM_CRYPTO_SECRETBOX_NONCEBYTES) {
            throw new BroadcastException("The payload on [{$channel}] is not an encrypted message.");
        }

        $plaintext = sodium_crypto_secretbox_open($ciphertext, $nonce, $this->sharedSecret($channel));

        if ($plaintext === false) {
            throw new BroadcastException("The payload on [{$channel}] cannot be decrypted with this master key.");
        }

        return $plaintext;
    }
}
