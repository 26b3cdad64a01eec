<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Tests\Feature;

use Illuminate\Auth\GenericUser;
use Illuminate\Support\Facades\Broadcast;
use Pogo\WebSocket\Tests\Support\Vectors;
use Pogo\WebSocket\Tests\TestCase;

/** /broadcasting/auth and /broadcasting/user-auth answered by the pogo driver, checked against the Pusher SDK's vectors. */
final class ChannelAuthorizationTest extends TestCase
{
    private array $vectors;

    protected function setUp(): void
    {
        $this->vectors = Vectors::load();
        parent::setUp();
    }

    protected function pogoConnection(): array
    {
        $app = $this->vectors['app'];

        return [
            'driver' => 'pogo',
            'app_id' => $app['appId'],
            'key' => $app['key'],
            'secret' => $app['secret'],
            'options' => ['host' => '127.0.0.1', 'port' => 6001, 'scheme' => 'http', 'encryption_master_key' => $app['encryptionMasterKeyBase64']],
        ];
    }

    private function ann(): GenericUser
    {
        return new GenericUser(['id' => 'u1', 'name' => 'Ann']);
    }

    private function authorize(string $channel): \Illuminate\Testing\TestResponse
    {
        return $this->post('/broadcasting/auth', ['channel_name' => $channel, 'socket_id' => $this->vectors['socket_id']]);
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

    public function testAPrivateChannelIsSignedLikeThePusherSdk(): void
    {
        $this->actingAs($this->ann())->authorize('private-orders.1')
            ->assertOk()
            ->assertExactJson(['auth' => $this->vector('private-orders.1')['auth']]);
    }

    public function testAPresenceChannelReturnsTheMemberSignedLikeThePusherSdk(): void
    {
        $vector = $this->vector('presence-room');

        $this->actingAs($this->ann())->authorize('presence-room')
            ->assertOk()
            ->assertExactJson(['auth' => $vector['auth'], 'channel_data' => $vector['channel_data']]);
    }

    public function testAnEncryptedChannelReturnsItsSharedSecret(): void
    {
        $vector = $this->vector('private-encrypted-orders.1');

        $this->actingAs($this->ann())->authorize('private-encrypted-orders.1')
            ->assertOk()
            ->assertExactJson(['auth' => $vector['auth'], 'shared_secret' => $vector['shared_secret']]);
    }

    public function testGuestsAndUsersTheCallbackRefusesGet403(): void
    {
        $this->authorize('private-orders.1')->assertForbidden();
        $this->actingAs(new GenericUser(['id' => 'u2', 'name' => 'Bob']))->authorize('private-orders.1')->assertForbidden();
        $this->actingAs($this->ann())->authorize('private-orders.2')->assertForbidden();
        $this->actingAs($this->ann())->authorize('private-unknown')->assertForbidden();
    }

    public function testARequestWithoutSocketIdOrChannelIsRefused(): void
    {
        $this->actingAs($this->ann())->post('/broadcasting/auth', ['channel_name' => 'private-orders.1'])->assertForbidden();
        $this->actingAs($this->ann())->post('/broadcasting/auth', ['socket_id' => $this->vectors['socket_id']])->assertForbidden();
    }

    public function testUserAuthenticationForPusherSigninIsSignedLikeThePusherSdk(): void
    {
        $vector = $this->vectors['user_auth'][0];
        Broadcast::resolveAuthenticatedUserUsing(fn () => ['id' => 'u1', 'user_info' => ['name' => 'Ann']]);

        $this->actingAs($this->ann())
            ->post('/broadcasting/user-auth', ['socket_id' => $this->vectors['socket_id']])
            ->assertOk()
            ->assertExactJson(['auth' => $vector['auth'], 'user_data' => $vector['user_data']]);
    }

    public function testNumericUserIdsAreSentAsStringsForSignin(): void
    {
        Broadcast::resolveAuthenticatedUserUsing(fn () => ['id' => 7]);

        $response = $this->actingAs($this->ann())
            ->post('/broadcasting/user-auth', ['socket_id' => $this->vectors['socket_id']])
            ->assertOk();

        $this->assertSame('{"id":"7"}', $response->json('user_data'));
    }
}
