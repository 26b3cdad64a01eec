<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Unit;

use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;
use Pogo\WebSocket\Http\Signer;
use Pogo\WebSocket\Tests\Support\Vectors;

final class SignerTest extends TestCase
{
    private static function signer(): Signer
    {
        $app = Vectors::load()['app'];

        return new Signer($app['key'], $app['secret']);
    }

    /** @return iterable<string, array{array<string, mixed>}> */
    public static function httpVectors(): iterable
    {
        foreach (Vectors::load()['http_api'] as $vector) {
            yield $vector['method'] . ' ' . $vector['path'] => [$vector];
        }
    }

    #[DataProvider('httpVectors')]
    public function testHttpApiRequestsAreSignedByteForByteLikeThePusherSdk(array $vector): void
    {
        $query = self::signer()->signRequest($vector['method'], $vector['path'], $vector['params'], $vector['body'], $vector['auth_timestamp']);

        $this->assertSame($vector['auth_signature'], $query['auth_signature']);
        $this->assertSame($vector['body_md5'], $query['body_md5'] ?? null);
        $this->assertSame($vector['signed_query'], Signer::queryString($query));
    }

    /** @return iterable<string, array{array<string, mixed>}> */
    public static function channelVectors(): iterable
    {
        foreach (Vectors::load()['channel_auth'] as $index => $vector) {
            yield $index . ' ' . $vector['channel'] => [$vector];
        }
    }

    #[DataProvider('channelVectors')]
    public function testChannelAuthorizationMatchesThePusherSdk(array $vector): void
    {
        $socketId = Vectors::load()['socket_id'];

        $this->assertSame($vector['auth'], self::signer()->channelAuth($socketId, $vector['channel'], $vector['channel_data'] ?? null));
    }

    public function testUserAuthenticationMatchesThePusherSdk(): void
    {
        $vectors = Vectors::load();
        foreach ($vectors['user_auth'] as $vector) {
            $this->assertSame($vector['auth'], self::signer()->userAuth($vectors['socket_id'], $vector['user_data']));
        }
    }

    public function testWebhookSignaturesVerifyInConstantTimeAndRejectTampering(): void
    {
        foreach (Vectors::load()['webhook'] as $vector) {
            $this->assertSame($vector['X-Pusher-Signature'], self::signer()->webhookSignature($vector['body']));
            $this->assertTrue(self::signer()->verifyWebhook($vector['body'], strtoupper($vector['X-Pusher-Signature'])));
            $this->assertFalse(self::signer()->verifyWebhook($vector['body'] . ' ', $vector['X-Pusher-Signature']));
            $this->assertFalse(self::signer()->verifyWebhook($vector['body'], substr($vector['X-Pusher-Signature'], 1)));
        }
    }

    public function testADifferentSecretGivesADifferentSignature(): void
    {
        $vector = Vectors::load()['http_api'][0];
        $query = (new Signer('vector-key', 'another-secret'))->signRequest($vector['method'], $vector['path'], [], $vector['body'], $vector['auth_timestamp']);

        $this->assertNotSame($vector['auth_signature'], $query['auth_signature']);
    }
}
