<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use Illuminate\Support\Facades\Event;
use Pogo\WebSocket\Tests\Support\Vectors;
use Pogo\WebSocket\Tests\TestCase;
use Pogo\WebSocket\Webhooks\Events\CacheMiss;
use Pogo\WebSocket\Webhooks\Events\ChannelOccupied;
use Pogo\WebSocket\Webhooks\Events\ChannelVacated;
use Pogo\WebSocket\Webhooks\Events\ClientEventReceived;
use Pogo\WebSocket\Webhooks\Events\MemberAdded;
use Pogo\WebSocket\Webhooks\Events\MemberRemoved;
use Pogo\WebSocket\Webhooks\Events\PogoWebhook;
use Pogo\WebSocket\Webhooks\Events\SubscriptionCountChanged;
use Pogo\WebSocket\Webhooks\Events\UnknownWebhookEvent;
use Pogo\WebSocket\Webhooks\Events\WebhookEvent;

final class WebhookTest extends TestCase
{
    /** @var list<WebhookEvent> */
    private array $received = [];

    protected function pogoConnection(): array
    {
        $app = Vectors::load()['app'];

        return ['driver' => 'pogo', 'app_id' => $app['appId'], 'key' => $app['key'], 'secret' => $app['secret']];
    }

    protected function setUp(): void
    {
        parent::setUp();
        Event::listen(PogoWebhook::class, function (WebhookEvent $event) {
            $this->received[] = $event;
        });
    }

    private function postWebhook(string $body, array $headers): \Illuminate\Testing\TestResponse
    {
        $server = $this->transformHeadersToServerVars($headers + ['Content-Type' => 'application/json']);

        return $this->call('POST', '/pogo/webhook', [], [], [], $server, $body);
    }

    private function sign(string $body): array
    {
        return ['X-Pusher-Key' => 'vector-key', 'X-Pusher-Signature' => hash_hmac('sha256', $body, 'vector-secret')];
    }

    public function testTheVectorWebhookDispatchesAChannelOccupiedEvent(): void
    {
        $vector = Vectors::load()['webhook'][0];
        // The SDK signed it at its time_ms; it is accepted only that close to it.
        $this->travelTo(\Illuminate\Support\Carbon::createFromTimestampMs(json_decode($vector['body'], true)['time_ms'] + 1000));

        $this->postWebhook($vector['body'], ['X-Pusher-Key' => $vector['X-Pusher-Key'], 'X-Pusher-Signature' => $vector['X-Pusher-Signature']])
            ->assertOk()
            ->assertExactJson(['dispatched' => 1]);

        $this->assertCount(1, $this->received);
        $this->assertInstanceOf(ChannelOccupied::class, $this->received[0]);
        $this->assertSame(['channel_occupied', 'orders', 1764072000000, '4242'], [$this->received[0]->name, $this->received[0]->channel, $this->received[0]->timeMs, $this->received[0]->appId]);
    }

    public function testEachWebhookEventBecomesItsOwnLaravelEvent(): void
    {
        $body = json_encode(['time_ms' => self::nowMs(), 'events' => [
            ['name' => 'channel_occupied', 'channel' => 'a'],
            ['name' => 'channel_vacated', 'channel' => 'a'],
            ['name' => 'member_added', 'channel' => 'presence-r', 'user_id' => '7'],
            ['name' => 'member_removed', 'channel' => 'presence-r', 'user_id' => '7'],
            ['name' => 'client_event', 'channel' => 'private-c', 'event' => 'client-typing', 'data' => '{"on":true}', 'socket_id' => '1.2', 'user_id' => '7'],
            ['name' => 'cache_miss', 'channel' => 'cache-x'],
            ['name' => 'subscription_count', 'channel' => 'a', 'subscription_count' => 3],
            ['name' => 'something_new', 'channel' => 'a'],
        ]]);

        $this->postWebhook($body, $this->sign($body))->assertOk()->assertExactJson(['dispatched' => 8]);

        $this->assertSame([
            ChannelOccupied::class, ChannelVacated::class, MemberAdded::class, MemberRemoved::class,
            ClientEventReceived::class, CacheMiss::class, SubscriptionCountChanged::class, UnknownWebhookEvent::class,
        ], array_map('get_class', $this->received));
        $this->assertSame('7', $this->received[2]->userId());
        $this->assertSame('7', $this->received[3]->userId());
        $this->assertSame(['client-typing', ['on' => true], '1.2', '7'], [$this->received[4]->event(), $this->received[4]->data(), $this->received[4]->socketId(), $this->received[4]->userId()]);
        $this->assertSame(3, $this->received[6]->subscriptionCount());
        $this->assertSame('something_new', $this->received[7]->name);
    }

    public function testBadSignaturesGet401AndDispatchNothing(): void
    {
        $body = '{"time_ms":' . self::nowMs() . ',"events":[{"name":"channel_occupied","channel":"a"}]}';
        $good = $this->sign($body);

        $cases = [
            'no headers' => [],
            'no signature' => ['X-Pusher-Key' => 'vector-key'],
            'wrong signature' => ['X-Pusher-Key' => 'vector-key', 'X-Pusher-Signature' => str_repeat('0', 64)],
            'signature of another body' => $this->sign($body . ' '),
            'unknown key' => ['X-Pusher-Key' => 'other-key', 'X-Pusher-Signature' => $good['X-Pusher-Signature']],
            'signed with another secret' => ['X-Pusher-Key' => 'vector-key', 'X-Pusher-Signature' => hash_hmac('sha256', $body, 'guess')],
        ];
        foreach ($cases as $case => $headers) {
            $response = $this->postWebhook($body, $headers);
            $this->assertSame(401, $response->status(), $case);
            $this->assertStringNotContainsString('vector-secret', $response->getContent());
        }
        $this->assertSame([], $this->received);
    }

    public function testASignedButMalformedBodyGets400AndDispatchesNothing(): void
    {
        foreach (['not json', '{"events":{"a":1}}', '{"time_ms":1}', '{"events":[{"name":"channel_occupied"},{"channel":"x"}]}'] as $body) {
            $this->postWebhook($body, $this->sign($body))->assertStatus(400);
        }
        $this->assertSame([], $this->received);
    }

    public function testTheWebhookNeedsNoCsrfTokenOrSession(): void
    {
        $this->assertSame([], app('router')->getRoutes()->getByName('pogo-websocket.webhook')->gatherMiddleware());
    }

    private static function nowMs(): int
    {
        return (int) floor(microtime(true) * 1000);
    }

    public function testAReplayedWebhookOutsideTheWindowIsRefused(): void
    {
        $body = fn (int $ageSeconds) => json_encode(['time_ms' => self::nowMs() - $ageSeconds * 1000, 'events' => [['name' => 'channel_occupied', 'channel' => 'a']]]);

        foreach ([360, -360] as $age) {
            $old = $body($age);
            $this->postWebhook($old, $this->sign($old))->assertStatus(401)->assertJsonFragment(['error' => 'Webhook time_ms is missing or outside the accepted window (pogo-websocket.webhooks.max_age_seconds)']);
        }
        $untimed = '{"events":[{"name":"channel_occupied","channel":"a"}]}';
        $this->postWebhook($untimed, $this->sign($untimed))->assertStatus(401);
        $this->assertSame([], $this->received);

        $recent = $body(240);
        $this->postWebhook($recent, $this->sign($recent))->assertOk();
        $this->assertCount(1, $this->received);

        config(['pogo-websocket.webhooks.max_age_seconds' => 60]);
        $this->postWebhook($recent, $this->sign($recent))->assertStatus(401);
        $this->assertCount(1, $this->received);
    }
}
