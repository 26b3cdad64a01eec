<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use GuzzleHttp\Client;
use GuzzleHttp\HandlerStack;
use GuzzleHttp\Middleware;
use Illuminate\Broadcasting\BroadcastException;
use Pogo\WebSocket\Broadcasting\ChannelEncrypter;
use Pogo\WebSocket\Broadcasting\PogoBroadcaster;
use Pogo\WebSocket\Broadcasting\PogoBroadcasterFactory;
use Pogo\WebSocket\Http\GuzzleTransport;
use Pogo\WebSocket\Http\Signer;
use Pogo\WebSocket\Http\Transport;
use Pogo\WebSocket\Support\Schema;
use Pogo\WebSocket\Support\WebSocketProbe;
use Pogo\WebSocket\Tests\Support\ConnectsToRealServer;
use Pogo\WebSocket\Tests\Support\RealServer;
use Pogo\WebSocket\Tests\TestCase;
use Psr\Http\Message\RequestInterface;

/** The pogo driver against the real server, with real WebSocket subscribers. */
final class RealServerTest extends TestCase
{
    use ConnectsToRealServer;

    private const MASTER_KEY = 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=';

    protected static function realServerApp(): array
    {
        return ['id' => 'real-app', 'key' => 'real-key', 'secret' => 'real-secret'];
    }

    private function broadcaster(array $overrides = []): PogoBroadcaster
    {
        return $this->app->make(PogoBroadcasterFactory::class)->make(array_replace_recursive([
            'app_id' => 'real-app', 'key' => 'real-key', 'secret' => 'real-secret',
            'options' => ['host' => '127.0.0.1', 'port' => self::$server->port, 'scheme' => 'http', 'encryption_master_key' => self::MASTER_KEY],
        ], $overrides));
    }

    private function subscribe(WebSocketProbe $socket, string $socketId, string $channel, ?string $channelData = null): void
    {
        $data = ['channel' => $channel];
        if (str_starts_with($channel, 'private-') || str_starts_with($channel, 'presence-')) {
            $data['auth'] = (new Signer('real-key', 'real-secret'))->channelAuth($socketId, $channel, $channelData);
        }
        if ($channelData !== null) {
            $data['channel_data'] = $channelData;
        }
        $socket->sendJson(['event' => 'pusher:subscribe', 'data' => $data]);
        $this->assertSame('pusher_internal:subscription_succeeded', $this->next($socket, $channel)['event'] ?? null);
    }

    /** The next message on the channel (skipping others), or null after the timeout. */
    private function next(WebSocketProbe $socket, string $channel, float $timeout = 3): ?array
    {
        $deadline = microtime(true) + $timeout;
        while (($left = $deadline - microtime(true)) > 0 && ($message = $socket->receiveJson($left)) !== null) {
            if (($message['channel'] ?? null) === $channel || ($message['event'] ?? null) === 'pusher:error') {
                return $message;
            }
        }

        return null;
    }

    public function testABroadcastReachesASubscriber(): void
    {
        [$socket, $id] = $this->connect();
        $this->subscribe($socket, $id, 'orders');

        $this->broadcaster()->broadcast(['orders'], 'order.shipped', ['id' => 1, 'note' => 'ü ✓']);

        $message = $this->next($socket, 'orders');
        $this->assertSame('order.shipped', $message['event']);
        $this->assertSame(['id' => 1, 'note' => 'ü ✓'], json_decode($message['data'], true));
    }

    public function testThroughAGuzzleTransportABroadcastReachesASubscriberToo(): void
    {
        $seen = [];
        $stack = HandlerStack::create();
        $stack->push(Middleware::mapRequest(function (RequestInterface $request) use (&$seen): RequestInterface {
            $seen[] = $request->getUri()->getPath();

            return $request;
        }));
        $this->app->instance(Transport::class, new GuzzleTransport(new Client(['handler' => $stack])));
        [$socket, $id] = $this->connect();
        $this->subscribe($socket, $id, 'orders');

        $this->broadcaster()->broadcast(['orders'], 'via.guzzle', ['ok' => true]);

        $this->assertSame(['ok' => true], json_decode($this->next($socket, 'orders')['data'], true));
        $this->assertSame(['/apps/real-app/events'], $seen);
    }

    public function testAKeptConnectionSurvivesAServerRestart(): void
    {
        $config = ['apps' => [['id' => 'real-app', 'key' => 'real-key', 'secret' => 'real-secret']]];
        $first = RealServer::start($config);
        $broadcaster = $this->broadcaster(['options' => ['port' => $first->port], 'client_options' => ['retries' => 0]]);
        $broadcaster->broadcast(['orders'], 'before', []);
        $first->stop();
        $second = RealServer::start($config, $first->port);

        try {
            // The same process (a queue worker, say) keeps publishing on its stale keep-alive handle.
            [$socket, $id] = $this->connect($second->port);
            $this->subscribe($socket, $id, 'orders');
            $broadcaster->broadcast(['orders'], 'after', ['n' => 2]);
            $this->assertSame('after', $this->next($socket, 'orders')['event'] ?? null);
        } finally {
            $second->stop();
        }
    }

    public function testChunkedBroadcastsReachTheFirstAndTheLastChannel(): void
    {
        $count = 2 * Schema::load()->limit('maxChannelsPerPublish') + 50;
        $channels = array_map(fn (int $i) => "chunk.{$i}", range(1, $count));
        [$first, $firstId] = $this->connect();
        [$last, $lastId] = $this->connect();
        $this->subscribe($first, $firstId, 'chunk.1');
        $this->subscribe($last, $lastId, "chunk.{$count}");

        $this->broadcaster()->broadcast($channels, 'many', ['n' => $count]);

        $this->assertSame('many', $this->next($first, 'chunk.1')['event'] ?? null);
        $this->assertSame('many', $this->next($last, "chunk.{$count}")['event'] ?? null);
    }

