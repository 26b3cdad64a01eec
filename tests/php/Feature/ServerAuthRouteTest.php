<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use Illuminate\Auth\GenericUser;
use Illuminate\Contracts\Config\Repository;
use Illuminate\Testing\TestResponse;
use Pogo\WebSocket\Server\ServerConfigBuilder;
use Pogo\WebSocket\Tests\Support\Vectors;
use Pogo\WebSocket\Tests\TestCase;

/** POST /pogo/auth: server-side authorization, signed by the server instead of a CSRF token. */
final class ServerAuthRouteTest extends TestCase
{
    private array $vectors;

    protected function setUp(): void
    {
        $this->vectors = Vectors::load();
        parent::setUp();
    }

    protected function defineConfig(Repository $config): void
    {
        parent::defineConfig($config);
        $config->set('pogo-websocket.server_auth.enabled', true);
        $config->set('app.url', 'http://app.test');
        $config->set('pogo-websocket.server.apps', [['id' => 'second-app', 'key' => 'second-key', 'secret' => 'second-secret']]);
    }

    protected function pogoConnection(): array
    {
        $app = $this->vectors['app'];

        return ['driver' => 'pogo', 'app_id' => $app['appId'], 'key' => $app['key'], 'secret' => $app['secret']];
    }

    /** The request the server sends: form body, forwarded cookies, and its signature headers. */
    private function serverCall(string $channel, ?int $timestamp = null, ?string $secret = null, string $key = 'vector-key'): TestResponse
    {
        $body = http_build_query(['socket_id' => $this->vectors['socket_id'], 'channel_name' => $channel]);
        $timestamp = (string) ($timestamp ?? time());
        $headers = [
            'Content-Type' => 'application/x-www-form-urlencoded',
            'X-Pogo-Key' => $key,
            'X-Pogo-Timestamp' => $timestamp,
            'X-Pogo-Signature' => hash_hmac('sha256', $timestamp . "\n" . $body, $secret ?? 'vector-secret'),
        ];
        parse_str($body, $form);

        return $this->call('POST', '/pogo/auth', $form, [], [], $this->transformHeadersToServerVars($headers), $body);
    }

    private function vector(string $channel): array
    {
        foreach ($this->vectors['channel_auth'] as $vector) {
            if ($vector['channel'] === $channel) {
                return $vector;
            }
        }
        $this->fail("no vector for {$channel}");
    }

    public function testASignedCallIsAnsweredAsBroadcastingAuthWouldBe(): void
    {
        $this->actingAs(new GenericUser(['id' => 'u1', 'name' => 'Ann']));

        $this->serverCall('private-orders.1')->assertOk()->assertExactJson(['auth' => $this->vector('private-orders.1')['auth']]);
    }

    public function testTheChannelCallbackStillDecides(): void
    {
        $this->actingAs(new GenericUser(['id' => 'u2', 'name' => 'Bob']));

        $this->serverCall('private-orders.1')->assertForbidden();
    }

    public function testUnsignedStaleOrForeignCallsAreRefusedBeforeAnyAuthorization(): void
    {
        $this->actingAs(new GenericUser(['id' => 'u1', 'name' => 'Ann']));

        $this->post('/pogo/auth', ['socket_id' => $this->vectors['socket_id'], 'channel_name' => 'private-orders.1'])->assertUnauthorized();
        $this->serverCall('private-orders.1', time() - 3600)->assertUnauthorized();
        $this->serverCall('private-orders.1', null, 'not-the-secret')->assertUnauthorized();
        $this->serverCall('private-orders.1', null, null, 'unknown-key')->assertUnauthorized();
    }

    public function testACallForAnotherAppIsSignedWithThatAppsSecret(): void
    {
        $this->actingAs(new GenericUser(['id' => 'u1', 'name' => 'Ann']));
        $socketId = $this->vectors['socket_id'];

        $this->serverCall('private-orders.1', null, 'second-secret', 'second-key')->assertOk()->assertExactJson([
            'auth' => 'second-key:' . hash_hmac('sha256', "{$socketId}:private-orders.1", 'second-secret'),
        ]);
    }

    public function testStartingTheServerTellsItWhereToAuthorize(): void
    {
        $config = $this->app->make(ServerConfigBuilder::class)->build();

        $this->assertSame('http://app.test/pogo/auth', $config['apps'][0]['authEndpoint']);
    }
}
