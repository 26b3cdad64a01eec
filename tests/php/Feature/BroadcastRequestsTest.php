<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use Illuminate\Broadcasting\BroadcastException;
use Illuminate\Broadcasting\PrivateChannel;
use Pogo\WebSocket\Broadcasting\ChannelEncrypter;
use Pogo\WebSocket\Http\Signer;
use Pogo\WebSocket\Support\Schema;

/** What the broadcaster sends: checked on a recording stand-in (the real server is in RealServerTest and tests/e2e). */
final class BroadcastRequestsTest extends FakeServerTestCase
{
    private const MASTER_KEY = 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=';

    public function testChannelsAreChunkedAtTheSchemasMaxChannelsPerPublish(): void
    {
        $max = Schema::load()->limit('maxChannelsPerPublish');
        $channels = array_map(fn (int $i) => "orders.{$i}", range(1, 2 * $max + 50));

        $this->broadcaster('record')->broadcast($channels, 'order.shipped', ['id' => 1]);

        $requests = static::$server->requests();
        $this->assertCount(3, $requests);
        $sent = [];
        foreach ($requests as $request) {
            $this->assertSame('POST', $request['method']);
            $this->assertSame('/apps/record/events', $request['path']);
            $body = json_decode($request['body'], true);
            $this->assertLessThanOrEqual($max, count($body['channels']));
            $this->assertSame('order.shipped', $body['name']);
            $this->assertSame('{"id":1}', $body['data']);
            $sent = [...$sent, ...$body['channels']];
        }
        $this->assertSame($channels, $sent);
    }

    public function testASmallerConfiguredLimitIsHonoured(): void
    {
        $this->broadcaster('record', ['limits' => ['maxChannelsPerPublish' => 2]])->broadcast(['a', 'b', 'c', 'd', 'e'], 'x', []);

        $this->assertSame([2, 2, 1], array_map(fn ($r) => count(json_decode($r['body'], true)['channels']), static::$server->requests()));
    }

    public function testTheServersConfiguredLimitIsHonouredToo(): void
    {
        config(['pogo-websocket.server.limits' => ['maxChannelsPerPublish' => 3]]);

        $this->broadcaster('record')->broadcast(['a', 'b', 'c', 'd', 'e'], 'x', []);

        $this->assertSame([3, 2], array_map(fn ($r) => count(json_decode($r['body'], true)['channels']), static::$server->requests()));
    }

    public function testToOthersSendsSocketIdAndTheSocketKeyNeverReachesThePayload(): void
    {
        $this->broadcaster('record')->broadcast([new PrivateChannel('orders.1'), 'orders'], 'order.shipped', ['id' => 1, 'socket' => '123.456']);

        $body = json_decode(static::$server->requests()[0]['body'], true);
        $this->assertSame('123.456', $body['socket_id']);
        $this->assertSame(['private-orders.1', 'orders'], $body['channels']);
        $this->assertSame(['id' => 1], json_decode($body['data'], true));
    }

    public function testWithoutASocketNoSocketIdIsSent(): void
    {
        $this->broadcaster('record')->broadcast(['orders'], 'e', ['socket' => null, 'a' => 'ü/✓']);

        $body = json_decode(static::$server->requests()[0]['body'], true);
        $this->assertArrayNotHasKey('socket_id', $body);
        $this->assertSame('{"a":"ü/✓"}', $body['data']);
    }

    public function testEveryRequestIsSignedAndItsBodyMd5Matches(): void
    {
        $broadcaster = $this->broadcaster('record');
        $broadcaster->broadcast(['orders'], 'e', ['id' => 1]);
        $broadcaster->occupiedChannels('presence-', ['user_count']);

        $signer = new Signer('fake-key', 'fake-secret-never-shown');
        foreach (static::$server->requests() as $request) {
            $query = $request['query'];
            $this->assertSame('fake-key', $query['auth_key']);
            $this->assertEqualsWithDelta(time(), (int) $query['auth_timestamp'], 5);
            $params = array_diff_key($query, array_flip(['auth_key', 'auth_timestamp', 'auth_version', 'body_md5', 'auth_signature']));
            $body = $request['method'] === 'GET' ? null : $request['body'];
            $expected = $signer->signRequest($request['method'], $request['path'], $params, $body, (int) $query['auth_timestamp']);
            $this->assertSame($expected, $query);
        }
        $this->assertSame(['filter_by_prefix' => 'presence-', 'info' => 'user_count'], array_intersect_key(static::$server->requests()[1]['query'], ['filter_by_prefix' => 1, 'info' => 1]));
    }