    public function testToOthersExcludesTheSenderOnly(): void
    {
        [$sender, $senderId] = $this->connect();
        [$other, $otherId] = $this->connect();
        $this->subscribe($sender, $senderId, 'private-room.1');
        $this->subscribe($other, $otherId, 'private-room.1');

        $this->broadcaster()->broadcast(['private-room.1'], 'said', ['text' => 'hi', 'socket' => $senderId]);

        $received = $this->next($other, 'private-room.1');
        $this->assertSame(['text' => 'hi'], json_decode($received['data'], true));
        $this->assertNull($this->next($sender, 'private-room.1', 0.5));
    }

    public function testAnEncryptedChannelCarriesOnlyCiphertextThatTheSharedSecretOpens(): void
    {
        [$socket, $id] = $this->connect();
        $this->subscribe($socket, $id, 'private-encrypted-vault.1');

        $this->broadcaster()->broadcast(['private-encrypted-vault.1', 'orders'], 'secret', ['code' => 'swordfish']);

        $message = $this->next($socket, 'private-encrypted-vault.1');
        $this->assertStringNotContainsString('swordfish', $message['data']);
        $payload = json_decode($message['data'], true);
        $sharedSecret = ChannelEncrypter::fromBase64(self::MASTER_KEY)->sharedSecret('private-encrypted-vault.1');
        $plain = sodium_crypto_secretbox_open(base64_decode($payload['ciphertext']), base64_decode($payload['nonce']), $sharedSecret);
        $this->assertSame(['code' => 'swordfish'], json_decode($plain, true));
    }

    public function testChannelInfoAndPresenceUsers(): void
    {
        [$socket, $id] = $this->connect();
        $this->subscribe($socket, $id, 'presence-lobby', '{"user_id":"u1","user_info":{"name":"Ann"}}');
        $broadcaster = $this->broadcaster();

        $this->assertSame([['id' => 'u1']], $broadcaster->presenceUsers('presence-lobby'));
        $info = $broadcaster->channelInfo('presence-lobby', ['user_count']);
        $this->assertTrue($info['occupied']);
        $this->assertSame(1, $info['user_count']);
        $this->assertArrayHasKey('presence-lobby', $broadcaster->occupiedChannels('presence-'));
        $this->assertFalse($broadcaster->channelInfo('nobody-here')['occupied']);
    }

    public function testSendToUserAndTerminateTheirConnections(): void
    {
        [$socket, $id] = $this->connect();
        $userData = '{"id":"u9","user_info":{"name":"Zed"}}';
        $socket->sendJson(['event' => 'pusher:signin', 'data' => ['auth' => (new Signer('real-key', 'real-secret'))->userAuth($id, $userData), 'user_data' => $userData]]);
        $deadline = microtime(true) + 3;
        do {
            $message = $socket->receiveJson(1);
        } while (($message['event'] ?? null) !== 'pusher:signin_success' && microtime(true) < $deadline);
        $this->assertSame('pusher:signin_success', $message['event'] ?? null);

        $broadcaster = $this->broadcaster();
        $broadcaster->sendToUser('u9', 'notice', ['n' => 1]);
        $notice = $this->next($socket, '#server-to-user-u9');
        $this->assertSame(['notice', ['n' => 1]], [$notice['event'], json_decode($notice['data'], true)]);

        $broadcaster->terminateUserConnections('u9');
        $closed = null;

        try {
            $deadline = microtime(true) + 3;
            while (microtime(true) < $deadline) {
                $socket->receiveJson(1); // a pusher:error may announce the close
            }
        } catch (\RuntimeException $e) {
            $closed = $e->getMessage();
        }
        $unauthorized = json_decode((string) file_get_contents(Schema::path()), true)['closeCodes']['UNAUTHORIZED']['code'];
        $this->assertStringStartsWith("the server closed the connection ({$unauthorized}", (string) $closed);
    }

    public function testTheRealServerRejectionsAreNamedFromTheSchema(): void
    {
        $cases = [
            'PAYLOAD_TOO_LARGE' => fn () => $this->broadcaster()->broadcast(['orders'], 'big', ['x' => str_repeat('a', Schema::load()->limit('maxPayloadBytes') + 1)]),
            'EVENT_NAME_TOO_LONG' => fn () => $this->broadcaster()->broadcast(['orders'], str_repeat('e', Schema::load()->limit('maxEventNameLength') + 1), []),
            'CHANNEL_NAME_TOO_LONG' => fn () => $this->broadcaster()->broadcast([str_repeat('c', Schema::load()->limit('maxChannelNameLength') + 1)], 'e', []),
            'INVALID_SIGNATURE' => fn () => $this->broadcaster(['secret' => 'wrong-secret'])->broadcast(['orders'], 'e', []),
            'INVALID_AUTH_KEY' => fn () => $this->broadcaster(['key' => 'wrong-key'])->broadcast(['orders'], 'e', []),
            'UNKNOWN_APP' => fn () => $this->broadcaster(['app_id' => 'no-such-app'])->broadcast(['orders'], 'e', []),
        ];
        foreach ($cases as $name => $publish) {
            $status = Schema::load()->publishStatusByName($name);

            try {
                $publish();
                $this->fail("{$name}: no exception");
            } catch (BroadcastException $e) {
                $this->assertStringStartsWith("Pogo WebSocket rejected the broadcast: {$status['http']} {$name} (status {$status['status']}): ", $e->getMessage());
                $this->assertStringNotContainsString('real-secret', $e->getMessage());
                $this->assertStringNotContainsString('wrong-secret', $e->getMessage());
            }
        }
    }
}
