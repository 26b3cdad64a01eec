<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Broadcasting;

use Illuminate\Broadcasting\Broadcasters\Broadcaster;
use Illuminate\Broadcasting\Broadcasters\UsePusherChannelConventions;
use Illuminate\Broadcasting\BroadcastException;
use Illuminate\Contracts\Auth\Authenticatable;
use Illuminate\Support\Arr;
use Pogo\WebSocket\Http\PogoClient;
use Pogo\WebSocket\Http\Signer;
use Pogo\WebSocket\Support\Schema;
use Symfony\Component\HttpKernel\Exception\AccessDeniedHttpException;

/**
 * The `pogo` broadcasting driver: authorizes channels and users for Echo and publishes
 * events through the Pogo WebSocket server's signed HTTP API.
 */
class PogoBroadcaster extends Broadcaster
{
    use UsePusherChannelConventions;

    private ?PogoClient $client = null;

    private ?ChannelEncrypter $encrypter = null;

    /** @var int<1, max> */
    private int $maxChannelsPerPublish = 1;

    /** @var int<1, max> */
    private int $maxBatchEvents = 1;

    /** Signs authorizations instead of the connection's own app (the app a server-auth call came for). */
    private ?Signer $signerOverride = null;

    /**
     * @param \Closure(): array{0: PogoClient, 1: ?ChannelEncrypter, 2: array<string, int>} $connect
     *        validates the connection and builds its client; called on first use, so a wrong .env value
     *        fails the broadcast (an InvalidConnectionConfig) rather than routes/channels.php
     */
    public function __construct(private readonly \Closure $connect)
    {
    }

    public function client(): PogoClient
    {
        if ($this->client === null) {
            [$client, $encrypter, $limits] = ($this->connect)();
            $schema = Schema::load();
            $this->maxChannelsPerPublish = max(1, (int) ($limits['maxChannelsPerPublish'] ?? $schema->limit('maxChannelsPerPublish')));
            $this->maxBatchEvents = max(1, (int) ($limits['maxBatchEvents'] ?? $schema->limit('maxBatchEvents')));
            $this->encrypter = $encrypter;
            $this->client = $client;
        }

        return $this->client;
    }

    /** The same channels and callbacks, answering with another app's signatures. */
    public function signingAs(Signer $signer): static
    {
        $copy = clone $this;
        $copy->signerOverride = $signer;

        return $copy;
    }

    private function signer(): Signer
    {
        return $this->signerOverride ?? $this->client()->signer();
    }

    private function encrypter(): ?ChannelEncrypter
    {
        $this->client();

        return $this->encrypter;
    }

    /**
     * Authenticate the incoming request for a given channel.
     *
     * @param \Illuminate\Http\Request $request
     * @return mixed
     */
    public function auth($request)
    {
        $channelName = (string) $request->channel_name;
        $normalized = $this->normalizeChannelName($channelName);

        if ($channelName === '' || ! is_string($request->socket_id) || $request->socket_id === '') {
            throw new AccessDeniedHttpException();
        }

        if ($this->isGuardedChannel($channelName) && ! $this->retrieveUser($request, $normalized)) {
            throw new AccessDeniedHttpException();
        }

        return parent::verifyUserCanAccessChannel($request, $normalized);
    }

    /**
     * The body Echo expects from /broadcasting/auth once the channel callback allowed the user.
     *
     * @param \Illuminate\Http\Request $request
     * @param mixed $result
     * @return array<string, string>
     */
    public function validAuthenticationResponse($request, $result)
    {
        $channel = (string) $request->channel_name;
        $socketId = (string) $request->socket_id;
        $signer = $this->signer();

        if (ChannelEncrypter::isEncryptedChannel($channel)) {
            $encrypter = $this->encrypter();
            if ($encrypter === null) {
                throw new BroadcastException(
                    "Cannot authorize [{$channel}]: set WS_ENCRYPTION_MASTER_KEY (32 bytes, base64) to use private-encrypted- channels.",
                );
            }

            return [
                'auth' => $signer->channelAuth($socketId, $channel),
                'shared_secret' => base64_encode($encrypter->sharedSecret($channel)),
            ];
        }

        if (str_starts_with($channel, 'private')) {
            return ['auth' => $signer->channelAuth($socketId, $channel)];
        }

        $user = $this->retrieveUser($request, $this->normalizeChannelName($channel));
        $userId = match (true) {
            is_object($user) && method_exists($user, 'getAuthIdentifierForBroadcasting') => $user->getAuthIdentifierForBroadcasting(),
            $user instanceof Authenticatable => $user->getAuthIdentifier(),
            default => throw new AccessDeniedHttpException(),
        };

        $member = ['user_id' => $userId];
        if (is_array($result) && $result !== []) {
            $member['user_info'] = $result;
        }

        $channelData = json_encode($member, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);

        return [
            'auth' => $signer->channelAuth($socketId, $channel, $channelData),
            'channel_data' => $channelData,
        ];
    }

