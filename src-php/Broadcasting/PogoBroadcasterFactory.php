<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Broadcasting;

use Illuminate\Contracts\Config\Repository;
use Illuminate\Contracts\Container\Container;
use Pogo\WebSocket\Http\PogoClient;
use Pogo\WebSocket\Http\Signer;
use Pogo\WebSocket\Http\Transport;

/** Builds the `pogo` broadcaster (and its API client) from a broadcasting connection array. */
final class PogoBroadcasterFactory
{
    public function __construct(private readonly Container $container, private readonly ?Repository $config = null)
    {
    }

    /**
     * The broadcaster, validated on first use (see PogoBroadcaster::__construct).
     *
     * @param array<string, mixed> $config
     */
    public function make(array $config, string $envPrefix = 'WS'): PogoBroadcaster
    {
        return new PogoBroadcaster(function () use ($config, $envPrefix): array {
            $connection = ConnectionConfig::fromArray($config, $envPrefix);

            // Limits lowered for the server that pogo:ws-start runs apply to how this app chunks its publishes too.
            $serverLimits = array_map('intval', (array) ($this->config?->get('pogo-websocket.server.limits') ?? []));

            return [
                $this->client($connection),
                $connection->encryptionMasterKey !== null ? ChannelEncrypter::fromBase64($connection->encryptionMasterKey) : null,
                $connection->limits + $serverLimits,
            ];
        });
    }

    public function client(ConnectionConfig $connection): PogoClient
    {
        return new PogoClient(
            // Resolved per client, not at construction: an app or test may swap the binding until the first broadcast.
            $this->container->make(Transport::class),
            new Signer($connection->key, $connection->secret),
            $connection->appId,
            $connection->baseUrl(),
            $connection->clientOptions,
        );
    }
}