    public function testEncryptedChannelsAreEncryptedPerChannelBeforeLeavingPhp(): void
    {
        $encrypted = array_map(fn (int $i) => "private-encrypted-vault.{$i}", range(1, 12));
        $this->broadcaster('record', ['encryption_master_key' => self::MASTER_KEY])
            ->broadcast(['orders', ...$encrypted], 'secret.sent', ['code' => 'swordfish', 'socket' => '9.9']);

        $requests = static::$server->requests();
        $this->assertSame(['/apps/record/events', '/apps/record/batch_events', '/apps/record/batch_events'], array_column($requests, 'path'));
        $this->assertStringContainsString('swordfish', $requests[0]['body']);

        $encrypter = ChannelEncrypter::fromBase64(self::MASTER_KEY);
        $seen = [];
        foreach ([1, 2] as $i) {
            $this->assertStringNotContainsString('swordfish', $requests[$i]['body']);
            $batch = json_decode($requests[$i]['body'], true)['batch'];
            $this->assertLessThanOrEqual(Schema::load()->limit('maxBatchEvents'), count($batch));
            foreach ($batch as $item) {
                $this->assertSame('secret.sent', $item['name']);
                $this->assertSame('9.9', $item['socket_id']);
                $this->assertSame('{"code":"swordfish"}', $encrypter->decrypt($item['channel'], $item['data']));
                $seen[] = $item['channel'];
            }
        }
        $this->assertSame($encrypted, $seen);
    }

    public function testASingleEncryptedChannelGoesOutAsOneEvent(): void
    {
        $this->broadcaster('record', ['encryption_master_key' => self::MASTER_KEY])->broadcast(['private-encrypted-a'], 'e', ['x' => 1]);

        $request = static::$server->requests()[0];
        $this->assertSame('/apps/record/events', $request['path']);
        $body = json_decode($request['body'], true);
        $this->assertSame('{"x":1}', ChannelEncrypter::fromBase64(self::MASTER_KEY)->decrypt('private-encrypted-a', $body['data']));
    }

    public function testEncryptedChannelsWithoutAMasterKeyFailAndSendNothingEncrypted(): void
    {
        try {
            $this->broadcaster('record')->broadcast(['private-encrypted-a'], 'e', ['x' => 1]);
            $this->fail('no exception');
        } catch (BroadcastException $e) {
            $this->assertStringContainsString('set WS_ENCRYPTION_MASTER_KEY', $e->getMessage());
        }
        $this->assertSame([], static::$server->requests());
    }

    public function testAPayloadThatIsNotJsonEncodableFailsBeforeSending(): void
    {
        $this->expectException(BroadcastException::class);
        $this->expectExceptionMessage('Cannot broadcast [e]: its payload cannot be encoded as JSON');

        try {
            $this->broadcaster('record')->broadcast(['orders'], 'e', ['bad' => "\xB1\x31"]);
        } finally {
            $this->assertSame([], static::$server->requests());
        }
    }

    public function testTheApiBeyondBroadcastingCallsTheRightEndpoints(): void
    {
        $broadcaster = $this->broadcaster('record');
        $broadcaster->sendToUser(7, 'notice', ['n' => 1]);
        $broadcaster->channelInfo('presence-room', ['user_count', 'subscription_count']);
        $broadcaster->presenceUsers('presence-room');
        $broadcaster->terminateUserConnections('u 1');

        $requests = static::$server->requests();
        $this->assertSame(['#server-to-user-7'], json_decode($requests[0]['body'], true)['channels']);
        $this->assertSame(['GET', '/apps/record/channels/presence-room', 'user_count,subscription_count'], [$requests[1]['method'], $requests[1]['path'], $requests[1]['query']['info']]);
        $this->assertSame(['GET', '/apps/record/channels/presence-room/users'], [$requests[2]['method'], $requests[2]['path']]);
        $this->assertSame(['POST', '/apps/record/users/u%201/terminate_connections'], [$requests[3]['method'], $requests[3]['path']]);
    }
}