    /**
     * Answer /broadcasting/user-auth (pusher:signin) for the authenticated user.
     *
     * @param \Illuminate\Http\Request $request
     * @return array{auth: string, user_data: string}|null
     */
    public function resolveAuthenticatedUser($request)
    {
        $user = parent::resolveAuthenticatedUser($request);

        if (! is_array($user) || ! isset($user['id']) || ! is_string($request->socket_id)) {
            return null;
        }

        // Pusher requires the user id to be a string.
        $user['id'] = (string) $user['id'];
        $userData = json_encode($user, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);

        return [
            'auth' => $this->signer()->userAuth($request->socket_id, $userData),
            'user_data' => $userData,
        ];
    }

    /**
     * Broadcast the given event.
     *
     * @param array<int, \Illuminate\Broadcasting\Channel|string> $channels
     * @param string $event
     * @param array<string, mixed> $payload
     *
     * @throws BroadcastException
     */
    public function broadcast(array $channels, $event, array $payload = [])
    {
        $socketId = Arr::pull($payload, 'socket');
        $socketId = is_string($socketId) && $socketId !== '' ? $socketId : null;

        try {
            $data = json_encode($payload, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
        } catch (\JsonException $e) {
            throw new BroadcastException("Cannot broadcast [{$event}]: its payload cannot be encoded as JSON ({$e->getMessage()}).", 0, $e);
        }

        $plain = [];
        $encrypted = [];
        foreach (array_unique($this->formatChannels($channels)) as $channel) {
            if (ChannelEncrypter::isEncryptedChannel($channel)) {
                $encrypted[] = $channel;
            } else {
                $plain[] = $channel;
            }
        }

        $client = $this->client();
        foreach (array_chunk($plain, $this->maxChannelsPerPublish) as $chunk) {
            $client->trigger($chunk, (string) $event, $data, $socketId);
        }

        if ($encrypted !== []) {
            $this->broadcastEncrypted($encrypted, (string) $event, $data, $socketId);
        }
    }

    /**
     * Each encrypted channel needs its own ciphertext, so they go out as batches of one event per channel.
     *
     * @param list<string> $channels
     */
    private function broadcastEncrypted(array $channels, string $event, string $data, ?string $socketId): void
    {
        $encrypter = $this->encrypter();
        if ($encrypter === null) {
            throw new BroadcastException(sprintf(
                'Cannot broadcast [%s] to [%s]: set WS_ENCRYPTION_MASTER_KEY (32 bytes, base64) to use private-encrypted- channels.',
                $event,
                implode(', ', $channels),
            ));
        }

        $batch = [];
        foreach ($channels as $channel) {
            $item = ['name' => $event, 'channel' => $channel, 'data' => $encrypter->encrypt($channel, $data)];
            if ($socketId !== null) {
                $item['socket_id'] = $socketId;
            }
            $batch[] = $item;
        }

        foreach (array_chunk($batch, $this->maxBatchEvents) as $chunk) {
            if (count($chunk) === 1) {
                $this->client()->trigger([$chunk[0]['channel']], $event, $chunk[0]['data'], $socketId);
            } else {
                $this->client()->triggerBatch($chunk);
            }
        }
    }

    /**
     * Send an event to every connection signed in as the user (pusher:signin), on `#server-to-user-{id}`.
     *
     * @param array<string, mixed> $payload
     */
    public function sendToUser(string|int $userId, string $event, array $payload = []): void
    {
        $channel = Schema::load()->userChannelPrefix() . $userId;

        $this->client()->trigger([$channel], $event, json_encode($payload, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE));
    }

    /**
     * @param list<string> $info
     * @return array<string, array<string, mixed>>
     */
    public function occupiedChannels(?string $prefix = null, array $info = []): array
    {
        return $this->client()->channels($prefix, $info);
    }

    /**
     * @param list<string> $info
     * @return array<string, mixed>
     */
    public function channelInfo(string $channel, array $info = []): array
    {
        return $this->client()->channel($channel, $info);
    }

    /** @return list<array{id: string}> */
    public function presenceUsers(string $channel): array
    {
        return $this->client()->presenceUsers($channel);
    }

    public function terminateUserConnections(string|int $userId): void
    {
        $this->client()->terminateUserConnections((string) $userId);
    }
}
